import { randomUUID } from "node:crypto";
import { json, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { SignInApp } from "../state";
import type { World } from "../world";
import { parseClaimsRequest } from "./claimsChallenge";
import { findAuthorizationCode, findRefreshToken, issueRefreshToken } from "./grants";
import { verifierMatches } from "./pkce";
import { parseScopes, singleResource } from "./scopes";
import { appUsableAt, redirectUriRegisteredAsSpa } from "./signInApps";
import { asTokenEndpointError, isStsError, stsErrors, type StsError } from "./stsErrors";
import { tokenEndpointError } from "./stsResponses";
import { resolveAuthorityTenant, type AuthorityTenant } from "./tenants";
import {
  mintTokenSet,
  permissionsFor,
  principalAt,
  satisfiedAcrs,
  silentAccessError,
  type Principal,
  type TokenSet,
} from "./tokenIssuance";
import { clientInfoOf, type TokenSubject } from "./tokenMinting";

/**
 * POST /{tenant}/oauth2/v2.0/token for a single-page app: authorization_code (with the PKCE verifier) and
 * refresh_token. Every failure is a 400 with Entra's JSON error body.
 */

interface TokenRequest {
  world: World;
  /** The browser's Origin header (always present past handleToken's check). */
  origin: string;
  body: URLSearchParams;
  authority: AuthorityTenant;
  app: SignInApp;
}

type Result = { tokens: TokenSet; principal: Principal; refreshToken: string } | StsError;

export function handleToken(world: World, req: ServiceRequest, tenantSegment: string): ServiceResponse {
  const correlationId = req.query.get("client-request-id") ?? req.headers["client-request-id"] ?? randomUUID();
  const fail = (error: StsError) => tokenEndpointError(world, req.baseUrl, asTokenEndpointError(error), correlationId);
  if (req.method !== "POST") return fail(stsErrors.getNotAllowed());
  const body = new URLSearchParams(req.bodyText ?? "");

  const authority = resolveAuthorityTenant(world, tenantSegment);
  if (isStsError(authority)) return fail(authority);
  const clientId = body.get("client_id");
  if (!clientId) return fail(stsErrors.missingParameter("client_id"));
  const app = appUsableAt(world, clientId, authority);
  if (isStsError(app)) return fail(app);
  // Every redirect URI of a sign-in app here is of the SPA platform, whose tokens a browser redeems cross-origin.
  if (!req.headers["origin"]) return fail(stsErrors.spaRedemptionNotCrossOrigin());

  const request: TokenRequest = { world, origin: req.headers["origin"], body, authority, app };
  const grantType = body.get("grant_type");
  let result: Result;
  if (!grantType) result = stsErrors.missingParameter("grant_type");
  else if (grantType === "authorization_code") result = redeemCode(request);
  else if (grantType === "refresh_token") result = redeemRefreshToken(request);
  else result = stsErrors.unsupportedGrantType(grantType);
  if (isStsError(result)) return fail(result);
  return tokenResponse(request, result);
}

function tokenResponse(request: TokenRequest, result: { tokens: TokenSet; principal: Principal; refreshToken: string }): ServiceResponse {
  const scopes = (request.body.get("scope") ?? "").toLowerCase().split(/\s+/);
  const { tokens } = result;
  return json(
    200,
    {
      token_type: "Bearer",
      scope: tokens.scope,
      expires_in: tokens.expiresIn,
      ext_expires_in: tokens.expiresIn,
      access_token: tokens.accessToken,
      ...(scopes.includes("offline_access") ? { refresh_token: result.refreshToken } : {}),
      ...(scopes.includes("openid") ? { id_token: tokens.idToken } : {}),
      ...(request.body.get("client_info") === "1" ? { client_info: clientInfoOf(result.principal.person) } : {}),
    },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}

/** Scope, claims and permission checks shared by both grants, then the token set. */
function issue(
  request: TokenRequest,
  principal: Principal,
  grant: { sessionId: string; mfa: boolean; acrs: string[]; nonce?: string },
): { tokens: TokenSet; mfa: boolean; acrs: string[] } | StsError {
  const { world, body, app } = request;
  const scope = body.get("scope");
  if (!scope) return stsErrors.emptyScopeForCode();
  const parsed = parseScopes(scope, principal.tenant.displayName, app.displayName);
  if (isStsError(parsed)) return parsed;
  const resource = singleResource(parsed);
  if (isStsError(resource)) return resource;
  const permissions = permissionsFor(world, principal, app, resource ? [resource] : []);
  if (isStsError(permissions)) return permissions;
  const claims = parseClaimsRequest(body.get("claims"));
  if (isStsError(claims)) return claims;
  const denied = silentAccessError(world, principal, app, permissions, claims, grant.mfa);
  if (denied) return denied;
  const acrs = satisfiedAcrs(claims, grant.acrs, grant.mfa);
  const subject: TokenSubject = { ...principal, app, sessionId: grant.sessionId, mfa: grant.mfa, acrs };
  return { tokens: mintTokenSet(world, subject, parsed, resource, permissions[0], grant.nonce), mfa: grant.mfa, acrs };
}

function redeemCode(request: TokenRequest): Result {
  const { world, body, app, authority } = request;
  const code = body.get("code");
  if (!code) return stsErrors.missingParameter("code");
  const record = findAuthorizationCode(world, code);
  if (!record) return stsErrors.codeInvalid("The code is not one this authority issued.");
  if (record.clientId !== app.clientId) return stsErrors.codeInvalid("The code was issued to a different client.");
  if (record.redeemed) return stsErrors.codeRedeemed();
  if (world.clock.nowMs() >= record.expiresAtMs) return stsErrors.codeExpired();
  if (authority.kind === "tenant" && authority.tenant.id !== record.tenantId) return stsErrors.codeForOtherTenant();
  const redirectUri = body.get("redirect_uri");
  if (!redirectUri) return stsErrors.missingParameter("redirect_uri");
  if (redirectUri !== record.redirectUri) return stsErrors.codeRedirectUriMismatch(redirectUri, record.redirectUri);
  // A redirect URI of the Web platform: its code may not be redeemed by a browser (handleToken saw an Origin).
  if (!redirectUriRegisteredAsSpa(app, record.redirectUri)) return stsErrors.crossOriginRedemptionNotSpa(request.origin);
  if (!record.codeChallenge || !record.codeChallengeMethod) return stsErrors.pkceRequiredCrossOrigin();
  const verifier = body.get("code_verifier");
  if (!verifier) return stsErrors.missingParameter("code_verifier");
  if (!verifierMatches(verifier, record.codeChallenge, record.codeChallengeMethod)) return stsErrors.codeVerifierMismatch();

  const tenant = world.state.tenants.find((t) => t.id === record.tenantId);
  const user = world.state.users.find((u) => u.id === record.userId);
  const person = world.state.users.find((u) => u.id === record.personId);
  if (!tenant || !user || !person) return stsErrors.codeInvalid("The user of the code no longer exists.");
  const principal: Principal = { tenant, user, person };
  const issued = issue(request, principal, {
    sessionId: record.sessionId,
    mfa: record.mfa,
    acrs: record.acrs,
    ...(record.nonce !== undefined ? { nonce: record.nonce } : {}),
  });
  if (isStsError(issued)) return issued;
  record.redeemed = true;
  const refreshToken = issueRefreshToken(world, {
    clientId: app.clientId,
    tenantId: tenant.id,
    personId: person.id,
    sessionId: record.sessionId,
    mfa: issued.mfa,
    acrs: issued.acrs,
    authTimeMs: record.authTimeMs,
  });
  return { tokens: issued.tokens, principal, refreshToken };
}

/**
 * A refresh token serves any resource and any tenant the person belongs to (that is how msal gets an ARM token, or a
 * token for a tenant where the user is a guest, without a new sign-in); through /common or /organizations it answers
 * for the tenant it was issued in. It can never add consent or MFA.
 */
function redeemRefreshToken(request: TokenRequest): Result {
  const { world, body, app, authority } = request;
  const token = body.get("refresh_token");
  if (!token) return stsErrors.missingParameter("refresh_token");
  const record = findRefreshToken(world, token);
  if (!record) return stsErrors.refreshTokenMalformed();
  if (record.clientId !== app.clientId) return stsErrors.refreshTokenOtherClient();
  if (world.clock.nowMs() >= record.expiresAtMs) return stsErrors.spaRefreshTokenExpired(new Date(record.familyIssuedAtMs).toISOString());
  const person = world.state.users.find((u) => u.id === record.personId);
  if (!person) return stsErrors.refreshTokenMalformed();
  const principal = principalAt(world, authority, person, app, record.tenantId);
  if (isStsError(principal)) return principal;
  const issued = issue(request, principal, { sessionId: record.sessionId, mfa: record.mfa, acrs: record.acrs });
  if (isStsError(issued)) return issued;
  const refreshToken = issueRefreshToken(
    world,
    {
      clientId: app.clientId,
      tenantId: principal.tenant.id,
      personId: person.id,
      sessionId: record.sessionId,
      mfa: record.mfa,
      acrs: issued.acrs,
      authTimeMs: record.authTimeMs,
    },
    record,
  );
  return { tokens: issued.tokens, principal, refreshToken };
}
