import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { ScopeChoice, ScopeLevel } from "../provisioning/form";
import { armScope, describeScope, scopeName } from "../provisioning/scope";
import { federationIssuerOf, type FederationIssuerInfo } from "./federationIssuer";

/**
 * What Azure DevOps itself says about an Azure Resource Manager connection, read without signing in to Azure: its
 * scope, how it authenticates, which app (client id) and directory it uses, and the other projects it is shared with.
 */
export type AuthKind = "secret" | "certificate" | "federated" | "managedIdentity" | "other";

export interface ConnectionFacts {
  id: string;
  name: string;
  description: string;
  /** `data.environment` (AzureCloud when absent, as Azure DevOps assumes). */
  environment: string;
  scopeLevel: ScopeLevel | "Unknown";
  /** The scope as the portal names it: a subscription, management group or workspace name. */
  scopeName: string;
  /** "subscription Contoso Production"; the scope's id when there is no name. */
  scopeDescription: string;
  /** The ARM scope, for the principal's role assignments there. */
  armScope?: string;
  scheme: string;
  authKind: AuthKind;
  /** "Secret", "Workload identity federation", … */
  authLabel: string;
  /** The app registration's Application (client) ID. */
  clientId?: string;
  tenantId?: string;
  /** Other projects that hold a reference to the same connection. */
  sharedWith: Array<{ id: string; name: string }>;
  /** `Ready`, `InProgress` or `Failed`, as Azure DevOps reports provisioning. */
  state: string;
  /** A federated connection's issuer and subject as Azure DevOps reports them ("unknown" when it does not say). */
  federation?: FederationIssuerInfo;
}

const param = (connection: ServiceConnection, key: string): string | undefined => {
  const parameters = connection.authorization?.parameters ?? {};
  const found = Object.keys(parameters).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found ? parameters[found] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

const datum = (connection: ServiceConnection, key: string): string | undefined => {
  const data = connection.data ?? {};
  const found = Object.keys(data).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found ? data[found] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** The connection's scope as the guided form would have chosen it; connections without `scopeLevel` are at a subscription. */
export function scopeOf(connection: ServiceConnection): ScopeChoice | undefined {
  const level = datum(connection, "scopeLevel") ?? (datum(connection, "subscriptionId") ? "Subscription" : undefined);
  const subscriptionId = datum(connection, "subscriptionId");
  switch (level) {
    case "Subscription":
      return subscriptionId
        ? { level, subscriptionId, subscriptionName: datum(connection, "subscriptionName") ?? subscriptionId }
        : undefined;
    case "ManagementGroup": {
      const id = datum(connection, "managementGroupId");
      return id ? { level, managementGroupId: id, managementGroupName: datum(connection, "managementGroupName") ?? id } : undefined;
    }
    case "AzureMLWorkspace": {
      const workspace = datum(connection, "mlWorkspaceName");
      const group = datum(connection, "resourceGroupName");
      return subscriptionId && workspace && group
        ? {
            level,
            subscriptionId,
            subscriptionName: datum(connection, "subscriptionName") ?? subscriptionId,
            resourceGroupName: group,
            workspaceName: workspace,
            workspaceLocation: datum(connection, "mlWorkspaceLocation") ?? "",
          }
        : undefined;
    }
    default:
      return undefined;
  }
}

export function authKindOf(connection: ServiceConnection): AuthKind {
  const scheme = (connection.authorization?.scheme ?? "").toLowerCase();
  if (scheme === "workloadidentityfederation") return "federated";
  if (scheme === "managedserviceidentity") return "managedIdentity";
  if (scheme === "serviceprincipal") {
    const type = (param(connection, "authenticationType") ?? "spnKey").toLowerCase();
    return type === "spncertificate" ? "certificate" : "secret";
  }
  return "other";
}

const AUTH_LABELS: Record<AuthKind, string> = {
  secret: "Secret",
  certificate: "Certificate",
  federated: "Workload identity federation",
  managedIdentity: "Managed identity",
  other: "Other",
};

export function connectionFacts(connection: ServiceConnection, projectId: string): ConnectionFacts {
  const scope = scopeOf(connection);
  const kind = authKindOf(connection);
  const clientId = param(connection, "serviceprincipalid");
  const tenantId = param(connection, "tenantid");
  const federation = federationIssuerOf(connection);
  return {
    id: connection.id ?? "",
    name: connection.name,
    description: connection.description ?? "",
    environment: datum(connection, "environment") ?? "AzureCloud",
    scopeLevel: scope?.level ?? "Unknown",
    scopeName: scope ? scopeName(scope) : "",
    scopeDescription: scope ? describeScope(scope) : "unknown scope",
    ...(scope ? { armScope: armScope(scope) } : {}),
    scheme: connection.authorization?.scheme ?? "",
    authKind: kind,
    authLabel: kind === "other" ? connection.authorization?.scheme || AUTH_LABELS.other : AUTH_LABELS[kind],
    ...(clientId ? { clientId } : {}),
    ...(tenantId ? { tenantId } : {}),
    sharedWith: (connection.serviceEndpointProjectReferences ?? [])
      .filter((r) => r.projectReference.id.toLowerCase() !== projectId.toLowerCase())
      .map((r) => ({ id: r.projectReference.id, name: r.projectReference.name })),
    state: connection.operationStatus?.state ?? (connection.isReady === false ? "InProgress" : "Ready"),
    ...(federation ? { federation } : {}),
  };
}
