import type { ManagementGroup, State, Subscription } from "../state";
import type { ArmCaller } from "./auth";
import { parentGroupOf } from "./authorization";
import { parseScope, scopeSegments } from "./scopes";

/**
 * What a caller can see in the lists of subscriptions and management groups, worked out once per request from the
 * caller's own role assignments (a handful) rather than per subscription (up to 10,000), so a page costs O(page).
 *
 * - A management group is listed when the caller holds a role at it or above it.
 * - A subscription is listed when the caller holds a role at it, above it, or inside it (a resource group or a
 *   resource): people with access to one resource group still see its subscription in `az account list` and the portal.
 */
export interface CallerReach {
  /** A role at the tenant root scope "/". */
  root: boolean;
  /** Lower-case names of the groups with a role at or above them (a group covers its descendants). */
  groups: Set<string>;
  /** Lower-case ids of subscriptions with a role at them or inside them. */
  subscriptions: Set<string>;
}

function descendantsOf(groups: readonly ManagementGroup[], name: string): string[] {
  const children = new Map<string, string[]>();
  for (const g of groups) {
    if (!g.parentName) continue;
    const key = g.parentName.toLowerCase();
    children.set(key, [...(children.get(key) ?? []), g.name.toLowerCase()]);
  }
  const found: string[] = [];
  const queue = [name.toLowerCase()];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (found.includes(next)) continue;
    found.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return found;
}

export function callerReach(state: State, caller: ArmCaller): CallerReach {
  const reach: CallerReach = { root: false, groups: new Set(), subscriptions: new Set() };
  const principal = caller.objectId.toLowerCase();
  for (const ra of state.roleAssignments) {
    if (ra.principalId.toLowerCase() !== principal) continue;
    const scope = parseScope(scopeSegments(ra.scope));
    if (!scope) continue;
    if (scope.kind === "root") reach.root = true;
    else if (scope.kind === "managementGroup") for (const g of descendantsOf(state.managementGroups, scope.name)) reach.groups.add(g);
    else reach.subscriptions.add(scope.subscriptionId.toLowerCase());
  }
  return reach;
}

export function canListSubscription(state: State, caller: ArmCaller, reach: CallerReach, sub: Subscription): boolean {
  if (reach.subscriptions.has(sub.subscriptionId.toLowerCase())) return true;
  if (sub.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()) return false;
  if (reach.root) return true;
  const group = parentGroupOf(state, sub);
  return group !== undefined && reach.groups.has(group.toLowerCase());
}

export function canListManagementGroup(caller: ArmCaller, reach: CallerReach, group: ManagementGroup): boolean {
  if (group.tenantId.toLowerCase() !== caller.tenantId.toLowerCase()) return false;
  return reach.root || reach.groups.has(group.name.toLowerCase());
}
