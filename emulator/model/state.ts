/**
 * The whole world the emulator holds: one tenant directory, its Azure resources and one Azure DevOps
 * organization. Every emulated service reads and writes this one state, which is what lets TestConnection
 * (Azure DevOps) check a secret (Entra) and a role (ARM) for real.
 */
import type { SignInRecords } from "./entra/signInRecords";

// ---------- Entra ----------
export type DirectoryRole = "GlobalAdministrator" | "ApplicationDeveloper" | "ApplicationAdministrator";

export interface Tenant {
  id: string;
  displayName: string;
  defaultDomain: string;
  /** The tenant setting "Users can register applications". */
  usersCanRegisterApps: boolean;
  /** App management policy on password credentials. */
  secretPolicy: { maxLifetimeDays?: number; forbidSecrets?: boolean };
  /** Client ids of sign-in apps an administrator consented to for the whole tenant. */
  adminConsentedClientIds: string[];
  /** The tenant setting "User consent for applications": false = "Do not allow user consent" (every permission needs an administrator). Absent = allowed. */
  usersCanConsent?: boolean;
  /** ARM: user tokens without "mfa" in amr may not create, update or delete (Azure's mandatory MFA, phase 2). */
  requireMfaForArmWrites?: boolean;
  /** ARM: how a write without MFA is refused: the platform's 401 claims challenge (default) or a 403 from the built-in Azure Policy. */
  armMfaEnforcement?: "claimsChallenge" | "azurePolicy";
  /** ARM /tenants: the tenant's branding logo, when it has one. */
  brandingLogoUrl?: string;
  /** ARM /tenants: every verified domain; [defaultDomain] when absent. */
  domains?: string[];
}

export interface User {
  id: string;
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
  userType: "Member" | "Guest";
  directoryRoles: DirectoryRole[];
  /** Whether the user's sign-in carries MFA (amr contains "mfa"). */
  mfa: boolean;
  /** Directory objects this user created (the non-admin quota is 250). */
  createdObjectCount: number;
  /** B2B guests only: the user object of the same person in their home tenant (sign-in through common lands there). */
  homeUserId?: string;
}

/** A client application people sign in with (the hub's own registration), as Entra's sign-in endpoints see it. */
export interface SignInApp {
  clientId: string;
  displayName: string;
  /** Tenant the registration lives in. */
  tenantId: string;
  /** AzureADMyOrg: only that tenant (and no /common); AzureADMultipleOrgs: any work or school tenant. */
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs";
  /** Redirect URIs of the "Single-page application" platform. */
  redirectUris: string[];
  /**
   * Redirect URIs of the "Web" platform. /authorize accepts them, but a code issued for one may not be redeemed
   * cross-origin by a browser: AADSTS9002326. Absent = none.
   */
  webRedirectUris?: string[];
  /** API permissions configured on the registration, as full scope URIs: what /.default and admin consent cover. */
  requiredScopes: string[];
}

// ---------- Graph ----------
export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  /** sha256 of the secret text; the text itself is never kept. */
  secretHash: string;
  /** Remaining TestConnection calls that still reject this secret (replication). */
  pendingTestConnectionCalls: number;
}

export interface FederatedIdentityCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
  /** Remaining TestConnection calls that do not yet trust this credential (replication); absent = 0. */
  pendingTestConnectionCalls?: number;
}

export interface Application {
  id: string;
  appId: string;
  tenantId: string;
  displayName: string;
  signInAudience: string;
  notes: string | null;
  tags: string[];
  createdDateTime: string;
  ownerIds: string[];
  passwordCredentials: PasswordCredential[];
  federatedIdentityCredentials: FederatedIdentityCredential[];
  /** Remaining POST /servicePrincipals calls that do not yet see this app (replication). */
  pendingServicePrincipalCalls: number;
  /** Remaining writes to this app (addPassword, owners, PATCH, federated credentials, …) that answer 404 (replication); absent = 0. */
  pendingWriteCalls?: number;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  tenantId: string;
  displayName: string;
  servicePrincipalType: "Application";
  createdDateTime: string;
  /** Remaining role-assignment writes that answer PrincipalNotFound for this principal (replication). */
  pendingRoleAssignmentCalls: number;
}

// ---------- ARM ----------
export interface Subscription {
  subscriptionId: string;
  displayName: string;
  tenantId: string;
  state: "Enabled" | "Disabled" | "Warned" | "PastDue" | "Deleted";
  /** Management group the subscription sits under (its id, e.g. "contoso-prod"). */
  managementGroupId?: string;
  /** ARM: tags, answered only when set. */
  tags?: Record<string, string>;
  /** ARM: tenants managing the subscription through Lighthouse; when absent, the caller's tenant if it sees another tenant's subscription. */
  managedByTenantIds?: string[];
}

export interface ManagementGroup {
  /** Short name, e.g. "contoso-prod"; the ARM id is /providers/Microsoft.Management/managementGroups/{name}. */
  name: string;
  displayName: string;
  tenantId: string;
  parentName?: string;
}

export interface ResourceGroup {
  subscriptionId: string;
  name: string;
  location: string;
}

export interface MlWorkspace {
  subscriptionId: string;
  resourceGroupName: string;
  name: string;
  location: string;
  friendlyName?: string;
}

export interface RoleDefinition {
  /** GUID name, e.g. acdd72a7-3385-48ef-bd42-f606fba81ae7 for Reader. */
  name: string;
  roleName: string;
  type: "BuiltInRole" | "CustomRole";
  description: string;
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
  assignableScopes: string[];
}

export interface RoleAssignment {
  /** GUID name chosen by the caller. */
  name: string;
  /** ARM scope: /subscriptions/…, /providers/Microsoft.Management/managementGroups/…, or a resource id. */
  scope: string;
  roleDefinitionName: string;
  principalId: string;
  principalType: "User" | "ServicePrincipal" | "Group";
  createdBy: string;
  createdOn: string;
  /** Remaining TestConnection calls for which this assignment is not yet effective (replication). */
  pendingTestConnectionCalls: number;
  /** Optional properties a PUT may carry; null or absent when not set. */
  description?: string | null;
  condition?: string | null;
  conditionVersion?: string | null;
  /** Last change (a PUT that changed the description or condition); createdOn/createdBy until then. */
  updatedOn?: string;
  updatedBy?: string;
}

// ---------- Azure DevOps ----------
export interface DevOpsProject {
  id: string;
  name: string;
}

export interface ServiceEndpointProjectReference {
  projectReference: { id: string; name: string };
  name: string;
  description: string;
}

export interface ServiceEndpoint {
  id: string;
  name: string;
  type: string;
  url: string;
  description: string;
  owner: string;
  isShared: boolean;
  isReady: boolean;
  data: Record<string, string>;
  authorization: { scheme: string; parameters: Record<string, string> };
  /** sha256 of authorization.parameters.serviceprincipalkey when set; the key itself is not kept. */
  secretHash?: string;
  /** sha256 of every other confidential authorization parameter (e.g. a generic endpoint's password), by the key the caller sent; they read back as null. */
  confidentialParameterHashes?: Record<string, string>;
  serviceEndpointProjectReferences: ServiceEndpointProjectReference[];
  createdBy: { id: string; displayName: string };
  operationStatus: { state: "Ready" | "InProgress" | "Failed"; statusMessage: string };
}

export interface PipelinePermission {
  /** Azure DevOps resource type, e.g. "endpoint". */
  resourceType: string;
  resourceId: string;
  projectId: string;
  allPipelines: boolean;
  pipelineIds: number[];
  /** When each authorization was given (ISO time), by pipeline id or "allPipelines"; the model's Azure DevOps user gave it. */
  authorizedOn?: Record<string, string>;
}

export interface BuildDefinition {
  id: number;
  projectId: string;
  name: string;
  path: string;
}

export interface DevOpsState {
  organization: string;
  projects: DevOpsProject[];
  serviceEndpoints: ServiceEndpoint[];
  pipelinePermissions: PipelinePermission[];
  buildDefinitions: BuildDefinition[];
  /** Extension data: key "scopeType/scopeValue/collection" → documents by id. */
  extensionData: Record<string, Record<string, Record<string, unknown>>>;
  /** The Azure DevOps user the host signs in (identity of createdBy). */
  user: { id: string; displayName: string; uniqueName: string };
  /**
   * Ids of the members of the organization's Project Collection Administrators group, which holds every permission of
   * the Collection security namespace (devops/security.ts). Absent: the model's one user is a member, as seeded.
   */
  projectCollectionAdministrators?: string[];
}

export interface State {
  tenants: Tenant[];
  users: User[];
  applications: Application[];
  /** Entra's deleted items: apps deleted (restorable for 30 days, still counted in their creator's quota). */
  deletedApplications?: Array<Application & { deletedDateTime: string; creatorId?: string }>;
  servicePrincipals: ServicePrincipal[];
  subscriptions: Subscription[];
  managementGroups: ManagementGroup[];
  resourceGroups: ResourceGroup[];
  mlWorkspaces: MlWorkspace[];
  roleDefinitions: RoleDefinition[];
  roleAssignments: RoleAssignment[];
  devops: DevOpsState;
  signInApps: SignInApp[];
  /** Entra's runtime sign-in records: browser sessions, codes, refresh tokens, user consents. */
  signIn: SignInRecords;
}
