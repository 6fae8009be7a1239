/** What a role lets its holder do, judged from its actions: only read, also write, or also grant access to others. */
export type RoleRisk = "read" | "write" | "grantAccess";

const matches = (pattern: string, action: string) =>
  new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  ).test(action);

function grants(actions: string[], notActions: string[], action: string): boolean {
  return actions.some((a) => matches(a, action)) && !notActions.some((a) => matches(a, action));
}

export function roleRisk(definition: { actions: string[]; notActions: string[] }): RoleRisk {
  if (grants(definition.actions, definition.notActions, "Microsoft.Authorization/roleAssignments/write")) return "grantAccess";
  const writes = definition.actions.some((a) => !/\/read$/i.test(a) && a !== "*/read");
  return writes ? "write" : "read";
}

export function roleRiskWarning(roleName: string, risk: RoleRisk): string | undefined {
  if (risk === "grantAccess")
    return (
      `${roleName} lets every pipeline that uses this connection give other identities access to Azure. ` +
      "Use it only if the pipelines must manage access."
    );
  if (risk === "write")
    return (
      `${roleName} lets every pipeline that uses this connection change or delete Azure resources at this scope. ` +
      "Reader is enough to deploy nothing and read everything."
    );
  return undefined;
}

/**
 * The role a run will assign, as Azure names it. The form's role may come from the organization settings, which any
 * user of the extension can write: `{id: Owner's id, roleName: "Reader"}` must show as Owner. So the name and the risk
 * are taken from ARM's role definition for the id that will be assigned, never from the form; when ARM cannot be
 * read (or does not know the id at this scope), the id is shown with "name not confirmed" and the risk is unknown,
 * which the warnings treat as the worst case.
 */
export interface ConfirmedRole {
  id: string;
  /** ARM's roleName, or a label naming the id when ARM could not confirm it. */
  roleName: string;
  confirmed: boolean;
  risk: RoleRisk | "unknown";
}

/** A role definition as ARM lists it at the scope (workflows/directory RoleOption): id is the definition's GUID. */
export interface KnownRoleDefinition {
  id: string;
  roleName: string;
  risk: RoleRisk;
}

export function unconfirmedRoleName(id: string): string {
  return `Role ${id} (name not confirmed by Azure)`;
}

/** Names the role to be assigned from ARM's definitions; undefined definitions means ARM could not be read. */
export function confirmRole(role: { id: string }, definitions: readonly KnownRoleDefinition[] | undefined): ConfirmedRole {
  const id = role.id.trim().toLowerCase();
  const known = definitions?.find((d) => d.id.toLowerCase() === id);
  return known
    ? { id, roleName: known.roleName, confirmed: true, risk: known.risk }
    : { id, roleName: unconfirmedRoleName(id), confirmed: false, risk: "unknown" };
}

/** The warning for a confirmed or unconfirmed role: an unknown role is treated as one that may grant access. */
export function confirmedRoleWarning(role: ConfirmedRole): string | undefined {
  if (role.risk === "unknown")
    return (
      `Azure could not confirm which role ${role.id} is, so what it lets pipelines do is unknown: treat it as able to change ` +
      "resources and grant access. Go back to Role and choose a role from Azure's list, or check the ID in the Azure portal."
    );
  return roleRiskWarning(role.roleName, role.risk);
}
