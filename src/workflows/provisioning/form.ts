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

export interface ProvisioningForm {
  cloudId: string;
  /** Directory (tenant) ID. */
  tenantId: string;
  scope: ScopeChoice;
  app: {
    displayName: string;
    signInAudience: SignInAudience;
    /** Object ids of people who also own the app, so they can rotate its secret. */
    coOwnerIds: string[];
  };
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
