import { Dropdown } from "azure-devops-ui/Dropdown";
import type { IListBoxItem } from "azure-devops-ui/ListBox";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { useMemo } from "react";
import type { ProvisioningDraft } from "../../../workflows/provisioning/draft";
import type { ScopeLevel } from "../../../workflows/provisioning/form";
import type { AzureDirectory } from "../../../workflows/directory/azureDirectory";
import { Field } from "../../common/Field";
import { InlineProblem } from "../../common/InlineProblem";
import { useAsync, type AsyncState } from "../../common/useAsync";
import { useSelection } from "../useSelection";
import { BulkScopePicker, BulkScopeToggle } from "../../bulk/BulkScopePicker";
import type { BulkScopeChoice } from "../../bulk/useBulk";

export interface ScopePageProps {
  directory: AzureDirectory;
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  error?: string;
  /** Several scopes in one run (see hub/bulk); absent where only one scope can be chosen. */
  bulk?: BulkScopeChoice;
}

/** Names and ids both find an item: people know subscriptions by either. */
function filterByNameOrId(filterText: string, item: IListBoxItem): boolean {
  const needle = filterText.trim().toLowerCase();
  return !needle || (item.text ?? "").toLowerCase().includes(needle) || item.id.toLowerCase().includes(needle);
}

function Picker({
  label,
  state,
  items,
  selectedId,
  onSelect,
  onRetry,
  placeholder,
  hint,
  error,
  noItemsText,
}: {
  label: string;
  state: AsyncState<unknown>;
  items: IListBoxItem[];
  selectedId: string | undefined;
  onSelect: (item: IListBoxItem) => void;
  onRetry: () => void;
  placeholder: string;
  hint?: string;
  error?: string;
  noItemsText: string;
}) {
  const selection = useSelection(items, selectedId);
  if (state.status === "failed") return <InlineProblem problem={state.problem} onRetry={onRetry} />;
  return (
    <Field label={label} hint={hint} error={error} required>
      <Dropdown
        items={items}
        selection={selection}
        placeholder={state.status === "loading" ? "Loading…" : placeholder}
        onSelect={(_, item) => onSelect(item)}
        showFilterBox={items.length > 8}
        filterItem={filterByNameOrId}
        filterPlaceholderText="Filter by name or ID"
        filteredNoResultsText="Nothing matches"
        noItemsText={noItemsText}
        ariaLabel={label}
        width={480}
      />
    </Field>
  );
}

const LEVELS: Array<{ id: ScopeLevel; text: string }> = [
  { id: "Subscription", text: "Subscription" },
  { id: "ManagementGroup", text: "Management Group" },
  { id: "AzureMLWorkspace", text: "Machine Learning Workspace" },
];

/** Step 2: the scope level, and the subscription, management group or workspace, picked from what ARM lists. */
export function ScopePage({ directory, draft, update, error, bulk }: ScopePageProps) {
  const level = draft.scopeLevel;
  // Several scopes replace the last picker of the level (for workspaces, the workspace one).
  const several = bulk?.enabled === true;
  const needsSubscriptions = level === "Subscription" || level === "AzureMLWorkspace";
  const [subscriptions, reloadSubscriptions] = useAsync(
    needsSubscriptions ? () => directory.subscriptions() : undefined,
    `subs|${needsSubscriptions}`,
    "Listing subscriptions",
  );
  const [groups, reloadGroups] = useAsync(
    level === "ManagementGroup" ? () => directory.managementGroups() : undefined,
    `mg|${level}`,
    "Listing management groups",
  );
  const subscriptionId = draft.subscription?.id;
  const [resourceGroups, reloadResourceGroups] = useAsync(
    level === "AzureMLWorkspace" && subscriptionId ? () => directory.resourceGroups(subscriptionId) : undefined,
    `rg|${level}|${subscriptionId ?? ""}`,
    "Listing resource groups",
  );
  const resourceGroup = draft.resourceGroup;
  const [workspaces, reloadWorkspaces] = useAsync(
    level === "AzureMLWorkspace" && subscriptionId && resourceGroup ? () => directory.workspaces(subscriptionId, resourceGroup) : undefined,
    `ws|${level}|${subscriptionId ?? ""}|${resourceGroup ?? ""}`,
    "Listing Machine Learning workspaces",
  );

  const subscriptionItems = useMemo(
    () =>
      subscriptions.status === "ready"
        ? subscriptions.value.map((s) => ({ id: s.subscriptionId, text: `${s.displayName} (${s.subscriptionId})` }))
        : [],
    [subscriptions],
  );
  const groupItems = useMemo(
    () => (groups.status === "ready" ? groups.value.map((g) => ({ id: g.name, text: `${g.displayName} (${g.name})` })) : []),
    [groups],
  );
  const rgItems = useMemo(
    () => (resourceGroups.status === "ready" ? resourceGroups.value.map((g) => ({ id: g.name, text: g.name })) : []),
    [resourceGroups],
  );
  const wsItems = useMemo(
    () => (workspaces.status === "ready" ? workspaces.value.map((w) => ({ id: w.name, text: w.name })) : []),
    [workspaces],
  );

  return (
    <div className="flex-column rhythm-vertical-16">
      <RadioButtonGroup
        text="Scope level"
        selectedButtonId={level}
        onSelect={(id) =>
          update({
            scopeLevel: id as ScopeLevel,
            subscription: undefined,
            managementGroup: undefined,
            resourceGroup: undefined,
            workspace: undefined,
          })
        }
      >
        {LEVELS.map((l) => (
          <RadioButton key={l.id} id={l.id} text={l.text} />
        ))}
      </RadioButtonGroup>

      {needsSubscriptions && !(several && level === "Subscription") && (
        <Picker
          label={level === "Subscription" ? "Subscription" : "Subscription of the workspace"}
          state={subscriptions}
          items={subscriptionItems}
          selectedId={subscriptionId}
          onSelect={(item) => {
            // Two subscriptions can share a name: the list shows the id too, the form keeps the name alone.
            const chosen = subscriptions.status === "ready" ? subscriptions.value.find((s) => s.subscriptionId === item.id) : undefined;
            update({ subscription: { id: item.id, name: chosen?.displayName ?? item.id }, resourceGroup: undefined, workspace: undefined });
          }}
          onRetry={reloadSubscriptions}
          placeholder="Choose a subscription"
          hint={subscriptions.status === "ready" ? `${subscriptionItems.length} enabled subscription(s) of this directory.` : undefined}
          error={level === "Subscription" ? error : !subscriptionId ? error : undefined}
          noItemsText="You can see no enabled subscription in this directory."
        />
      )}
      {level === "ManagementGroup" && !several && (
        <Picker
          label="Management group"
          state={groups}
          items={groupItems}
          selectedId={draft.managementGroup?.id}
          onSelect={(item) => {
            const group = groups.status === "ready" ? groups.value.find((g) => g.name === item.id) : undefined;
            update({ managementGroup: { id: item.id, name: group?.displayName ?? item.id } });
          }}
          onRetry={reloadGroups}
          placeholder="Choose a management group"
          error={error}
          noItemsText="You can see no management group in this directory."
        />
      )}
      {level === "AzureMLWorkspace" && subscriptionId && (
        <Picker
          label="Resource group"
          state={resourceGroups}
          items={rgItems}
          selectedId={resourceGroup}
          onSelect={(item) => update({ resourceGroup: item.id, workspace: undefined })}
          onRetry={reloadResourceGroups}
          placeholder="Choose the resource group containing the workspace"
          error={!resourceGroup ? error : undefined}
          noItemsText="This subscription has no resource group you can see."
        />
      )}
      {level === "AzureMLWorkspace" && subscriptionId && resourceGroup && !several && (
        <Picker
          label="ML workspace name"
          state={workspaces}
          items={wsItems}
          selectedId={draft.workspace?.name}
          onSelect={(item) => {
            const ws = workspaces.status === "ready" ? workspaces.value.find((w) => w.name === item.id) : undefined;
            update({ workspace: { name: item.id, location: ws?.location ?? "" } });
          }}
          onRetry={reloadWorkspaces}
          placeholder="Choose the workspace"
          hint={draft.workspace ? `ML workspace location: ${draft.workspace.location}` : undefined}
          error={draft.resourceGroup && !draft.workspace ? error : undefined}
          noItemsText="This resource group has no Machine Learning workspace."
        />
      )}
      {bulk && <BulkScopeToggle bulk={bulk} />}
      {bulk && several && <BulkScopePicker directory={directory} draft={draft} bulk={bulk} error={error} />}
    </div>
  );
}
