import type { SignInApp, User } from "../state";
import type { World } from "../world";
import { parseClaimsRequest } from "./claimsChallenge";
import { consentInteractively, missingConsent, type ResourcePermissions } from "./consent";
import { currentSession, startSession } from "./grants";
import { personOf, signedInUser } from "./people";
import { parseScopes, singleResource, type ParsedScopes, type ResourceScopes } from "./scopes";
import { appUsableAt } from "./signInApps";
import type { SignInSession } from "./signInRecords";
import { isStsError, stsErrors, type StsError } from "./stsErrors";
import { resolveAuthorityTenant } from "./tenants";
import { mintTokenSet, permissionsFor, principalAt, satisfiedAcrs, silentAccessError, type Principal } from "./tokenIssuance";

/**
 * The host side of nested app authentication: what Azure DevOps answers when the hub's msal
 * (createNestablePublicClientApplication) posts a request through SDK.enableNestedAppAuth()'s bridge. The shapes are
 * msal-browser's own (src/naa/): BridgeRequestEnvelope in, BridgeResponseEnvelope out. The host is signed in as
 * knobs.signedInUserId and brokers tokens for the hub's client id without a redirect URI of the hub's own.
 */

export type BridgeStatusCode =
  | "USER_INTERACTION_REQUIRED"
  | "USER_CANCEL"
  | "NO_NETWORK"
  | "TRANSIENT_ERROR"
  | "PERSISTENT_ERROR"
  | "DISABLED"
  | "ACCOUNT_UNAVAILABLE"
  | "NESTED_APP_AUTH_UNAVAILABLE";

export interface BridgeError {
  status: BridgeStatusCode;
  code?: string;
  subError?: string;
  description?: string;
}

export interface BridgeAccount {
  homeAccountId: string;
  environment: string;
  tenantId: string;
  username: string;
  localAccountId: string;
  name: string;
}

export interface BridgeToken {
  access_token: string;
  expires_in: number;
  id_token: string;
  properties: null;
  scope: string;
  authority: string;
  extendedLifetimeToken: boolean;
}

export interface BridgeInitContext {
  sdkName: string;
  sdkVersion: string;
  capabilities: { queryAccount: boolean };
  accountContext?: { homeAccountId: string; environment: string; tenantId: string };
}

export interface BridgeResponse {
  messageType: "NestedAppAuthResponse";
  requestId: string;
  success: boolean;
  token?: BridgeToken;
  account?: BridgeAccount;
  initContext?: BridgeInitContext;
  error?: BridgeError;
}

interface TokenParams {
  clientId: string;
  scope: string;
  authority?: string;
  claims?: string;
  correlationId?: string;
}

export interface NestedAppAuthOptions {
  /** The authority root tokens name as theirs; the real one unless a local root serves the bridge. */
  authorityRoot?: string;
}

const REAL_AUTHORITY_ROOT = "https://login.microsoftonline.com";
/** What the emulated host calls itself in GetInitContext; no client should depend on it. */
const HOST_SDK = { sdkName: "azure-devops-host-emulator", sdkVersion: "1.0.0" } as const;

/** Answers one bridge request (a JSON string) with a response envelope (a JSON string). */
export function processNestedAppAuthRequest(world: World, requestJson: string, options: NestedAppAuthOptions = {}): string {
  return JSON.stringify(answerNestedAppAuthRequest(world, requestJson, options));
}

export function answerNestedAppAuthRequest(world: World, requestJson: string, options: NestedAppAuthOptions = {}): BridgeResponse {
  const root = (options.authorityRoot ?? REAL_AUTHORITY_ROOT).replace(/\/+$/, "");
  let request: { messageType?: unknown; method?: unknown; requestId?: unknown; tokenParams?: unknown };
  try {
    const parsed: unknown = JSON.parse(requestJson);
    request = typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    request = {};
  }
  const requestId = typeof request.requestId === "string" ? request.requestId : "";
  const respond = (body: Partial<BridgeResponse>): BridgeResponse => ({
    messageType: "NestedAppAuthResponse",
    requestId,
    success: body.error === undefined,
    ...body,
  });
  if (request.messageType !== "NestedAppAuthRequest" || !requestId) {
    return respond({
      error: { status: "PERSISTENT_ERROR", code: "invalid_request", description: "Not a NestedAppAuthRequest envelope with a requestId." },
    });
  }
  switch (request.method) {
    case "Ping":
      return respond({});
    case "GetInitContext":
      return respond({ initContext: initContext(world, root) });
    case "GetActiveAccount": {
      const person = hostPerson(world);
      return person
        ? respond({ account: accountOf(person, person, person.tenantId, root) })
        : respond({ error: { status: "ACCOUNT_UNAVAILABLE", description: "No user is signed in to the host." } });
    }
    case "GetToken":
    case "GetTokenPopup":
      return respond(getToken(world, request.tokenParams, request.method === "GetTokenPopup", root));
    default:
      return respond({
        error: {
          status: "PERSISTENT_ERROR",
          code: "unsupported_method",
          description: `The host does not support the method '${String(request.method)}'.`,
        },
      });
  }
}

function hostPerson(world: World): User | undefined {
  const who = signedInUser(world);
  return who ? personOf(world, who) : undefined;
}

function initContext(world: World, root: string): BridgeInitContext {
  const person = hostPerson(world);
  const environment = new URL(root).host;
  return {
    ...HOST_SDK,
    capabilities: { queryAccount: false },
    ...(person ? { accountContext: { homeAccountId: `${person.id}.${person.tenantId}`, environment, tenantId: person.tenantId } } : {}),
  };
}

function accountOf(person: User, user: User, tenantId: string, root: string): BridgeAccount {
  return {
    homeAccountId: `${person.id}.${person.tenantId}`,
    environment: new URL(root).host,
    tenantId,
    username: person.userPrincipalName,
    localAccountId: user.id,
    name: user.displayName,
  };
}

function isTokenParams(value: unknown): value is TokenParams {
  if (typeof value !== "object" || value === null) return false;
  const { clientId, scope } = value as Partial<TokenParams>;
  return typeof clientId === "string" && clientId.length > 0 && typeof scope === "string";
}

/** The tenant segment of an authority URL ("https://login.microsoftonline.com/{tenant}/"), "organizations" when none is given. */
function tenantSegmentOf(authority: string | undefined): string | undefined {
  if (!authority) return "organizations";
  try {
    const segments = new URL(authority).pathname.split("/").filter((s) => s.length > 0 && s.toLowerCase() !== "v2.0");
    return segments[segments.length - 1] ?? "organizations";
  } catch {
    return undefined;
  }
}

/** The host's own session: it is always signed in, with the MFA its sign-in did; a popup may step it up. */
function hostSession(world: World, person: User, user: User): SignInSession {
  const existing = currentSession(world, "nestedAppAuthHost");
  if (existing && existing.personId === person.id) return existing;
  return startSession(world, "nestedAppAuthHost", person.id, person.mfa || user.mfa);
}

/** Interactive failures are final for this attempt; silent ones that a popup could fix say so. */
function bridgeError(error: StsError, interactive: boolean): BridgeError {
  const needsUser = ["consent_required", "interaction_required", "login_required"].includes(error.error);
  const status: BridgeStatusCode = !interactive && needsUser ? "USER_INTERACTION_REQUIRED" : "PERSISTENT_ERROR";
  const subError =
    error.error === "consent_required" ? "consent_required" : error.error === "interaction_required" ? "basic_action" : undefined;
  return { status, code: error.error, ...(subError ? { subError } : {}), description: error.message };
}

function getToken(world: World, params: unknown, interactive: boolean, root: string): Partial<BridgeResponse> {
  const fail = (error: StsError): Partial<BridgeResponse> => ({ error: bridgeError(error, interactive) });
  if (!isTokenParams(params)) return fail(stsErrors.missingParameter("tokenParams"));
  const who = signedInUser(world);
  if (!who) return { error: { status: "ACCOUNT_UNAVAILABLE", description: "No user is signed in to the host." } };
  const person = personOf(world, who);
  const segment = tenantSegmentOf(params.authority);
  if (!segment) return fail(stsErrors.parameterInvalid("authority"));
  const authority = resolveAuthorityTenant(world, segment);
  if (isStsError(authority)) return fail(authority);
  const app = appUsableAt(world, params.clientId, authority);
  if (isStsError(app)) return fail(app);
  const principal = principalAt(world, authority, person, app);
  if (isStsError(principal)) return fail(principal.code === 50020 ? { ...principal, error: "interaction_required" } : principal);
  const parsed = parseScopes(params.scope, principal.tenant.displayName, app.displayName);
  if (isStsError(parsed)) return fail(parsed);
  const resource = singleResource(parsed);
  if (isStsError(resource)) return fail(resource);
  const permissions = permissionsFor(world, principal, app, resource ? [resource] : []);
  if (isStsError(permissions)) return fail(permissions);
  const claims = parseClaimsRequest(params.claims);
  if (isStsError(claims)) return fail(claims);

  const session = hostSession(world, person, principal.user);
  if (interactive) {
    if (claims.requiresMfa) session.mfa = true;
    const declined = consentInteractively(
      world,
      principal.tenant,
      app,
      principal.user,
      missingConsent(world, principal.tenant, app, principal.user, permissions),
    );
    if (declined) return fail(declined);
  } else {
    const denied = silentAccessError(world, principal, app, permissions, claims, session.mfa);
    if (denied) return fail(denied);
  }
  return tokenAnswer(world, principal, app, session, parsed, resource, permissions[0], satisfiedAcrs(claims, [], session.mfa), root);
}

function tokenAnswer(
  world: World,
  principal: Principal,
  app: SignInApp,
  session: SignInSession,
  parsed: ParsedScopes,
  resource: ResourceScopes | undefined,
  permissions: ResourcePermissions | undefined,
  acrs: string[],
  root: string,
): Partial<BridgeResponse> {
  const tokens = mintTokenSet(world, { ...principal, app, sessionId: session.id, mfa: session.mfa, acrs }, parsed, resource, permissions);
  return {
    token: {
      access_token: tokens.accessToken,
      expires_in: tokens.expiresIn,
      id_token: tokens.idToken,
      properties: null,
      scope: tokens.scope,
      authority: `${root}/${principal.tenant.id}`,
      extendedLifetimeToken: false,
    },
    account: accountOf(principal.person, principal.user, principal.tenant.id, root),
  };
}
