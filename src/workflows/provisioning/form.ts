/**
 * Everything the guided form collects, in the seed article's terms. The plan and the run are derived from it; nothing
 * here is ever a secret.
 */
export type ScopeLevel = "Subscription" | "ManagementGroup" | "AzureMLWorkspace";

export type ScopeChoice =
  | { level: "Subscription"; subscriptionId: string; subscriptionName: string }
  | { level: "ManagementGroup"; managementGroupId: string; managementGroupName: string }
  | {
      level: "AzureMLWorkspace";
      subscriptionId: string;
      subscriptionName: string;
      resourceGroupName: string;
      workspaceName: string;
      workspaceLocation: string;
    };

export type SignInAudience = "AzureADMyOrg" | "AzureADMultipleOrgs";

export interface RoleChoice {
  /** The role definition's GUID. */
  id: string;
  roleName: string;
}

export const READER: RoleChoice = { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", roleName: "Reader" };

/**
 * How pipelines authenticate: a federated credential the app trusts (no secret anywhere), or the article's client
 * secret. A multi-tenant app registration always uses a secret.
 */
export type CredentialChoice = "secret" | "federation";

export interface ProvisioningForm {
  cloudId: string;
  /** Journals written before the choice existed have none: they used a secret (see credentialOf). */
  credential: CredentialChoice;
  /** Directory (tenant) ID. */
  tenantId: string;
  scope: ScopeChoice;
  app: {
    displayName: string;
    signInAudience: SignInAudience;
    /** Object ids of people who also own the app, so they can rotate its secret. */
    coOwnerIds: string[];
  };
  /** Used only when credential is "secret". */
  secret: {
    description: string;
    /** ISO date-time the secret expires. */
    endDateTime: string;
  };
  role: RoleChoice;
  connection: {
    name: string;
    description: string;
    /** Pipelines authorized to use the connection. */
    pipelineIds: number[];
    /** "Grant access permission to all pipelines" (not recommended). */
    allPipelines: boolean;
    /** Verify before saving, as "Verify and save" does; false saves without verification. */
    verify: boolean;
  };
  /**
   * Machine Learning workspace only: also assign Reader at the workspace's subscription, where Verify reads, so
   * Verify passes. One more role assignment, before Verify; rollback removes it.
   */
  verifyReaderAtSubscription?: boolean;
}

/** The project and organization the hub runs in, and who is signed in. */
export interface ProvisioningContext {
  organization: string;
  project: { id: string; name: string };
  /** Object id of the signed-in user. */
  userObjectId: string;
}

/** The form's credential; a journal from before the choice (no value, or anything unknown) used a secret. */
export function credentialOf(form: Pick<ProvisioningForm, "credential">): CredentialChoice {
  return form.credential === "federation" ? "federation" : "secret";
}

/**
 * Why federation cannot be chosen, or undefined when it can: the cloud does not offer it, or the app is multi-tenant
 * (the article: a multi-tenant app registration authenticates with a secret).
 */
export function federationUnavailable(
  cloud: { supportsFederation: boolean; displayName: string } | undefined,
  signInAudience: SignInAudience,
): string | undefined {
  if (cloud && !cloud.supportsFederation)
    return `Workload identity federation is not available in ${cloud.displayName}: use a client secret.`;
  if (signInAudience === "AzureADMultipleOrgs")
    return "A multi-tenant app registration authenticates with a client secret: federation is offered for single-tenant apps.";
  return undefined;
}
