import { guidFrom, hashSecret } from "./core/ids";
import { findProject } from "./devops/projects";
import { ROLE_IDS, SEED, subscriptionIdAt } from "./seed";
import type { Application, ServiceEndpoint, ServicePrincipal } from "./state";
import type { World } from "./world";

export interface ExistingAppOptions {
  displayName: string;
  /** The secret's text; only its hash is stored, as Entra does. */
  secret: string;
  /** Days until the secret expires, from the world's clock. */
  secretDays?: number;
  /** Assign this role (default Reader) at this ARM scope to the app's principal. */
  roleScope?: string;
  roleId?: string;
  tags?: string[];
  ownerId?: string;
}

/**
 * An app registration that exists before the journey starts, as an administrator would have made it: app, service
 * principal, one secret, and optionally a role. For "bring your own app registration" and inventory scenarios.
 */
export function addExistingApp(
  world: World,
  options: ExistingAppOptions,
): { app: Application; principal: ServicePrincipal; keyId: string } {
  const now = world.clock.now();
  const app: Application = {
    id: world.ids.guid(),
    appId: world.ids.guid(),
    tenantId: SEED.tenantId,
    displayName: options.displayName,
    signInAudience: "AzureADMyOrg",
    notes: null,
    tags: options.tags ?? [],
    createdDateTime: now.toISOString(),
    ownerIds: [options.ownerId ?? SEED.users.admin],
    passwordCredentials: [],
    federatedIdentityCredentials: [],
    pendingServicePrincipalCalls: 0,
  };
  const keyId = world.ids.guid();
  app.passwordCredentials.push({
    keyId,
    displayName: "Created by an administrator",
    hint: options.secret.slice(0, 3),
    startDateTime: now.toISOString(),
    endDateTime: new Date(now.getTime() + (options.secretDays ?? 180) * 86_400_000).toISOString(),
    secretHash: hashSecret(options.secret),
    pendingTestConnectionCalls: 0,
  });
  const principal: ServicePrincipal = {
    id: world.ids.guid(),
    appId: app.appId,
    tenantId: SEED.tenantId,
    displayName: options.displayName,
    servicePrincipalType: "Application",
    createdDateTime: now.toISOString(),
    pendingRoleAssignmentCalls: 0,
  };
  world.state.applications.push(app);
  world.state.servicePrincipals.push(principal);
  if (options.roleScope) {
    world.state.roleAssignments.push({
      name: guidFrom(`existing-ra:${principal.id}`),
      scope: options.roleScope,
      roleDefinitionName: options.roleId ?? ROLE_IDS.reader,
      principalId: principal.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: now.toISOString(),
      pendingTestConnectionCalls: 0,
    });
  }
  return { app, principal, keyId };
}

export interface ExistingConnectionOptions {
  name: string;
  /** Projects (ids or names) the connection is shared with; the first is where it was created. At least one. */
  projects: string[];
  /** The app registration it signs in as, with the secret text it holds; a new one (Reader on the first subscription) when absent. */
  app?: { appId: string; secret: string };
  subscriptionId?: string;
  subscriptionName?: string;
  description?: string;
}

/**
 * An azurerm connection (manual, service principal + secret) that exists before the journey starts, shared with
 * several projects, as a project administrator would have made and shared it. Each project reference carries the
 * connection's name and description. For multi-project inventory scenarios.
 */
export function addSharedConnection(
  world: World,
  options: ExistingConnectionOptions,
): { endpoint: ServiceEndpoint; appId: string; secret: string } {
  const projects = options.projects.map((key) => {
    const project = findProject(world.state, key);
    if (!project) throw new Error(`No project ${key} in the emulated organization.`);
    return project;
  });
  if (projects.length === 0) throw new Error("A connection needs at least one project.");
  const subscriptionId = options.subscriptionId ?? subscriptionIdAt(0);
  const app =
    options.app ??
    (() => {
      const secret = `${options.name}-secret-${world.ids.guid()}`;
      const made = addExistingApp(world, { displayName: options.name, secret, roleScope: `/subscriptions/${subscriptionId}` });
      return { appId: made.app.appId, secret };
    })();
  const description = options.description ?? "";
  const endpoint: ServiceEndpoint = {
    id: world.ids.guid(),
    name: options.name,
    type: "azurerm",
    url: "https://management.azure.com/",
    description,
    owner: "library",
    isShared: projects.length > 1,
    isReady: true,
    data: {
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      subscriptionId,
      subscriptionName: options.subscriptionName ?? "Contoso Production",
      creationMode: "Manual",
    },
    authorization: {
      scheme: "ServicePrincipal",
      parameters: { tenantid: SEED.tenantId, serviceprincipalid: app.appId, authenticationType: "spnKey" },
    },
    secretHash: hashSecret(app.secret),
    serviceEndpointProjectReferences: projects.map((p) => ({
      projectReference: { id: p.id, name: p.name },
      name: options.name,
      description,
    })),
    createdBy: { id: world.state.devops.user.id, displayName: world.state.devops.user.displayName },
    operationStatus: { state: "Ready", statusMessage: "" },
  };
  world.state.devops.serviceEndpoints.push(endpoint);
  return { endpoint, appId: app.appId, secret: app.secret };
}
