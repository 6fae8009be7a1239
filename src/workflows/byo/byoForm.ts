import type { CredentialChoice, ProvisioningContext, RoleChoice, ScopeChoice, ScopeLevel } from "../provisioning/form";
import { connectionChoice } from "../provisioning/draft";
import { validateClientSecret, validateConnectionName, validateDescription, validateGuid } from "../provisioning/validation";

/**
 * "Bring your own app registration": the seed's own Azure DevOps form, for people who may not create apps. Everything
 * is typed (or picked after an optional sign-in); the secret is held in memory only.
 */
export interface ByoDraft {
  scopeLevel: ScopeLevel;
  subscriptionId: string;
  subscriptionName: string;
  managementGroupId: string;
  managementGroupName: string;
  resourceGroupName: string;
  workspaceName: string;
  workspaceLocation: string;
  appId: string;
  tenantId: string;
  /** How pipelines authenticate: federation needs no secret, and the app must trust the connection. */
  credential: CredentialChoice;
  connectionName: string;
  connectionDescription: string;
  pipelineIds: number[];
  allPipelines: boolean;
  verify: boolean;
  /** Assign a role to the app's service principal as the signed-in user (optional; needs sign-in and the right). */
  assignRole?: RoleChoice;
}

export type ByoField =
  | "subscriptionId"
  | "subscriptionName"
  | "managementGroupId"
  | "managementGroupName"
  | "resourceGroupName"
  | "workspaceName"
  | "workspaceLocation"
  | "appId"
  | "tenantId"
  | "clientSecret"
  | "connectionName"
  | "connectionDescription";

export interface ByoForm {
  cloudId: string;
  /** Absent in forms from before the choice: a secret. */
  credential?: CredentialChoice;
  scope: ScopeChoice;
  appId: string;
  tenantId: string;
  connection: { name: string; description: string; pipelineIds: number[]; allPipelines: boolean; verify: boolean };
  assignRole?: RoleChoice;
}

export type ByoContext = Pick<ProvisioningContext, "organization" | "project">;

/** A new draft; federation is recommended where the cloud offers it. */
export function newByoDraft(federationOffered = false): ByoDraft {
  return {
    credential: federationOffered ? "federation" : "secret",
    scopeLevel: "Subscription",
    subscriptionId: "",
    subscriptionName: "",
    managementGroupId: "",
    managementGroupName: "",
    resourceGroupName: "",
    workspaceName: "",
    workspaceLocation: "",
    appId: "",
    tenantId: "",
    connectionName: "",
    connectionDescription: "",
    pipelineIds: [],
    allPipelines: false,
    verify: true,
  };
}

const required = (label: string) => (value: string) => (value.trim() ? undefined : `Enter the ${label}.`);
// Management group ids and resource group names: letters, digits, and - _ ( ) . as Azure allows.
const azureName = (label: string) => (value: string) => {
  if (!value.trim()) return `Enter the ${label}.`;
  return /^[-\w().]{1,90}$/.test(value.trim())
    ? undefined
    : `The ${label} has letters, digits, hyphens, underscores, periods and parentheses only (at most 90).`;
};

/** Every field's problem, in the seed's words, for the fields the chosen scope level uses. */
export function validateByo(draft: ByoDraft, clientSecret: string): Partial<Record<ByoField, string>> {
  const errors: Partial<Record<ByoField, string>> = {};
  const set = (field: ByoField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  if (draft.scopeLevel === "ManagementGroup") {
    set("managementGroupId", azureName("Management Group Id")(draft.managementGroupId));
    set("managementGroupName", required("Management Group Name")(draft.managementGroupName));
  } else {
    set("subscriptionId", validateGuid("Subscription Id")(draft.subscriptionId));
    set("subscriptionName", required("Subscription Name")(draft.subscriptionName));
  }
  if (draft.scopeLevel === "AzureMLWorkspace") {
    set("resourceGroupName", azureName("Resource Group")(draft.resourceGroupName));
    set("workspaceName", azureName("ML Workspace Name")(draft.workspaceName));
    set(
      "workspaceLocation",
      /^[a-z0-9]{2,40}$/i.test(draft.workspaceLocation.trim())
        ? undefined
        : "Enter the ML Workspace Location as Azure writes it, such as westeurope.",
    );
  }
  set("appId", validateGuid("Application (client) ID")(draft.appId));
  set("tenantId", validateGuid("Directory (tenant) ID")(draft.tenantId));
  if (draft.credential !== "federation") set("clientSecret", validateClientSecret(clientSecret));
  set("connectionName", validateConnectionName(draft.connectionName));
  set("connectionDescription", validateDescription(1024)(draft.connectionDescription));
  return errors;
}

export function byoScope(draft: ByoDraft): ScopeChoice {
  const t = (s: string) => s.trim();
  switch (draft.scopeLevel) {
    case "Subscription":
      return { level: "Subscription", subscriptionId: t(draft.subscriptionId), subscriptionName: t(draft.subscriptionName) };
    case "ManagementGroup":
      return { level: "ManagementGroup", managementGroupId: t(draft.managementGroupId), managementGroupName: t(draft.managementGroupName) };
    case "AzureMLWorkspace":
      return {
        level: "AzureMLWorkspace",
        subscriptionId: t(draft.subscriptionId),
        subscriptionName: t(draft.subscriptionName),
        resourceGroupName: t(draft.resourceGroupName),
        workspaceName: t(draft.workspaceName),
        workspaceLocation: t(draft.workspaceLocation).toLowerCase(),
      };
  }
}

export function toByoForm(draft: ByoDraft, cloudId: string, clientSecret: string): ByoForm | undefined {
  if (Object.keys(validateByo(draft, clientSecret)).length > 0) return undefined;
  return {
    cloudId,
    credential: draft.credential,
    scope: byoScope(draft),
    appId: draft.appId.trim(),
    tenantId: draft.tenantId.trim(),
    connection: connectionChoice(draft),
    ...(draft.assignRole ? { assignRole: draft.assignRole } : {}),
  };
}
