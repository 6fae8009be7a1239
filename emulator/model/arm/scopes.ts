import type { ManagementGroup, MlWorkspace, ResourceGroup, State, Subscription } from "../state";

/**
 * ARM scopes: the tenant root, a management group, a subscription, a resource group, or a resource below it. Path
 * segments and names compare case-insensitively, as ARM does; answers use the casing the world stores.
 */
export type ParsedScope =
  | { kind: "root" }
  | { kind: "managementGroup"; name: string }
  | { kind: "subscription"; subscriptionId: string }
  | { kind: "resourceGroup"; subscriptionId: string; resourceGroup: string }
  | { kind: "resource"; subscriptionId: string; resourceGroup: string; namespace: string; types: string[]; names: string[] };

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** Reads a scope from decoded path segments; undefined when they do not form one. */
export function parseScope(segs: readonly string[]): ParsedScope | undefined {
  if (segs.length === 0) return { kind: "root" };
  if (segs.length === 4 && same(segs[0], "providers") && same(segs[1], "Microsoft.Management") && same(segs[2], "managementGroups")) {
    return { kind: "managementGroup", name: segs[3]! };
  }
  if (!same(segs[0], "subscriptions") || !segs[1]) return undefined;
  const subscriptionId = segs[1];
  if (segs.length === 2) return { kind: "subscription", subscriptionId };
  if (!same(segs[2], "resourceGroups") || !segs[3]) return undefined;
  const resourceGroup = segs[3];
  if (segs.length === 4) return { kind: "resourceGroup", subscriptionId, resourceGroup };
  const rest = segs.slice(6);
  if (!same(segs[4], "providers") || !segs[5] || rest.length === 0 || rest.length % 2 !== 0) return undefined;
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  return { kind: "resource", subscriptionId, resourceGroup, namespace: segs[5], types, names };
}

export function findSubscription(state: State, subscriptionId: string): Subscription | undefined {
  return state.subscriptions.find((s) => same(s.subscriptionId, subscriptionId));
}

export function findManagementGroup(state: State, name: string): ManagementGroup | undefined {
  return state.managementGroups.find((g) => same(g.name, name));
}

export function findResourceGroup(state: State, subscriptionId: string, name: string): ResourceGroup | undefined {
  return state.resourceGroups.find((g) => same(g.subscriptionId, subscriptionId) && same(g.name, name));
}

export function findWorkspace(state: State, subscriptionId: string, resourceGroup: string, name: string): MlWorkspace | undefined {
  return state.mlWorkspaces.find(
    (w) => same(w.subscriptionId, subscriptionId) && same(w.resourceGroupName, resourceGroup) && same(w.name, name),
  );
}

export const ML_NAMESPACE = "Microsoft.MachineLearningServices";
export const ML_WORKSPACES = "workspaces";

export function managementGroupId(name: string): string {
  return `/providers/Microsoft.Management/managementGroups/${name}`;
}

export function resourceGroupId(subscriptionId: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${name}`;
}

export function workspaceId(w: MlWorkspace): string {
  return `${resourceGroupId(w.subscriptionId, w.resourceGroupName)}/providers/${ML_NAMESPACE}/${ML_WORKSPACES}/${w.name}`;
}

/** The only resources the world holds are Machine Learning workspaces (one level, no parent resource). */
export function findScopedWorkspace(state: State, scope: ParsedScope & { kind: "resource" }): MlWorkspace | undefined {
  const [type] = scope.types;
  const [name] = scope.names;
  if (!same(scope.namespace, ML_NAMESPACE) || scope.types.length !== 1 || !same(type, ML_WORKSPACES) || !name) return undefined;
  return findWorkspace(state, scope.subscriptionId, scope.resourceGroup, name);
}

/** The scope's id as ARM writes it back: canonical segment names and the stored casing of every known name. */
export function canonicalScopeId(state: State, scope: ParsedScope): string {
  switch (scope.kind) {
    case "root":
      return "/";
    case "managementGroup":
      return managementGroupId(findManagementGroup(state, scope.name)?.name ?? scope.name);
    case "subscription":
      return `/subscriptions/${findSubscription(state, scope.subscriptionId)?.subscriptionId ?? scope.subscriptionId}`;
    case "resourceGroup": {
      const sub = findSubscription(state, scope.subscriptionId)?.subscriptionId ?? scope.subscriptionId;
      return resourceGroupId(sub, findResourceGroup(state, scope.subscriptionId, scope.resourceGroup)?.name ?? scope.resourceGroup);
    }
    case "resource": {
      const workspace = findScopedWorkspace(state, scope);
      if (workspace) return workspaceId(workspace);
      const sub = findSubscription(state, scope.subscriptionId)?.subscriptionId ?? scope.subscriptionId;
      const rg = findResourceGroup(state, scope.subscriptionId, scope.resourceGroup)?.name ?? scope.resourceGroup;
      const pairs = scope.types.map((t, i) => `${t}/${scope.names[i]}`).join("/");
      return `${resourceGroupId(sub, rg)}/providers/${scope.namespace}/${pairs}`;
    }
  }
}

/** The subscription id a scope lies in, if any. */
export function subscriptionOfScope(scope: ParsedScope): string | undefined {
  return scope.kind === "subscription" || scope.kind === "resourceGroup" || scope.kind === "resource" ? scope.subscriptionId : undefined;
}

/** Splits a scope id string (as stored on role assignments) into segments for parseScope. */
export function scopeSegments(scopeId: string): string[] {
  return scopeId.split("/").filter((s) => s.length > 0);
}
