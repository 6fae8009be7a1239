import type { Cloud } from "../../platform/clouds";
import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { ProvisioningContext, ProvisioningForm, ScopeChoice } from "./form";

/** `data` keys per scope level, exactly as Azure DevOps writes them for a manual connection (CONTRACTS.md §2.2). */
function scopeData(scope: ScopeChoice): Record<string, string> {
  switch (scope.level) {
    case "Subscription":
      return { scopeLevel: "Subscription", subscriptionId: scope.subscriptionId, subscriptionName: scope.subscriptionName };
    case "ManagementGroup":
      return { scopeLevel: "ManagementGroup", managementGroupId: scope.managementGroupId, managementGroupName: scope.managementGroupName };
    case "AzureMLWorkspace":
      return {
        scopeLevel: "AzureMLWorkspace",
        subscriptionId: scope.subscriptionId,
        subscriptionName: scope.subscriptionName,
        resourceGroupName: scope.resourceGroupName,
        mlWorkspaceName: scope.workspaceName,
        mlWorkspaceLocation: scope.workspaceLocation,
      };
  }
}

export type ConnectionCredentials = {
  tenantId: string;
  /** The app's Application (client) ID. */
  appId: string;
} & (
  | {
      /** The client secret; held in memory only. */
      secret: string;
    }
  /** Workload identity federation: no secret; Azure DevOps answers with the issuer and subject (CONTRACTS.md §2.5). */
  | { federation: true }
);

/**
 * The azurerm connection body of CONTRACTS.md §2.2 (service principal + secret) or §2.5 (workload identity federation,
 * created manually), for one project.
 */
export function buildConnection(
  form: Pick<ProvisioningForm, "scope" | "connection">,
  context: Pick<ProvisioningContext, "project">,
  cloud: Cloud,
  credentials: ConnectionCredentials,
): ServiceConnection {
  return {
    name: form.connection.name,
    type: "azurerm",
    url: cloud.connection.url,
    description: form.connection.description,
    owner: "library",
    isShared: false,
    isReady: true,
    data: { environment: cloud.connection.environment, ...scopeData(form.scope), creationMode: "Manual" },
    authorization:
      "secret" in credentials
        ? {
            scheme: "ServicePrincipal",
            parameters: {
              tenantid: credentials.tenantId,
              serviceprincipalid: credentials.appId,
              authenticationType: "spnKey",
              serviceprincipalkey: credentials.secret,
            },
          }
        : { scheme: "WorkloadIdentityFederation", parameters: { tenantid: credentials.tenantId, serviceprincipalid: credentials.appId } },
    serviceEndpointProjectReferences: [
      {
        projectReference: { id: context.project.id, name: context.project.name },
        name: form.connection.name,
        description: form.connection.description,
      },
    ],
  };
}
