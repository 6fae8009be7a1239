import type { ScopeChoice } from "./form";

/** The ARM scope a role is assigned at (CONTRACTS.md §4). */
export function armScope(scope: ScopeChoice): string {
  switch (scope.level) {
    case "Subscription":
      return `/subscriptions/${scope.subscriptionId}`;
    case "ManagementGroup":
      return `/providers/Microsoft.Management/managementGroups/${scope.managementGroupId}`;
    case "AzureMLWorkspace":
      return (
        `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroupName}` +
        `/providers/Microsoft.MachineLearningServices/workspaces/${scope.workspaceName}`
      );
  }
}

/**
 * The scope a role definition id is written under for an assignment at `scope`: ARM takes subscription- or
 * management-group-level role definition ids (as az cli and the portal send them), not a resource's own.
 */
export function roleDefinitionScope(scope: ScopeChoice): string {
  return scope.level === "ManagementGroup" ? armScope(scope) : `/subscriptions/${scope.subscriptionId}`;
}

/** How a scope reads to a person: "subscription Contoso Production". */
export function describeScope(scope: ScopeChoice): string {
  switch (scope.level) {
    case "Subscription":
      return `subscription ${scope.subscriptionName}`;
    case "ManagementGroup":
      return `management group ${scope.managementGroupName}`;
    case "AzureMLWorkspace":
      return (
        `Machine Learning workspace ${scope.workspaceName} (resource group ${scope.resourceGroupName}, subscription ` +
        `${scope.subscriptionName})`
      );
  }
}

/** The short name of the scope, for naming templates. */
export function scopeName(scope: ScopeChoice): string {
  switch (scope.level) {
    case "Subscription":
      return scope.subscriptionName;
    case "ManagementGroup":
      return scope.managementGroupName;
    case "AzureMLWorkspace":
      return scope.workspaceName;
  }
}
