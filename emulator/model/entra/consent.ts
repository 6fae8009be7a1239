import type { SignInApp, Tenant, User } from "../state";
import type { World } from "../world";
import { canGrantTenantWideConsent } from "./people";
import { canonicalScopeUri, configuredPermissions, requiresAdminConsent, RESOURCES, type ResourceKey, type ResourceScopes } from "./scopes";
import { stsErrors, type StsError } from "./stsErrors";

/**
 * Delegated consent, the way Entra decides it: a permission is granted when the tenant's administrator consented to
 * the app's configured permissions (tenant.adminConsentedClientIds), or a grant for all users or for this user names
 * it. OpenID scopes never need consent here. Users may consent for themselves to permissions that do not require an
 * administrator (the default "allow user consent" tenant setting).
 */

/** The permissions one resource's scopes stand for, with /.default expanded. */
export interface ResourcePermissions {
  resource: ResourceKey;
  names: string[];
}

function consentedNames(world: World, tenant: Tenant, app: SignInApp, user: User, resource: ResourceKey): string[] {
  const names = new Set<string>();
  if (tenant.adminConsentedClientIds.includes(app.clientId))
    configuredPermissions(app.requiredScopes, resource).forEach((n) => names.add(n));
  const prefix = `${RESOURCES[resource].canonicalUri}/`;
  for (const grant of world.state.signIn.consents) {
    if (grant.tenantId !== tenant.id || grant.clientId !== app.clientId) continue;
    if (grant.principal !== "AllPrincipals" && grant.principal !== user.id) continue;
    for (const uri of grant.scopes) if (uri.startsWith(prefix)) names.add(uri.slice(prefix.length));
  }
  return [...names];
}

/**
 * "/.default" means the permissions configured on the app registration (plus any already granted). An app with none
 * for that resource gets AADSTS650057.
 */
export function expandPermissions(
  world: World,
  tenant: Tenant,
  app: SignInApp,
  user: User,
  scopes: ResourceScopes,
): ResourcePermissions | StsError {
  if (!scopes.isDefault) return { resource: scopes.resource, names: scopes.names };
  const names = [
    ...new Set([
      ...configuredPermissions(app.requiredScopes, scopes.resource),
      ...consentedNames(world, tenant, app, user, scopes.resource),
    ]),
  ];
  if (names.length === 0)
    return stsErrors.resourceNotConfigured(app.clientId, app.displayName, scopes.audience, RESOURCES[scopes.resource].appId);
  return { resource: scopes.resource, names };
}

export interface MissingConsent {
  /** Canonical scope URIs a user may consent to for themselves. */
  userConsentable: string[];
  /** Canonical scope URIs only an administrator may consent to. */
  adminOnly: string[];
}

export function missingConsent(
  world: World,
  tenant: Tenant,
  app: SignInApp,
  user: User,
  permissions: readonly ResourcePermissions[],
): MissingConsent {
  const missing: MissingConsent = { userConsentable: [], adminOnly: [] };
  for (const { resource, names } of permissions) {
    const granted = consentedNames(world, tenant, app, user, resource);
    for (const name of names) {
      if (granted.includes(name)) continue;
      // "Do not allow user consent" (tenant.usersCanConsent false): every permission needs an administrator.
      const adminOnly = requiresAdminConsent(resource, name) || tenant.usersCanConsent === false;
      (adminOnly ? missing.adminOnly : missing.userConsentable).push(canonicalScopeUri(resource, name));
    }
  }
  return missing;
}

export function hasMissingConsent(missing: MissingConsent): boolean {
  return missing.userConsentable.length > 0 || missing.adminOnly.length > 0;
}

function recordGrant(world: World, tenantId: string, clientId: string, principal: string, scopes: string[]): void {
  const existing = world.state.signIn.consents.find((c) => c.tenantId === tenantId && c.clientId === clientId && c.principal === principal);
  if (existing) existing.scopes = [...new Set([...existing.scopes, ...scopes])];
  else world.state.signIn.consents.push({ tenantId, clientId, principal, scopes: [...scopes] });
}

/**
 * The consent screen of an interactive sign-in. A user consents for themselves; when a permission needs an
 * administrator, a Global or Application Administrator consents on behalf of the organization (the emulator always
 * ticks that box), and anyone else meets "Need admin approval" and goes back to the app: AADSTS65004.
 */
export function consentInteractively(
  world: World,
  tenant: Tenant,
  app: SignInApp,
  user: User,
  missing: MissingConsent,
): StsError | undefined {
  if (!hasMissingConsent(missing)) return undefined;
  if (missing.adminOnly.length === 0) {
    recordGrant(world, tenant.id, app.clientId, user.id, missing.userConsentable);
    return undefined;
  }
  // "Need admin approval": the user either goes back to the app (AADSTS65004) or stays on the screen (AADSTS90094).
  if (!canGrantTenantWideConsent(user))
    return world.knobs.needAdminApproval === "stay" ? stsErrors.adminConsentRequired() : stsErrors.consentDeclined();
  recordGrant(world, tenant.id, app.clientId, "AllPrincipals", [...missing.adminOnly, ...missing.userConsentable]);
  if (!tenant.adminConsentedClientIds.includes(app.clientId)) tenant.adminConsentedClientIds.push(app.clientId);
  return undefined;
}
