import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { RadioButton, RadioButtonGroup } from "azure-devops-ui/RadioButton";
import { TextField } from "azure-devops-ui/TextField";
import { useMemo, useState } from "react";
import type { AzureDirectory } from "../../workflows/directory/azureDirectory";
import { MAX_BULK_SCOPES, MAX_FEDERATED_CREDENTIALS_PER_APP, type BulkAppMode } from "../../workflows/bulk/bulkLimits";
import type { ProvisioningDraft } from "../../workflows/provisioning/draft";
import type { ScopeChoice } from "../../workflows/provisioning/form";
import { armScope } from "../../workflows/provisioning/scope";
import { Field } from "../common/Field";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync, type AsyncState } from "../common/useAsync";
import type { BulkScopeChoice } from "./useBulk";
import "./bulk.css";

/** Checkboxes shown at once; a filter narrows longer lists (a tenant can hold thousands of subscriptions). */
const SHOWN = 200;

interface Option {
  key: string;
  text: string;
  scope: ScopeChoice;
}

/** "Create connections for several scopes in one run": off by default, so one scope is today's flow. */
export function BulkScopeToggle({ bulk }: { bulk: BulkScopeChoice }) {
  return (
    <Checkbox
      label={`Create connections for several scopes in one run (up to ${MAX_BULK_SCOPES})`}
      checked={bulk.enabled}
      onChange={(_, checked) => bulk.setEnabled(checked)}
    />
  );
}

/** The subscriptions, management groups or workspaces of the level, each with a checkbox, filterable, with select-all. */
export function BulkScopePicker({
  directory,
  draft,
  bulk,
  error,
}: {
  directory: AzureDirectory;
  draft: ProvisioningDraft;
  bulk: BulkScopeChoice;
  error?: string;
}) {
  const options = useOptions(directory, draft);
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const matching = useMemo(
    () => (options.status === "ready" ? options.value.filter((o) => !needle || o.text.toLowerCase().includes(needle)) : []),
    [options, needle],
  );
  const chosen = new Set(bulk.scopes.map((s) => armScope(s).toLowerCase()));
  const room = MAX_BULK_SCOPES - chosen.size;
  const unchosenMatching = matching.filter((o) => !chosen.has(o.key));
  const set = (add: Option[], remove: Set<string>) =>
    bulk.choose([...bulk.scopes.filter((s) => !remove.has(armScope(s).toLowerCase())), ...add.map((o) => o.scope)]);

  if (options.status === "idle") return null;
  if (options.status === "failed") return <InlineProblem problem={options.problem} onRetry={options.reload} />;
  const what =
    draft.scopeLevel === "Subscription" ? "subscriptions" : draft.scopeLevel === "ManagementGroup" ? "management groups" : "workspaces";
  const hint =
    `${chosen.size} of at most ${MAX_BULK_SCOPES} chosen. ` +
    (bulk.mode === "sharedApp"
      ? "Each scope gets a role assignment for the one app registration, and its own connection named from the name template; "
      : "Each scope gets its own app registration and connection, named from the name template; ") +
    "Review lists every name. One scope chosen is a single connection, as usual.";
  return (
    <fieldset className="bulk-scopes flex-column rhythm-vertical-8">
      <legend className="title-xs">{`Choose the ${what}`}</legend>
      <Field label={`Filter ${what}`} hint={hint} error={error ?? bulk.limitProblem}>
        <TextField
          value={filter}
          onChange={(_, value) => setFilter(value)}
          placeholder="Filter by name or ID"
          ariaLabel={`Filter ${what}`}
        />
      </Field>
      <div className="flex-column rhythm-vertical-8">
        <div className="flex-row rhythm-horizontal-8">
          <Button
            text={unchosenMatching.length > room ? `Select the first ${room} shown` : `Select all ${matching.length} shown`}
            disabled={room === 0 || unchosenMatching.length === 0}
            onClick={() => set(unchosenMatching.slice(0, room), new Set())}
          />
          <Button
            text="Clear the shown"
            disabled={matching.every((o) => !chosen.has(o.key))}
            onClick={() => set([], new Set(matching.map((o) => o.key)))}
          />
        </div>
        {options.status === "loading" && <p role="status">Loading…</p>}
        {options.status === "ready" && matching.length === 0 && (
          <p>{options.value.length === 0 ? `You can see no ${what} here.` : "Nothing matches."}</p>
        )}
        <ul className="bulk-scope-list" aria-label={`The ${what} to create connections for`}>
          {matching.slice(0, SHOWN).map((o) => (
            <li key={o.key}>
              <Checkbox
                label={o.text}
                checked={chosen.has(o.key)}
                disabled={!chosen.has(o.key) && room === 0}
                onChange={(_, checked) => set(checked ? [o] : [], checked ? new Set() : new Set([o.key]))}
              />
            </li>
          ))}
        </ul>
        {matching.length > SHOWN && (
          <p className="secondary-text">{`Showing ${SHOWN} of ${matching.length}: filter to find the others.`}</p>
        )}
        {room === 0 && <p className="secondary-text">{`${MAX_BULK_SCOPES} scopes is the most one run takes.`}</p>}
      </div>
      <AppModeChoice mode={bulk.mode} onChange={bulk.setMode} />
    </fieldset>
  );
}

/** Per scope (the default), or one app with a role at each scope and one connection per scope. */
function AppModeChoice({ mode, onChange }: { mode: BulkAppMode; onChange: (mode: BulkAppMode) => void }) {
  return (
    <div className="flex-column rhythm-vertical-8">
      <RadioButtonGroup text="App registrations" selectedButtonId={mode} onSelect={(id) => onChange(id as BulkAppMode)}>
        <RadioButton id="appPerScope" text="One app registration per scope (default)" />
        <RadioButton id="sharedApp" text="One app registration shared by every scope" />
      </RadioButtonGroup>
      <p className="secondary-text">
        {mode === "sharedApp"
          ? "One app registration and one client secret serve every connection, with a role at each scope. With workload " +
            `identity federation an app holds at most ${MAX_FEDERATED_CREDENTIALS_PER_APP} federated credentials, one per ` +
            `connection: a shared app then serves at most ${MAX_FEDERATED_CREDENTIALS_PER_APP} scopes.`
          : "Each scope's connection has an app registration of its own: one can be rotated, deleted or rolled back without " +
            "touching the others."}
      </p>
    </div>
  );
}

type Options = AsyncState<Option[]> & { reload: () => void };

/** The level's scopes from the directory (its reads are cached: the single pickers asked for the same lists). */
function useOptions(directory: AzureDirectory, draft: ProvisioningDraft): Options {
  const level = draft.scopeLevel;
  const subscription = draft.subscription;
  const resourceGroup = draft.resourceGroup;
  const load = async (): Promise<Option[]> => {
    if (level === "Subscription")
      return (await directory.subscriptions()).map((s) =>
        option({ level, subscriptionId: s.subscriptionId, subscriptionName: s.displayName }, s.subscriptionId),
      );
    if (level === "ManagementGroup")
      return (await directory.managementGroups()).map((g) =>
        option({ level, managementGroupId: g.name, managementGroupName: g.displayName }, g.name),
      );
    const workspaces = await directory.workspaces(subscription!.id, resourceGroup!);
    return workspaces.map((w) =>
      option({
        level,
        subscriptionId: subscription!.id,
        subscriptionName: subscription!.name,
        resourceGroupName: resourceGroup!,
        workspaceName: w.name,
        workspaceLocation: w.location,
      }),
    );
  };
  const ready = level !== "AzureMLWorkspace" || Boolean(subscription && resourceGroup);
  const [state, reload] = useAsync(
    ready ? load : undefined,
    `bulk|${level}|${subscription?.id ?? ""}|${resourceGroup ?? ""}`,
    "Listing the scopes",
  );
  return { ...state, reload };
}

function option(scope: ScopeChoice, id?: string): Option {
  const name =
    scope.level === "Subscription"
      ? scope.subscriptionName
      : scope.level === "ManagementGroup"
        ? scope.managementGroupName
        : scope.workspaceName;
  return { key: armScope(scope).toLowerCase(), text: id ? `${name} (${id})` : name, scope };
}
