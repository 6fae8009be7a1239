import type { RoleAssignment, State } from "../state";

/**
 * Azure RBAC as the emulator applies it: a principal may perform an action at a scope when a role assignment at that
 * scope or any scope above it (resource → resource group → subscription → management groups → tenant root) grants
 * a role whose actions match and whose notActions do not.
 */

/** The scope itself and every scope above it, nearest first. Scopes compare case-insensitively, as ARM does. */
export function scopeAncestry(state: State, scope: string): string[] {
  const result: string[] = [];
  const normalized = scope.replace(/\/+$/, "");
  const sub = /^\/subscriptions\/([^/]+)(\/resourceGroups\/([^/]+)(\/.*)?)?$/i.exec(normalized);
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(normalized);
  let groupName: string | undefined;
  if (sub) {
    const [, subscriptionId, , rg, rest] = sub;
    if (rest) result.push(normalized);
    if (rg) result.push(`/subscriptions/${subscriptionId}/resourceGroups/${rg}`);
    result.push(`/subscriptions/${subscriptionId}`);
    groupName = state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subscriptionId!.toLowerCase())?.managementGroupId;
  } else if (mg) {
    groupName = mg[1];
  } else if (normalized === "" || normalized === "/") {
    return ["/"];
  }
  const seen = new Set<string>();
  while (groupName && !seen.has(groupName.toLowerCase())) {
    seen.add(groupName.toLowerCase());
    result.push(`/providers/Microsoft.Management/managementGroups/${groupName}`);
    const name = groupName;
    groupName = state.managementGroups.find((g) => g.name.toLowerCase() === name.toLowerCase())?.parentName;
  }
  result.push("/");
  return result;
}

function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return regex.test(action);
}

/** Whether one role definition grants the action. */
export function roleGrants(state: State, roleDefinitionName: string, action: string): boolean {
  const role = state.roleDefinitions.find((r) => r.name.toLowerCase() === roleDefinitionName.toLowerCase());
  if (!role) return false;
  return role.actions.some((a) => actionMatches(a, action)) && !role.notActions.some((a) => actionMatches(a, action));
}

export interface PermissionQuery {
  principalId: string;
  action: string;
  scope: string;
  /** Skip assignments that are not yet effective (replication) — TestConnection's view. */
  effectiveOnly?: boolean;
}

/** The assignments that grant the action at the scope, nearest scope first. */
export function grantingAssignments(state: State, query: PermissionQuery): RoleAssignment[] {
  const ancestry = scopeAncestry(state, query.scope).map((s) => s.toLowerCase());
  return state.roleAssignments
    .filter((ra) => ra.principalId.toLowerCase() === query.principalId.toLowerCase())
    .filter((ra) => ancestry.includes(ra.scope.replace(/\/+$/, "").toLowerCase() || "/"))
    .filter((ra) => !query.effectiveOnly || ra.pendingTestConnectionCalls <= 0)
    .filter((ra) => roleGrants(state, ra.roleDefinitionName, query.action))
    .sort((a, b) => ancestry.indexOf(a.scope.toLowerCase()) - ancestry.indexOf(b.scope.toLowerCase()));
}

export function hasPermission(state: State, query: PermissionQuery): boolean {
  return grantingAssignments(state, query).length > 0;
}
