import { guidFrom, hashSecret } from "./core/ids";
import { ROLE_IDS, SEED } from "./seed";
import type { Application, ServicePrincipal } from "./state";
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
export function addExistingApp(world: World, options: ExistingAppOptions): { app: Application; principal: ServicePrincipal; keyId: string } {
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
