import { randomUUID } from "node:crypto";
import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { SignInApp } from "../state";
import type { World } from "../world";
import { parseClaimsRequest, type ClaimsRequest } from "./claimsChallenge";
import { consentInteractively, missingConsent, type ResourcePermissions } from "./consent";
import { currentSession, issueAuthorizationCode, startSession } from "./grants";
import { matchesLoginHint, personOf, signedInUser } from "./people";
import { validChallenge, type ChallengeMethod } from "./pkce";
import { parseResponseMode, redirectWith, type ResponseMode } from "./responseModes";
import { parseScopes, type ParsedScopes } from "./scopes";
import { appUsableAt, redirectTarget, redirectUriRegistered } from "./signInApps";
import type { SignInSession } from "./signInRecords";
import { isStsError, stsErrors, type StsError } from "./stsErrors";
import { errorPage, errorRedirectParams } from "./stsResponses";
import { resolveAuthorityTenant, type AuthorityTenant } from "./tenants";
import { permissionsFor, principalAt, satisfiedAcrs, silentAccessError, type Principal } from "./tokenIssuance";
import { clientInfoOf } from "./tokenMinting";

/**
 * GET or POST /{tenant}/oauth2/v2.0/authorize: the authorization code flow with PKCE. Problems that make the
 * redirect URI untrustworthy end on Entra's error page; every later problem goes back to the redirect URI, encoded
 * per response_mode, with the request's state.
 */

interface AuthorizeRequest {
  world: World;
  baseUrl: string;
  params: URLSearchParams;
  correlationId: string;
  authority: AuthorityTenant;
  app: SignInApp;
  target: string;
  mode: ResponseMode;
  state: string | null;
}

function authorizeParams(req: ServiceRequest): URLSearchParams {
  if (req.method !== "POST") return req.query;
  // A form POST carries the parameters in the body; msal leaves client-request-id in the query.
  const params = new URLSearchParams(req.query);
  for (const [k, v] of new URLSearchParams(req.bodyText ?? "")) params.set(k, v);
  return params;
}

export function handleAuthorize(world: World, req: ServiceRequest, tenantSegment: string): ServiceResponse {
  const params = authorizeParams(req);
  const correlationId = params.get("client-request-id") ?? randomUUID();
  const page = (error: StsError) => errorPage(world, error, correlationId);

  const authority = resolveAuthorityTenant(world, tenantSegment);
  if (isStsError(authority)) return page(authority);
  const clientId = params.get("client_id");
  if (!clientId) return page(stsErrors.missingParameter("client_id"));
  const app = appUsableAt(world, clientId, authority);
  if (isStsError(app)) return page(app);
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) return page(stsErrors.missingParameter("redirect_uri"));
  if (!redirectUriRegistered(app, redirectUri)) return page(stsErrors.redirectUriMismatch(redirectUri, app.clientId));
  const mode = parseResponseMode(params.get("response_mode"));
  if (!mode) return page(stsErrors.parameterInvalid("response_mode"));

  const request: AuthorizeRequest = {
    world,
    baseUrl: req.baseUrl,
    params,
    correlationId,
    authority,
    app,
    target: redirectTarget(redirectUri),
    mode,
    state: params.get("state"),
  };
  const outcome = authorizeCode(request, redirectUri);
  if (outcome.kind === "page") return page(outcome.error);
  return redirectWith(request.target, mode, [
    ...outcome.params,
    ...(request.state !== null ? ([["state", request.state]] as Array<[string, string]>) : []),
  ]);
}

type Outcome = { kind: "redirect"; params: Array<[string, string]> } | { kind: "page"; error: StsError };

function redirectError(request: AuthorizeRequest, error: StsError): Outcome {
  return { kind: "redirect", params: errorRedirectParams(request.world, request.baseUrl, error, request.correlationId) };
}

interface ValidatedRequest {
  scopes: ParsedScopes;
  claims: ClaimsRequest;
  codeChallenge?: string;
  codeChallengeMethod?: ChallengeMethod;
}

function validateRequest(request: AuthorizeRequest, tenantName: string): ValidatedRequest | StsError {
  const { params, app } = request;
  const responseType = params.get("response_type");
  if (!responseType) return stsErrors.missingParameter("response_type");
  if (responseType !== "code") return stsErrors.unsupportedResponseType(responseType);
  const scope = params.get("scope");
  if (!scope) return stsErrors.missingParameter("scope");
  const scopes = parseScopes(scope, tenantName, app.displayName);
  if (isStsError(scopes)) return scopes;
  const claims = parseClaimsRequest(params.get("claims"));
  if (isStsError(claims)) return claims;
  const challenge = params.get("code_challenge");
  if (challenge === null) return { scopes, claims };
  const method = validChallenge(challenge, params.get("code_challenge_method"));
  if (!method) return stsErrors.codeChallengeInvalid();
  return { scopes, claims, codeChallenge: challenge, codeChallengeMethod: method };
}

function authorizeCode(request: AuthorizeRequest, redirectUri: string): Outcome {
  const { world, params, authority, app } = request;
  const tenantName = authority.kind === "tenant" ? authority.tenant.displayName : authority.segment;
  const validated = validateRequest(request, tenantName);
  if (isStsError(validated)) return redirectError(request, validated);

  const signIn = params.get("prompt") === "none" ? signInSilently(request, validated) : signInInteractively(request, validated);
  if (signIn.kind !== "signedIn") return signIn;
  const { principal, session } = signIn;
  const nonce = params.get("nonce");

  const code = issueAuthorizationCode(world, {
    clientId: app.clientId,
    redirectUri,
    ...(validated.codeChallenge !== undefined ? { codeChallenge: validated.codeChallenge } : {}),
    ...(validated.codeChallengeMethod !== undefined ? { codeChallengeMethod: validated.codeChallengeMethod } : {}),
    tenantId: principal.tenant.id,
    userId: principal.user.id,
    personId: principal.person.id,
    sessionId: session.id,
    ...(nonce !== null ? { nonce } : {}),
    mfa: session.mfa,
    acrs: satisfiedAcrs(validated.claims, [], session.mfa),
    authTimeMs: session.authTimeMs,
  });
  return {
    kind: "redirect",
    params: [
      ["code", code],
      ["client_info", clientInfoOf(principal.person)],
      ["session_state", session.id],
    ],
  };
}

type SignIn = { kind: "signedIn"; principal: Principal; session: SignInSession } | Outcome;

function requestedPermissions(
  request: AuthorizeRequest,
  principal: Principal,
  validated: ValidatedRequest,
): ResourcePermissions[] | StsError {
  return permissionsFor(request.world, principal, request.app, validated.scopes.resources);
}

/**
 * The user signs in (who: knobs.signedInUserId), does MFA when their sign-in always does or a claims challenge asks
 * for it, and consents. The browser session that results serves later prompt=none requests.
 */
function signInInteractively(request: AuthorizeRequest, validated: ValidatedRequest): SignIn {
  const { world, app, authority } = request;
  const who = signedInUser(world);
  if (!who)
    return {
      kind: "page",
      error: stsErrors.unknownUser(
        world.knobs.signedInUserId ?? "",
        authority.kind === "tenant" ? authority.tenant.displayName : authority.segment,
      ),
    };
  const person = personOf(world, who);
  const principal = principalAt(world, authority, person, app);
  if (isStsError(principal)) return { kind: "page", error: principal };

  const previous = currentSession(world, "browser");
  const keptMfa = previous?.personId === person.id && previous.mfa && request.params.get("prompt") !== "login";
  const session = startSession(world, "browser", person.id, keptMfa || person.mfa || principal.user.mfa || validated.claims.requiresMfa);

  const permissions = requestedPermissions(request, principal, validated);
  if (isStsError(permissions)) return redirectError(request, permissions);
  const declined = consentInteractively(
    world,
    principal.tenant,
    app,
    principal.user,
    missingConsent(world, principal.tenant, app, principal.user, permissions),
  );
  // Staying on "Need admin approval" (AADSTS90094) never sends the browser back to the app.
  if (declined) return declined.code === 90094 ? { kind: "page", error: declined } : redirectError(request, declined);
  return { kind: "signedIn", principal, session };
}

/** prompt=none: only the browser's existing session may answer; anything needing the user is an error. */
function signInSilently(request: AuthorizeRequest, validated: ValidatedRequest): SignIn {
  const { world, app, authority, params } = request;
  const session = currentSession(world, "browser");
  const person = session ? world.state.users.find((u) => u.id === session.personId) : undefined;
  if (!session || !person) return redirectError(request, stsErrors.noUserSignedIn());
  const hint = params.get("login_hint");
  if (hint && !matchesLoginHint(world, person, hint)) return redirectError(request, stsErrors.loginHintMismatch());
  const sid = params.get("sid");
  if (sid && sid !== session.id) return redirectError(request, stsErrors.loginHintMismatch());

  const principal = principalAt(world, authority, person, app);
  // Silently, "you are not in this tenant" is something the user must resolve (pick another account).
  if (isStsError(principal))
    return redirectError(request, principal.code === 50020 ? { ...principal, error: "interaction_required" } : principal);
  const permissions = requestedPermissions(request, principal, validated);
  if (isStsError(permissions)) return redirectError(request, permissions);
  const denied = silentAccessError(world, principal, app, permissions, validated.claims, session.mfa);
  if (denied) return redirectError(request, denied);
  return { kind: "signedIn", principal, session };
}
