/** One block of a role definition's permissions, as ARM returns it. */
export interface PermissionBlock {
  actions?: string[];
  notActions?: string[];
}

export const ROLE_ASSIGNMENTS_WRITE = "Microsoft.Authorization/roleAssignments/write";

/** ARM action patterns: case-insensitive, "*" matches any run of characters (slashes included). */
export function actionMatches(pattern: string, action: string): boolean {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "i").test(action);
}

/**
 * Whether a role definition grants an action: some block lists it (or a wildcard covering it) in actions and the same
 * block does not take it away in notActions. notActions subtract within their own block only, as ARM evaluates them.
 */
export function grantsAction(permissions: readonly PermissionBlock[], action: string): boolean {
  return permissions.some(
    (block) =>
      (block.actions ?? []).some((a) => actionMatches(a, action)) && !(block.notActions ?? []).some((n) => actionMatches(n, action)),
  );
}
