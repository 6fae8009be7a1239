import { Button } from "azure-devops-ui/Button";
import { Checkbox } from "azure-devops-ui/Checkbox";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useState } from "react";
import {
  describeDeletion,
  type ConnectionDeletion,
  type DeletionChoice,
  type DeletionPlan,
} from "../../workflows/connections/connectionDeletion";
import type { Inventory, InventoryRow } from "../../workflows/connections/inventory";
import type { TabServices } from "./tabServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ActionProgress } from "./ActionProgress";
import { useActionRun } from "./useActionRun";

function Part({
  label,
  checked,
  blocked,
  onChange,
}: {
  label: string;
  checked: boolean;
  blocked: string | undefined;
  onChange: (checked: boolean) => void;
}) {
  return (
    <li className="deletion-part">
      <Checkbox label={label} checked={checked && !blocked} disabled={Boolean(blocked)} onChange={(_, value) => onChange(value)} />
      {blocked && <div className="secondary-text deletion-blocked">{blocked}</div>}
    </li>
  );
}

function DeletionForm({
  plan,
  onDelete,
  onCancel,
}: {
  plan: DeletionPlan;
  onDelete: (choice: DeletionChoice) => void;
  onCancel: () => void;
}) {
  const [choice, setChoice] = useState<DeletionChoice>(plan.defaults);
  useEffect(() => setChoice(plan.defaults), [plan]);
  const shared = plan.sharedWith.length > 0;
  const effective: DeletionChoice = {
    connection: choice.connection,
    roleAssignments: choice.roleAssignments && !plan.blocked.roleAssignments,
    app: choice.app && !plan.blocked.app,
    otherRoleAssignments: shared ? [] : (choice.otherRoleAssignments ?? []),
    purgeApp: choice.app && !plan.blocked.app && choice.purgeApp === true,
  };
  const lines = describeDeletion(plan, effective);
  const roles = (plan.roleAssignments ?? []).filter((r) => r.ours);
  const others = (plan.roleAssignments ?? []).filter((r) => !r.ours);
  const toggleOther = (name: string, on: boolean) =>
    setChoice({
      ...choice,
      otherRoleAssignments: [...(choice.otherRoleAssignments ?? []).filter((n) => n !== name), ...(on ? [name] : [])],
    });
  return (
    <div className="flex-column rhythm-vertical-16">
      <ul className="deletion-parts">
        <Part
          label={plan.sharedWith.length > 0 ? "The service connection (from this project only)" : "The service connection"}
          checked={choice.connection}
          blocked={undefined}
          onChange={(v) => setChoice({ ...choice, connection: v })}
        />
        <Part
          label={
            roles.length > 0
              ? `Its role assignment${roles.length > 1 ? "s" : ""}: ${roles.map((r) => r.roleName).join(", ")} ` +
                `at the ${plan.scopeDescription}`
              : "Its role assignment at the connection's scope"
          }
          checked={choice.roleAssignments}
          blocked={plan.blocked.roleAssignments}
          onChange={(v) => setChoice({ ...choice, roleAssignments: v })}
        />
        <Part
          label={plan.app ? `The app registration "${plan.app.displayName}"` : "The app registration"}
          checked={choice.app}
          blocked={plan.blocked.app}
          onChange={(v) => setChoice({ ...choice, app: v })}
        />
        {plan.app && !plan.blocked.app && (
          <Part
            label="Then remove it from Entra's deleted items for good"
            checked={choice.app && choice.purgeApp === true}
            blocked={choice.app ? undefined : "Choose the app registration first."}
            onChange={(v) => setChoice({ ...choice, purgeApp: v })}
          />
        )}
      </ul>
      {plan.app && !plan.blocked.app && (
        <p className="secondary-text" data-testid="deleted-items-note">
          A deleted app registration stays in Entra's deleted items for 30 days and, until then, counts toward the 250 directory objects a
          person without an administrator role may create. Removing it for good frees that place; it can then no longer be restored.
        </p>
      )}
      {others.length > 0 && (
        <fieldset className="deletion-other-roles">
          <legend>Other role assignments of its service principal (not made by this extension)</legend>
          <p className="secondary-text">Nothing here is deleted unless you tick it: other tools or people may rely on these.</p>
          <ul className="deletion-parts">
            {others.map((r) => (
              <Part
                key={`${r.scope}|${r.name}`}
                label={`${r.roleName} at ${r.scope}`}
                checked={(choice.otherRoleAssignments ?? []).includes(r.name)}
                blocked={shared ? plan.blocked.roleAssignments : undefined}
                onChange={(v) => toggleOther(r.name, v)}
              />
            ))}
          </ul>
        </fieldset>
      )}
      {shared && (
        <p className="body-m" data-testid="shared-warning">
          This connection is shared with {plan.sharedWith.map((p) => p.name).join(", ")}. Deleting it here only removes this project's
          reference; the role assignment and the app registration cannot be deleted, because the other projects would stop working.
        </p>
      )}
      {lines.length > 0 ? (
        <div className="deletion-confirmation" role="region" aria-label="What will be deleted">
          <strong>This deletes, for good:</strong>
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="secondary-text">Nothing is chosen.</p>
      )}
      <div className="flex-row rhythm-horizontal-8">
        <Button primary text="Delete" disabled={lines.length === 0} onClick={() => onDelete(effective)} />
        <Button text="Cancel" onClick={onCancel} />
      </div>
    </div>
  );
}

/** Delete cleanly: choose the parts (connection, role assignment, app), read the confirmation, follow the run. */
export function DeleteConnection({
  services,
  row,
  inventory,
  onClose,
}: {
  services: TabServices;
  row: InventoryRow;
  inventory: Inventory;
  onClose: () => void;
}) {
  const [plan, reload] = useAsync(() => services.planConnectionDeletion(row, inventory), row.facts.id, "Finding what to delete");
  const action = useActionRun<ConnectionDeletion>();

  if (action.snapshot && action.run) {
    const created = action.run.created;
    const parts = [
      created.connectionDeleted ? "the connection" : undefined,
      created.deletedRoleAssignments?.length ? "its role assignment" : undefined,
      created.appDeleted ? "its app registration" : undefined,
      created.appPurged ? "the app registration from Entra's deleted items" : undefined,
    ].filter(Boolean);
    return (
      <ActionProgress
        snapshot={action.snapshot}
        now={() => services.now().getTime()}
        outcome={`Deleted ${parts.join(", ") || "nothing"}.`}
        onRetry={action.retry}
        onCancel={action.cancel}
        onClose={onClose}
      />
    );
  }
  if (plan.status === "failed") return <InlineProblem problem={plan.problem} onRetry={reload} />;
  if (plan.status !== "ready") return <Spinner size={SpinnerSize.medium} label="Finding the role assignment and app registration…" />;
  return (
    <DeletionForm
      plan={plan.value}
      onCancel={onClose}
      onDelete={(choice) => action.begin((onChange) => services.startDeletion(plan.value, choice, onChange))}
    />
  );
}
