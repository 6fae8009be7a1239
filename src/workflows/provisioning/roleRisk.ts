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
    return `${roleName} lets every pipeline that uses this connection give other identities access to Azure. Use it only if the pipelines must manage access.`;
  if (risk === "write")
    return `${roleName} lets every pipeline that uses this connection change or delete Azure resources at this scope. Reader is enough to deploy nothing and read everything.`;
  return undefined;
}
