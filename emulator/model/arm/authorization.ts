import type { RoleAssignment, RoleDefinition, State, Subscription } from "../state";

/**
 * Azure RBAC as the emulator applies it: a principal may perform an action at a scope when a role assignment at that
 * scope or any scope above it (resource → resource group → subscription → management groups → tenant root) grants
 * a role whose actions match and whose notActions do not.
 */

const MG_PREFIX = "/providers/Microsoft.Management/managementGroups/";

/** A scope without trailing slashes; the tenant root is "/". */
export function normalizeScope(scope: string): string {
  return scope.replace(/\/+$/, "") || "/";
}

function findSubscription(state: State, subscriptionId: string): Subscription | undefined {
  const wanted = subscriptionId.toLowerCase();
  return state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === wanted);
}

/**
 * The management group a subscription sits under. Every subscription of a tenant sits below its tenant root group
 * (named after the tenant id) in Azure, so one without an explicit group falls back to that root group when the
 * world holds it.
 */
export function parentGroupOf(state: State, subscription: Subscription): string | undefined {
  if (subscription.managementGroupId) return subscription.managementGroupId;
  const root = subscription.tenantId.toLowerCase();
  return state.managementGroups.find((g) => g.name.toLowerCase() === root)?.name;
}

/** The scope itself and every scope above it, nearest first. Scopes compare case-insensitively, as ARM does. */
export function scopeAncestry(state: State, scope: string): string[] {
  const result: string[] = [];
  const normalized = normalizeScope(scope);
  if (normalized === "/") return ["/"];
  const sub = /^\/subscriptions\/([^/]+)(\/resourceGroups\/([^/]+)(\/.*)?)?$/i.exec(normalized);
  const mg = /^\/providers\/Microsoft\.Management\/managementGroups\/([^/]+)$/i.exec(normalized);
  let groupName: string | undefined;
  if (sub) {
    const [, subscriptionId, , rg, rest] = sub;
    if (rest) result.push(normalized);
    if (rg) result.push(`/subscriptions/${subscriptionId}/resourceGroups/${rg}`);
    result.push(`/subscriptions/${subscriptionId}`);
    const subscription = findSubscription(state, subscriptionId!);
    groupName = subscription ? parentGroupOf(state, subscription) : undefined;
  } else if (mg) {
    groupName = mg[1];
  }
  const seen = new Set<string>();
  while (groupName && !seen.has(groupName.toLowerCase())) {
    seen.add(groupName.toLowerCase());
    result.push(`${MG_PREFIX}${groupName}`);
    const name = groupName;
    groupName = state.managementGroups.find((g) => g.name.toLowerCase() === name.toLowerCase())?.parentName;
  }
  result.push("/");
  return result;
}

/** Whether `inner` is `outer` or lies below it (a resource group inside a subscription, a subscription inside a group…). */
export function scopeIsWithin(state: State, inner: string, outer: string): boolean {
  const wanted = normalizeScope(outer).toLowerCase();
  return scopeAncestry(state, inner).some((s) => s.toLowerCase() === wanted);
}

function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return regex.test(action);
}

export function findRoleDefinition(state: State, roleDefinitionName: string): RoleDefinition | undefined {
  const wanted = roleDefinitionName.toLowerCase();
  return state.roleDefinitions.find((r) => r.name.toLowerCase() === wanted);
}

/** Whether one role definition grants the action. */
export function roleGrants(state: State, roleDefinitionName: string, action: string): boolean {
  const role = findRoleDefinition(state, roleDefinitionName);
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

/** The principal's assignments that apply at the scope (at it or inherited from above), nearest scope first. */
export function applicableAssignments(state: State, principalId: string, scope: string): RoleAssignment[] {
  const ancestry = scopeAncestry(state, scope).map((s) => s.toLowerCase());
  const rank = (ra: RoleAssignment): number => ancestry.indexOf(normalizeScope(ra.scope).toLowerCase());
  const principal = principalId.toLowerCase();
  return state.roleAssignments
    .filter((ra) => ra.principalId.toLowerCase() === principal && rank(ra) >= 0)
    .sort((a, b) => rank(a) - rank(b));
}

/** The assignments that grant the action at the scope, nearest scope first. */
export function grantingAssignments(state: State, query: PermissionQuery): RoleAssignment[] {
  return applicableAssignments(state, query.principalId, query.scope)
    .filter((ra) => !query.effectiveOnly || ra.pendingTestConnectionCalls <= 0)
    .filter((ra) => roleGrants(state, ra.roleDefinitionName, query.action));
}

export function hasPermission(state: State, query: PermissionQuery): boolean {
  return grantingAssignments(state, query).length > 0;
}

/**
 * Whether a role definition may be assigned at the scope: built-in roles anywhere ("/"), a custom role only at or
 * below one of its assignable scopes.
 */
export function isAssignableAt(state: State, role: RoleDefinition, scope: string): boolean {
  const ancestry = scopeAncestry(state, scope).map((s) => s.toLowerCase());
  return role.assignableScopes.some((s) => ancestry.includes(normalizeScope(s).toLowerCase()));
}
