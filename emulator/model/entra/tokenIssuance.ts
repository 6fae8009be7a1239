import type { SignInApp, Tenant, User } from "../state";
import type { World } from "../world";
import type { ClaimsRequest } from "./claimsChallenge";
import { expandPermissions, hasMissingConsent, missingConsent, type ResourcePermissions } from "./consent";
import { userInTenant } from "./people";
import { RESOURCES, type ParsedScopes, type ResourceScopes } from "./scopes";
import { appUsableInTenant } from "./signInApps";
import { stsErrors, type StsError } from "./stsErrors";
import type { AuthorityTenant } from "./tenants";
import { mintAccessToken, mintIdToken, TOKEN_LIFETIME_SECONDS, type AccessGrant, type TokenSubject } from "./tokenMinting";

/**
 * What every way of getting a token shares (code redemption, refresh, prompt=none, the nested-auth bridge): which
 * tenant and user object the token is for, whether a silent request may have it, and the minted token set.
 */

/**
 * The tenant a request lands in: the authority's tenant; through /common or /organizations, the tenant of the grant
 * being redeemed (`boundTenantId`, a refresh token's) or else the person's home tenant, as a fresh sign-in would.
 */
export function landingTenant(world: World, authority: AuthorityTenant, person: User, boundTenantId?: string): Tenant | undefined {
  const tenantId = authority.kind === "tenant" ? authority.tenant.id : (boundTenantId ?? person.tenantId);
  return world.state.tenants.find((t) => t.id === tenantId);
}

export interface Principal {
  tenant: Tenant;
  user: User;
  person: User;
}

/** The person's user object in the landing tenant; AADSTS50020 when they are neither member nor guest there. */
export function principalAt(
  world: World,
  authority: AuthorityTenant,
  person: User,
  app: SignInApp,
  boundTenantId?: string,
): Principal | StsError {
  const tenant = landingTenant(world, authority, person, boundTenantId);
  if (!tenant) return stsErrors.tenantNotFound(person.tenantId);
  const user = userInTenant(world, person, tenant.id);
  if (!user) return stsErrors.userNotInTenant(person.userPrincipalName, person.tenantId, tenant.displayName, app.clientId, app.displayName);
  const unusable = appUsableInTenant(app, tenant.id, tenant.displayName);
  return unusable ?? { tenant, user, person };
}

/** Expands /.default for every resource the scopes name. */
export function permissionsFor(
  world: World,
  principal: Principal,
  app: SignInApp,
  resources: readonly ResourceScopes[],
): ResourcePermissions[] | StsError {
  const result: ResourcePermissions[] = [];
  for (const scopes of resources) {
    const expanded = expandPermissions(world, principal.tenant, app, principal.user, scopes);
    if ("error" in expanded) return expanded;
    result.push(expanded);
  }
  return result;
}

function resourceAppIdOf(permissions: readonly ResourcePermissions[]): string {
  return RESOURCES[permissions[0]?.resource ?? "graph"].appId;
}

/**
 * Whether a request without user interaction may have these permissions: a claims challenge for MFA needs a sign-in
 * that did MFA (else AADSTS50076), and every permission must already be consented (else AADSTS65001).
 */
export function silentAccessError(
  world: World,
  principal: Principal,
  app: SignInApp,
  permissions: readonly ResourcePermissions[],
  claims: ClaimsRequest,
  mfa: boolean,
): StsError | undefined {
  if (claims.requiresMfa && !mfa) return stsErrors.mfaRequired(resourceAppIdOf(permissions));
  if (hasMissingConsent(missingConsent(world, principal.tenant, app, principal.user, permissions)))
    return stsErrors.consentRequired(app.clientId, app.displayName);
  return undefined;
}

export interface TokenSet {
  accessToken: string;
  idToken: string;
  /** The response's `scope`: resource-qualified as requested; Graph responses also list the OpenID scopes. */
  scope: string;
  expiresIn: number;
}

function accessGrantFor(
  scopes: ResourceScopes | undefined,
  permissions: ResourcePermissions | undefined,
  oidc: readonly string[],
): { grant: AccessGrant; scope: string } {
  const oidcInScope = oidc.filter((s) => s !== "offline_access");
  if (!scopes || !permissions) {
    // Only OpenID scopes: Entra still returns an access token, for Microsoft Graph.
    return { grant: { resource: "graph", audience: RESOURCES.graph.appId, names: oidcInScope }, scope: oidcInScope.join(" ") };
  }
  const qualified = permissions.names.map((n) => `${scopes.responsePrefix}${n}`);
  const scope = scopes.resource === "graph" ? [...qualified, ...oidcInScope] : qualified;
  return { grant: { resource: scopes.resource, audience: scopes.audience, names: permissions.names }, scope: scope.join(" ") };
}

export function mintTokenSet(
  world: World,
  subject: TokenSubject,
  parsed: ParsedScopes,
  scopes: ResourceScopes | undefined,
  permissions: ResourcePermissions | undefined,
  nonce?: string,
): TokenSet {
  const { grant, scope } = accessGrantFor(scopes, permissions, parsed.oidc);
  return {
    accessToken: mintAccessToken(world, subject, grant),
    idToken: mintIdToken(world, subject, nonce),
    scope,
    expiresIn: TOKEN_LIFETIME_SECONDS,
  };
}

/** The acrs a token may claim: those asked for now plus those the sign-in already satisfied, when it did MFA. */
export function satisfiedAcrs(claims: ClaimsRequest, previous: readonly string[], mfa: boolean): string[] {
  return mfa ? [...new Set([...previous, ...claims.acrs])] : [...previous];
}
