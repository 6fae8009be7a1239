import { cloudById } from "../../platform/clouds";
import type { CredentialChoice, ProvisioningForm, RoleChoice, ScopeChoice, ScopeLevel, SignInAudience } from "./form";
import { federationUnavailable, READER } from "./form";
import { applyNameTemplate, DEFAULT_NAME_TEMPLATE } from "./naming";
import {
  validateAppName,
  validateConnectionName,
  validateDescription,
  validateGuid,
  validateSecretDescription,
  validateSecretExpiry,
} from "./validation";

/** The guided form while a person fills it: every field as typed, some still empty. */
export interface ProvisioningDraft {
  cloudId: string;
  tenantId: string;
  scopeLevel: ScopeLevel;
  subscription?: { id: string; name: string };
  managementGroup?: { id: string; name: string };
  resourceGroup?: string;
  workspace?: { name: string; location: string };
  appName: string;
  /** Once the person edits a name, the template stops rewriting it. */
  appNameEdited: boolean;
  signInAudience: SignInAudience;
  coOwners: Array<{ id: string; displayName: string; userPrincipalName: string }>;
  /** How pipelines authenticate; the secret fields below count only for "secret". */
  credential: CredentialChoice;
  secretDescription: string;
  /** Days until the secret expires, or "custom" with secretCustomDate. */
  secretLifetime: number | "custom";
  /** yyyy-mm-dd */
  secretCustomDate: string;
  role: RoleChoice;
  connectionName: string;
  connectionNameEdited: boolean;
  connectionDescription: string;
  pipelineIds: number[];
  allPipelines: boolean;
  verify: boolean;
  /** Machine Learning workspace only: how to verify, chosen on Review (Verify reads the subscription). */
  mlVerification?: "saveWithout" | "subscriptionReader";
}

export type DraftField =
  | "tenantId"
  | "scope"
  | "appName"
  | "credential"
  | "secretDescription"
  | "secretExpiry"
  | "role"
  | "connectionName"
  | "connectionDescription";

export const SECRET_LIFETIMES = [90, 180, 365, 545, 730] as const;
export const DEFAULT_SECRET_DAYS = 180;

export function newDraft(
  cloudId: string,
  tenantId: string,
  defaults: { roleChoice?: RoleChoice; secretDays?: number } = {},
): ProvisioningDraft {
  return {
    cloudId,
    tenantId,
    scopeLevel: "Subscription",
    appName: "",
    appNameEdited: false,
    signInAudience: "AzureADMyOrg",
    coOwners: [],
    // Federation is recommended wherever the cloud offers it; the article's secret elsewhere.
    credential: federationUnavailable(cloudById(cloudId), "AzureADMyOrg") ? "secret" : "federation",
    secretDescription: "Azure DevOps service connection",
    secretLifetime: defaults.secretDays ?? DEFAULT_SECRET_DAYS,
    secretCustomDate: "",
    role: defaults.roleChoice ?? READER,
    connectionName: "",
    connectionNameEdited: false,
    connectionDescription: "",
    pipelineIds: [],
    allPipelines: false,
    verify: true,
  };
}

/** The chosen scope, once every parameter the seed's table lists for its level is there. */
export function draftScope(draft: ProvisioningDraft): ScopeChoice | undefined {
  switch (draft.scopeLevel) {
    case "Subscription":
      return draft.subscription
        ? { level: "Subscription", subscriptionId: draft.subscription.id, subscriptionName: draft.subscription.name }
        : undefined;
    case "ManagementGroup":
      return draft.managementGroup
        ? { level: "ManagementGroup", managementGroupId: draft.managementGroup.id, managementGroupName: draft.managementGroup.name }
        : undefined;
    case "AzureMLWorkspace":
      return draft.subscription && draft.resourceGroup && draft.workspace
        ? {
            level: "AzureMLWorkspace",
            subscriptionId: draft.subscription.id,
            subscriptionName: draft.subscription.name,
            resourceGroupName: draft.resourceGroup,
            workspaceName: draft.workspace.name,
            workspaceLocation: draft.workspace.location,
          }
        : undefined;
  }
}

export function secretEndDate(draft: ProvisioningDraft, now: Date): string {
  if (draft.secretLifetime === "custom") {
    // The field holds whatever is typed so far ("2027-0", "2027-02-30"): anything but a real calendar date is no date,
    // which validation words as "Choose a valid expiry date." (toISOString would throw, and Date rolls Feb 30 into March).
    const end = /^\d{4}-\d{2}-\d{2}$/.test(draft.secretCustomDate) ? new Date(`${draft.secretCustomDate}T23:59:59Z`) : undefined;
    return end && !Number.isNaN(end.getTime()) && end.toISOString().startsWith(draft.secretCustomDate) ? end.toISOString() : "";
  }
  return new Date(now.getTime() + draft.secretLifetime * 86_400_000).toISOString();
}

/** A multi-tenant app, or a cloud without federation, takes the client secret (the choice is shown disabled). */
export function withAllowedCredential(draft: ProvisioningDraft): ProvisioningDraft {
  return draft.credential === "federation" && federationUnavailable(cloudById(draft.cloudId), draft.signInAudience)
    ? { ...draft, credential: "secret" }
    : draft;
}

/** What the form derives as the person types: the credential the app and cloud allow, then the default names. */
export function withDerivedFields(draft: ProvisioningDraft, naming: { organization: string; project: string; template?: string }) {
  return withDefaultNames(withAllowedCredential(draft), naming);
}

/** Fills the names from the template until the person edits them; the connection name follows the app name. */
export function withDefaultNames(
  draft: ProvisioningDraft,
  naming: { organization: string; project: string; template?: string },
): ProvisioningDraft {
  const scope = draftScope(draft);
  if (!scope) return draft;
  const appName = draft.appNameEdited
    ? draft.appName
    : applyNameTemplate(naming.template ?? DEFAULT_NAME_TEMPLATE, { organization: naming.organization, project: naming.project, scope });
  const connectionName = draft.connectionNameEdited ? draft.connectionName : appName;
  return appName === draft.appName && connectionName === draft.connectionName ? draft : { ...draft, appName, connectionName };
}

/** Every field's problem, in the words shown under the field. */
export function validateDraft(draft: ProvisioningDraft, now: Date): Partial<Record<DraftField, string>> {
  const errors: Partial<Record<DraftField, string>> = {};
  const set = (field: DraftField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  set("tenantId", validateGuid("Directory (tenant) ID")(draft.tenantId));
  if (!draftScope(draft)) {
    const missing =
      draft.scopeLevel === "Subscription"
        ? "Choose a subscription."
        : draft.scopeLevel === "ManagementGroup"
          ? "Choose a management group."
          : !draft.subscription
            ? "Choose the workspace's subscription."
            : !draft.resourceGroup
              ? "Choose the resource group containing the workspace."
              : "Choose the Machine Learning workspace.";
    set("scope", missing);
  }
  set("appName", validateAppName(draft.appName));
  if (draft.credential === "federation") set("credential", federationUnavailable(cloudById(draft.cloudId), draft.signInAudience));
  else {
    set("secretDescription", validateSecretDescription(draft.secretDescription));
    set("secretExpiry", validateSecretExpiry(secretEndDate(draft, now), now));
  }
  if (!draft.role.id) set("role", "Choose a role.");
  set("connectionName", validateConnectionName(draft.connectionName));
  set("connectionDescription", validateDescription(1024)(draft.connectionDescription));
  return errors;
}

/** The form a run needs, or undefined while any field has a problem. */
export function toForm(draft: ProvisioningDraft, now: Date): ProvisioningForm | undefined {
  const scope = draftScope(draft);
  if (!scope || Object.keys(validateDraft(draft, now)).length > 0) return undefined;
  return {
    cloudId: draft.cloudId,
    credential: draft.credential,
    tenantId: draft.tenantId.trim(),
    scope,
    app: { displayName: draft.appName.trim(), signInAudience: draft.signInAudience, coOwnerIds: draft.coOwners.map((o) => o.id) },
    // Carried for the secret path only (nothing reads it on the federation path).
    secret: { description: draft.secretDescription.trim(), endDateTime: secretEndDate(draft, now) },
    role: draft.role,
    connection: connectionChoice(draft),
    ...(scope.level === "AzureMLWorkspace" && draft.verify && draft.mlVerification === "subscriptionReader"
      ? { verifyReaderAtSubscription: true }
      : {}),
  };
}

/** The connection part of a form, as both the guided form and "bring your own app" read it from their drafts. */
export function connectionChoice(
  draft: Pick<ProvisioningDraft, "connectionName" | "connectionDescription" | "allPipelines" | "pipelineIds" | "verify">,
): ProvisioningForm["connection"] {
  return {
    name: draft.connectionName.trim(),
    description: draft.connectionDescription.trim(),
    pipelineIds: draft.allPipelines ? [] : draft.pipelineIds,
    allPipelines: draft.allPipelines,
    verify: draft.verify,
  };
}
