import { ProblemError } from "../../platform/problem";

/**
 * Names and ids that become Azure Resource Manager paths. They come from people, from ARM lists and from connection
 * data any user of the extension can edit (CONTRACTS.md §2.6), so each is checked against ARM's naming rules before it
 * reaches a URL, and every segment is encoded: "../" in a workspace name can never climb to another route.
 * The one place the hub builds or checks an ARM path from data.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Resource group: 1–90 letters (any script), digits, underscores, hyphens, periods and parentheses; not ending in a period.
const RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{1,90}$/u;
// Management group id: 1–90 letters, digits, hyphens, underscores, periods and parentheses; not ending in a period.
const MANAGEMENT_GROUP = /^[A-Za-z0-9_\-.()]{1,90}$/;
// Machine Learning workspace: 3–33 letters, digits, hyphens and underscores, starting with a letter or digit.
const WORKSPACE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/;

export type ArmNameKind =
  "subscriptionId" | "resourceGroup" | "managementGroup" | "workspace" | "roleAssignmentName" | "roleDefinitionName" | "principalId";

const RULES: Record<ArmNameKind, { what: string; rule: string; test: (value: string) => boolean }> = {
  subscriptionId: { what: "subscription ID", rule: "a subscription ID is a GUID", test: (v) => GUID.test(v) },
  resourceGroup: {
    what: "resource group name",
    rule: "a resource group name has 1 to 90 letters, digits, underscores, hyphens, periods or parentheses and does not end in a period",
    test: (v) => RESOURCE_GROUP.test(v) && !v.endsWith(".") && v !== "..",
  },
  managementGroup: {
    what: "management group ID",
    rule: "a management group ID has 1 to 90 letters, digits, hyphens, underscores, periods or parentheses and does not end in a period",
    test: (v) => MANAGEMENT_GROUP.test(v) && !v.endsWith("."),
  },
  workspace: {
    what: "Machine Learning workspace name",
    rule: "a workspace name has 3 to 33 letters, digits, hyphens or underscores and starts with a letter or digit",
    test: (v) => WORKSPACE.test(v),
  },
  roleAssignmentName: { what: "role assignment name", rule: "a role assignment name is a GUID", test: (v) => GUID.test(v) },
  roleDefinitionName: { what: "role definition ID", rule: "a role definition ID ends in a GUID", test: (v) => GUID.test(v) },
  principalId: { what: "object ID", rule: "an object ID is a GUID", test: (v) => GUID.test(v) },
};

/** Whether `value` is a valid name of that kind, for callers that want to say so next to a field. */
export function isValidArmName(kind: ArmNameKind, value: string): boolean {
  return RULES[kind].test(value);
}

/** The value, checked; a ProblemError naming the rule otherwise. */
export function checkArmName(kind: ArmNameKind, value: string): string {
  if (typeof value === "string" && RULES[kind].test(value)) return value;
  const { what, rule } = RULES[kind];
  const shown = typeof value === "string" ? JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value) : "(missing)";
  throw new ProblemError({
    title: `The ${what} is not valid.`,
    detail: `${shown} is not a valid ${what}: ${rule}. Nothing was sent to Azure.`,
    action:
      "Choose the scope again from the lists. If it came from a saved service connection, its details " +
      "were changed outside this hub: check them in Azure DevOps.",
  });
}

const segment = (kind: ArmNameKind, value: string) => encodeURIComponent(checkArmName(kind, value));

export function subscriptionPath(subscriptionId: string): string {
  return `/subscriptions/${segment("subscriptionId", subscriptionId)}`;
}

export function resourceGroupPath(subscriptionId: string, resourceGroup: string): string {
  return `${subscriptionPath(subscriptionId)}/resourceGroups/${segment("resourceGroup", resourceGroup)}`;
}

export function managementGroupPath(managementGroupId: string): string {
  return `/providers/Microsoft.Management/managementGroups/${segment("managementGroup", managementGroupId)}`;
}

export function workspacePath(subscriptionId: string, resourceGroup: string, workspace: string): string {
  const name = segment("workspace", workspace);
  return `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces/${name}`;
}

/** The scopes the hub assigns roles at and reads permissions of (CONTRACTS.md §4), parsed back into their names. */
export type ArmScope =
  | { level: "Subscription"; subscriptionId: string }
  | { level: "ResourceGroup"; subscriptionId: string; resourceGroup: string }
  | { level: "AzureMLWorkspace"; subscriptionId: string; resourceGroup: string; workspace: string }
  | { level: "ManagementGroup"; managementGroupId: string };

function badScope(scope: string): never {
  throw new ProblemError({
    title: "The Azure scope is not valid.",
    detail:
      `${JSON.stringify(scope.length > 200 ? `${scope.slice(0, 200)}…` : scope)} is not a subscription, resource group, ` +
      `management group or Machine Learning workspace scope. Nothing was sent to Azure.`,
    action:
      "Choose the scope again from the lists. If it came from a saved service connection, its details " +
      "were changed outside this hub: check them in Azure DevOps.",
  });
}

/**
 * A scope string as the workflows build it ("/subscriptions/{id}/resourceGroups/{rg}/…"), parsed segment by segment.
 * Only the four shapes the hub uses are accepted; any other (extra segments, "..", encoded slashes) is refused.
 */
export function parseArmScope(scope: string): ArmScope {
  if (typeof scope !== "string" || !scope.startsWith("/") || /[?#%\\]/.test(scope)) badScope(String(scope));
  const parts = scope.slice(1).split("/");
  const is = (index: number, word: string) => parts[index]?.toLowerCase() === word.toLowerCase();
  const name = (index: number) => parts[index] ?? "";
  if (parts.length === 2 && is(0, "subscriptions"))
    return { level: "Subscription", subscriptionId: checkArmName("subscriptionId", name(1)) };
  if (parts.length === 4 && is(0, "subscriptions") && is(2, "resourceGroups")) {
    return {
      level: "ResourceGroup",
      subscriptionId: checkArmName("subscriptionId", name(1)),
      resourceGroup: checkArmName("resourceGroup", name(3)),
    };
  }
  if (
    parts.length === 8 &&
    is(0, "subscriptions") &&
    is(2, "resourceGroups") &&
    is(4, "providers") &&
    is(5, "Microsoft.MachineLearningServices") &&
    is(6, "workspaces")
  ) {
    return {
      level: "AzureMLWorkspace",
      subscriptionId: checkArmName("subscriptionId", name(1)),
      resourceGroup: checkArmName("resourceGroup", name(3)),
      workspace: checkArmName("workspace", name(7)),
    };
  }
  if (parts.length === 4 && is(0, "providers") && is(1, "Microsoft.Management") && is(2, "managementGroups")) {
    return { level: "ManagementGroup", managementGroupId: checkArmName("managementGroup", name(3)) };
  }
  return badScope(scope);
}

/** The scope's path rebuilt from its checked names, every segment encoded. */
export function armScopePath(scope: string | ArmScope): string {
  const parsed = typeof scope === "string" ? parseArmScope(scope) : scope;
  switch (parsed.level) {
    case "Subscription":
      return subscriptionPath(parsed.subscriptionId);
    case "ResourceGroup":
      return resourceGroupPath(parsed.subscriptionId, parsed.resourceGroup);
    case "AzureMLWorkspace":
      return workspacePath(parsed.subscriptionId, parsed.resourceGroup, parsed.workspace);
    case "ManagementGroup":
      return managementGroupPath(parsed.managementGroupId);
  }
}

/**
 * A role definition's full id as ARM returns it ("/subscriptions/{id}/providers/Microsoft.Authorization/roleDefinitions/{guid}",
 * or under a management group, or tenant-level "/providers/Microsoft.Authorization/roleDefinitions/{guid}"), checked
 * and rebuilt so it can be read by its own path.
 */
export function roleDefinitionPath(roleDefinitionId: string): string {
  const match = /^(.*)\/providers\/Microsoft\.Authorization\/roleDefinitions\/([^/]+)$/i.exec(String(roleDefinitionId));
  if (!match) return badScope(String(roleDefinitionId));
  const scope = match[1] ? armScopePath(match[1]) : "";
  return `${scope}/providers/Microsoft.Authorization/roleDefinitions/${segment("roleDefinitionName", match[2]!)}`;
}
