import { createHash, randomBytes } from "node:crypto";
import { AzureInABox } from "../../../emulator/model/azureInABox";
import type { ServiceRequest, ServiceResponse } from "../../../emulator/model/core/http";
import { decodeJwt, type TokenClaims } from "../../../emulator/model/core/tokens";
import { SEED } from "../../../emulator/model/seed";

/** Drives the emulated Entra authority the way msal-browser does, through AzureInABox.handleService. */

export const ROOT = "https://login.microsoftonline.com";
export const CLIENT_ID = SEED.signInClientId;
export const REDIRECT_URI = "http://localhost:5173/";
export const ORIGIN = "http://localhost:5173";
export const GRAPH_WRITE = "https://graph.microsoft.com/Application.ReadWrite.All";
export const GRAPH_READ = "https://graph.microsoft.com/User.Read";
export const ARM = "https://management.azure.com/user_impersonation";
export const START = new Date("2026-03-02T09:00:00Z");

export function newBox(signedInUserId: string = SEED.users.admin): AzureInABox {
  return new AzureInABox({ now: START, knobs: { signedInUserId } });
}

export function request(
  method: string,
  pathAndQuery: string,
  options: { body?: Record<string, string> | string; headers?: Record<string, string>; baseUrl?: string } = {},
): ServiceRequest {
  const url = new URL(`http://placeholder${pathAndQuery}`);
  const bodyText =
    typeof options.body === "string" ? options.body : options.body ? new URLSearchParams(options.body).toString() : undefined;
  return {
    method,
    service: "entra",
    baseUrl: options.baseUrl ?? ROOT,
    path: url.pathname,
    query: url.searchParams,
    headers: options.headers ?? {},
    ...(bodyText !== undefined ? { bodyText } : {}),
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export interface AuthorizeOptions {
  tenant?: string;
  scope?: string;
  prompt?: string;
  claims?: string;
  loginHint?: string;
  sid?: string;
  redirectUri?: string;
  responseMode?: string;
  clientId?: string;
  challenge?: string | null;
  state?: string;
  nonce?: string;
  extra?: Record<string, string>;
}

/** GET /authorize as msal builds it (response_mode fragment, PKCE S256, client_info=1, openid profile offline_access). */
export async function authorize(
  box: AzureInABox,
  options: AuthorizeOptions = {},
): Promise<{ response: ServiceResponse; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const params = new URLSearchParams({
    client_id: options.clientId ?? CLIENT_ID,
    scope: options.scope ?? `${GRAPH_WRITE} openid profile offline_access`,
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    "client-request-id": "11111111-2222-3333-4444-555555555555",
    response_mode: options.responseMode ?? "fragment",
    response_type: "code",
    client_info: "1",
    state: options.state ?? "state-123",
    nonce: options.nonce ?? "nonce-456",
    ...(options.challenge === null ? {} : { code_challenge: options.challenge ?? challenge, code_challenge_method: "S256" }),
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    ...(options.loginHint ? { login_hint: options.loginHint } : {}),
    ...(options.sid ? { sid: options.sid } : {}),
    ...options.extra,
  });
  const response = await box.handleService(request("GET", `/${options.tenant ?? "organizations"}/oauth2/v2.0/authorize?${params}`));
  return { response, verifier };
}

/** The parameters of a 302 back to the app, from its fragment or query. */
export function redirectParams(response: ServiceResponse): URLSearchParams {
  expect(response.status).toBe(302);
  const location = new URL(response.headers?.["location"] ?? "");
  return new URLSearchParams(location.hash ? location.hash.slice(1) : location.search);
}

export async function redeemCode(
  box: AzureInABox,
  code: string,
  verifier: string,
  options: { tenant?: string; scope?: string; redirectUri?: string; origin?: string | null; clientId?: string; claims?: string } = {},
): Promise<ServiceResponse> {
  return box.handleService(
    request("POST", `/${options.tenant ?? "organizations"}/oauth2/v2.0/token?client-request-id=abc`, {
      headers: {
        "content-type": "application/x-www-form-urlencoded;charset=utf-8",
        ...(options.origin === null ? {} : { origin: options.origin ?? ORIGIN }),
      },
      body: {
        client_id: options.clientId ?? CLIENT_ID,
        redirect_uri: options.redirectUri ?? REDIRECT_URI,
        scope: options.scope ?? `${GRAPH_WRITE} openid profile offline_access`,
        code,
        code_verifier: verifier,
        grant_type: "authorization_code",
        client_info: "1",
        ...(options.claims ? { claims: options.claims } : {}),
      },
    }),
  );
}

export async function refresh(
  box: AzureInABox,
  refreshToken: string,
  options: { tenant?: string; scope?: string; claims?: string; clientId?: string } = {},
): Promise<ServiceResponse> {
  return box.handleService(
    request("POST", `/${options.tenant ?? "organizations"}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded;charset=utf-8", origin: ORIGIN },
      body: {
        client_id: options.clientId ?? CLIENT_ID,
        scope: options.scope ?? `${ARM} openid profile offline_access`,
        refresh_token: refreshToken,
        grant_type: "refresh_token",
        client_info: "1",
        ...(options.claims ? { claims: options.claims } : {}),
      },
    }),
  );
}

export interface TokenBody {
  token_type: string;
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  client_info?: string;
}

export interface ErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  suberror?: string;
}

/** Interactive sign-in plus code redemption: the whole popup round trip. */
export async function signIn(box: AzureInABox, options: AuthorizeOptions & { tokenScope?: string } = {}): Promise<TokenBody> {
  const { response, verifier } = await authorize(box, options);
  const code = redirectParams(response).get("code");
  if (!code) throw new Error(`no code: ${response.headers?.["location"] ?? JSON.stringify(response.body)}`);
  const redeemed = await redeemCode(box, code, verifier, {
    ...(options.tenant ? { tenant: options.tenant } : {}),
    scope: options.tokenScope ?? options.scope ?? `${GRAPH_WRITE} openid profile offline_access`,
  });
  expect(redeemed.status).toBe(200);
  return redeemed.body as TokenBody;
}

export function claimsOf(token: string | undefined): TokenClaims {
  const claims = decodeJwt(token ?? "");
  if (!claims) throw new Error("not a token");
  return claims;
}

export function errorOf(response: ServiceResponse): ErrorBody {
  return response.body as ErrorBody;
}

/** MFA claims challenge as ARM sends it in WWW-Authenticate (decoded). */
export const MFA_CHALLENGE = JSON.stringify({ access_token: { acrs: { essential: true, value: "p1" } } });
