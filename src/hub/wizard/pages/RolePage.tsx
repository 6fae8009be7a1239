import { Dropdown } from "azure-devops-ui/Dropdown";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { useMemo } from "react";
import type { AzureDirectory } from "../../../workflows/directory/azureDirectory";
import type { ProvisioningDraft } from "../../../workflows/provisioning/draft";
import { confirmedRoleWarning, confirmRole } from "../../../workflows/provisioning/roleRisk";
import { Field } from "../../common/Field";
import { InlineProblem } from "../../common/InlineProblem";
import { useAsync } from "../../common/useAsync";
import { useSelection } from "../useSelection";

export interface RolePageProps {
  directory: AzureDirectory;
  /** The ARM scope the role will be assigned at. */
  scope: string;
  draft: ProvisioningDraft;
  update: (change: Partial<ProvisioningDraft>) => void;
  error?: string;
}

/** Step 5: the role the app gets at the scope; Reader unless the pipelines must change something. */
export function RolePage({ directory, scope, draft, update, error }: RolePageProps) {
  const [roles, reload] = useAsync(() => directory.roles(scope), scope, "Listing the roles");
  const items = useMemo(
    () =>
      roles.status === "ready"
        ? roles.value.map((r) => ({ id: r.id, text: r.builtIn ? r.roleName : `${r.roleName} (custom)` }))
        : // Until ARM answers (or when it cannot), the preselected role shows by its id: the name the draft carries may
          // come from the organization settings, which any user of the extension can write.
          [{ id: draft.role.id, text: confirmRole(draft.role, undefined).roleName }],
    [roles, draft.role],
  );
  const selection = useSelection(items, draft.role.id);
  const chosen = roles.status === "ready" ? roles.value.find((r) => r.id === draft.role.id.toLowerCase()) : undefined;
  const confirmed = confirmRole(draft.role, roles.status === "ready" ? roles.value : undefined);
  const warning = roles.status === "loading" || roles.status === "idle" ? undefined : confirmedRoleWarning(confirmed);
  const unknownId = roles.status === "ready" && !chosen && draft.role.id !== "";

  return (
    <div className="flex-column rhythm-vertical-16">
      {roles.status === "failed" && <InlineProblem problem={roles.problem} onRetry={reload} />}
      <Field label="Role" error={error} hint={chosen?.description} required>
        <Dropdown
          items={items}
          selection={selection}
          showFilterBox={items.length > 8}
          filterPlaceholderText="Filter roles"
          onSelect={(_, item) => {
            const role = roles.status === "ready" ? roles.value.find((r) => r.id === item.id) : undefined;
            if (role) update({ role: { id: role.id, roleName: role.roleName } });
          }}
          ariaLabel="Role"
          width={420}
        />
      </Field>
      {unknownId && (
        <MessageCard severity={MessageCardSeverity.Warning}>
          <span data-testid="role-unknown">
            Azure lists no role with the ID {draft.role.id} at this scope, so its name cannot be confirmed. Choose a role from the list.
          </span>
        </MessageCard>
      )}
      {warning && !unknownId && (
        <MessageCard severity={MessageCardSeverity.Warning}>
          <span data-testid="role-warning">{warning}</span>
        </MessageCard>
      )}
      <p className="body-s secondary-text">
        Reader lets pipelines read resources and deployment state, which is enough for the connection to verify and for tasks that only
        read. Choose Contributor (or a narrower custom role) when pipelines deploy or change resources, and a role that grants access only
        when they must assign roles themselves.
      </p>
    </div>
  );
}
