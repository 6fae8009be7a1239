import { AzureInABox } from "../../../emulator/model/azureInABox";
import { guidFrom, hashSecret } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import type { Application, ServicePrincipal } from "../../../emulator/model/state";

/** What the REST clients of azure-devops-extension-api put in the Accept header. */
export function clientAccept(version = "7.2-preview.4"): string {
  return `application/json;api-version=${version};excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`;
}

export const NOW = new Date("2026-03-01T00:00:00Z");
export const ORG = SEED.devopsOrganization;
export const PROJECT = SEED.project;
export const OTHER_PROJECT = SEED.otherProject;
export const SUBSCRIPTION_ID = subscriptionIdAt(0);

export function newModel(): AzureInABox {
  return new AzureInABox({ now: NOW });
}

export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  bodyText?: string;
  /** The Accept header; null sends none. Defaults to the REST client's. */
  accept?: string | null;
  /** Bearer token; null sends no Authorization header. */
  token?: string | null;
}

export interface DevopsResult {
  status: number;
  headers: Record<string, string>;
  // Tests read answers freely; the shapes are what they check.

  body: any;
}

/** Calls the model's Azure DevOps service as https://dev.azure.com{path}. */
export async function devops(model: AzureInABox, method: string, path: string, options: CallOptions = {}): Promise<DevopsResult> {
  const headers: Record<string, string> = {};
  if (options.accept !== null) headers["accept"] = options.accept ?? clientAccept();
  if (options.token !== null) headers["authorization"] = `Bearer ${options.token ?? "emulated-devops-token"}`;
  const bodyText = options.bodyText ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  if (bodyText !== undefined) headers["content-type"] = "application/json";
  const response = await model.handleService({
    method,
    service: "devops",
    baseUrl: "https://dev.azure.com",
    path,
    query: new URLSearchParams(options.query ?? {}),
    headers,
    ...(bodyText !== undefined ? { bodyText } : {}),
  });
  return { status: response.status, headers: response.headers ?? {}, body: response.body };
}

export interface AzureRmOptions {
  name?: string;
  secret?: string;
  appId?: string;
  tenantId?: string;
  subscriptionId?: string;
  projectId?: string;
  scopeLevel?: "Subscription" | "ManagementGroup" | "AzureMLWorkspace";
  scheme?: "ServicePrincipal" | "WorkloadIdentityFederation";
  /** data.creationMode: "Manual" (default, what the hub sends) or "Automatic" (a connection Azure DevOps made). */
  creationMode?: "Manual" | "Automatic";
}

/** An azurerm + service principal + secret body, as CONTRACTS.md §2.2 describes it. */
export function azureRmBody(options: AzureRmOptions = {}): Record<string, unknown> {
  const name = options.name ?? "contoso-prod-reader";
  const scopeLevel = options.scopeLevel ?? "Subscription";
  const data: Record<string, string> =
    scopeLevel === "ManagementGroup"
      ? {
          environment: "AzureCloud",
          scopeLevel,
          managementGroupId: SEED.managementGroup,
          managementGroupName: "Contoso Platform",
          creationMode: options.creationMode ?? "Manual",
        }
      : {
          environment: "AzureCloud",
          scopeLevel,
          subscriptionId: options.subscriptionId ?? SUBSCRIPTION_ID,
          subscriptionName: "Contoso Production",
          creationMode: options.creationMode ?? "Manual",
        };
  if (scopeLevel === "AzureMLWorkspace")
    Object.assign(data, { resourceGroupName: "rg-ml", mlWorkspaceName: "mlw-forecasting", mlWorkspaceLocation: "westeurope" });
  const parameters: Record<string, string> = { tenantid: options.tenantId ?? SEED.tenantId, serviceprincipalid: options.appId ?? APP_ID };
  if ((options.scheme ?? "ServicePrincipal") === "ServicePrincipal")
    Object.assign(parameters, { authenticationType: "spnKey", serviceprincipalkey: options.secret ?? SECRET });
  return {
    name,
    type: "azurerm",
    url: "https://management.azure.com/",
    description: "Created by the hub",
    owner: "library",
    isShared: false,
    isReady: true,
    data,
    authorization: { scheme: options.scheme ?? "ServicePrincipal", parameters },
    serviceEndpointProjectReferences: [
      { projectReference: { id: options.projectId ?? PROJECT.id, name: PROJECT.name }, name, description: "Created by the hub" },
    ],
  };
}

export const APP_ID = guidFrom("test:app");
export const SECRET = "s3cr3t~value.of-the-app";

export interface PrincipalOptions {
  appId?: string;
  secret?: string;
  /** Days from NOW until the secret expires (negative: already expired). */
  secretDays?: number;
  pendingSecretCalls?: number;
  /** Role at the scope; none when null. */
  role?: string | null;
  scope?: string;
  pendingRoleCalls?: number;
}

/** Puts an app registration with a secret, its service principal and a role assignment straight into the state. */
export function givePrincipal(
  model: AzureInABox,
  options: PrincipalOptions = {},
): { application: Application; principal: ServicePrincipal } {
  const appId = options.appId ?? APP_ID;
  const day = 24 * 3600 * 1000;
  const application: Application = {
    id: guidFrom(`app-object:${appId}`),
    appId,
    tenantId: SEED.tenantId,
    displayName: "contoso-prod-reader",
    signInAudience: "AzureADMyOrg",
    notes: null,
    tags: [],
    createdDateTime: NOW.toISOString(),
    ownerIds: [SEED.users.admin],
    passwordCredentials: [
      {
        keyId: guidFrom(`key:${appId}`),
        displayName: "hub secret",
        hint: (options.secret ?? SECRET).slice(0, 3),
        startDateTime: new Date(NOW.getTime() - day).toISOString(),
        endDateTime: new Date(NOW.getTime() + (options.secretDays ?? 180) * day).toISOString(),
        secretHash: hashSecret(options.secret ?? SECRET),
        pendingTestConnectionCalls: options.pendingSecretCalls ?? 0,
      },
    ],
    federatedIdentityCredentials: [],
    pendingServicePrincipalCalls: 0,
  };
  const principal: ServicePrincipal = {
    id: guidFrom(`sp:${appId}`),
    appId,
    tenantId: SEED.tenantId,
    displayName: application.displayName,
    servicePrincipalType: "Application",
    createdDateTime: NOW.toISOString(),
    pendingRoleAssignmentCalls: 0,
  };
  model.state.applications.push(application);
  model.state.servicePrincipals.push(principal);
  if (options.role !== null) {
    model.state.roleAssignments.push({
      name: guidFrom(`ra:${appId}:${options.scope ?? ""}`),
      scope: options.scope ?? `/subscriptions/${SUBSCRIPTION_ID}`,
      roleDefinitionName: options.role ?? ROLE_IDS.reader,
      principalId: principal.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: NOW.toISOString(),
      pendingTestConnectionCalls: options.pendingRoleCalls ?? 0,
    });
  }
  return { application, principal };
}

/** Creates an endpoint through the REST route and returns its answer body. */
export async function createEndpoint(model: AzureInABox, body: Record<string, unknown> = azureRmBody()): Promise<DevopsResult> {
  return devops(model, "POST", `/${ORG}/_apis/serviceendpoint/endpoints`, { body });
}

/** The Entra issuer and /eid1/ subject of a connection in the seeded tenant and organization, written out by hand. */
export const SEED_TENANT_B64 = "zLBG_Se67luslRO61QZA4w"; // Python: base64url(uuid.UUID("fd46b0cc-ba27-5bee-ac95-13bad50640e3").bytes_le)
export const AZURE_DEVOPS_APP_B64 = "rISbSSETf0KqFyZ8ppdXmA"; // Python: base64url(uuid.UUID("499b84ac-1321-427f-aa17-267ca6975798").bytes_le)
export function entraIssuer(): string {
  return `https://login.microsoftonline.com/${SEED.tenantId}/v2.0`;
}
export function entraSubject(connectionId: string): string {
  return `/eid1/c/pub/t/${SEED_TENANT_B64}/a/${AZURE_DEVOPS_APP_B64}/sc/${guidFrom(`organization:${ORG}`)}/${connectionId}`;
}
