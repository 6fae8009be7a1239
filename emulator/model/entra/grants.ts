import { randomBytes, randomUUID } from "node:crypto";
import { hashSecret } from "../core/ids";
import type { World } from "../world";
import type { AuthorizationCodeRecord, RefreshTokenRecord, SessionChannel, SignInSession } from "./signInRecords";

/** Authorization codes are short-lived: "about 10 minutes" per the auth code flow documentation. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60 * 1000;
/** A single-page app's refresh token lasts 24 hours and rotation never extends it. */
export const SPA_REFRESH_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

function opaque(prefix: string): string {
  return `${prefix}${randomBytes(48).toString("base64url")}`;
}

// ---------- sessions ----------

export function currentSession(world: World, channel: SessionChannel): SignInSession | undefined {
  return world.state.signIn.sessions.find((s) => s.channel === channel);
}

/** An interactive sign-in replaces the channel's session (one account per browser, as the emulator models it). */
export function startSession(world: World, channel: SessionChannel, personId: string, mfa: boolean): SignInSession {
  const session: SignInSession = { id: randomUUID(), channel, personId, mfa, authTimeMs: world.clock.nowMs() };
  world.state.signIn.sessions = world.state.signIn.sessions.filter((s) => s.channel !== channel);
  world.state.signIn.sessions.push(session);
  return session;
}

/** Signs the browser out of Entra (clears its cookies): silent sign-in then needs interaction again. */
export function endBrowserSessions(world: World): void {
  world.state.signIn.sessions = world.state.signIn.sessions.filter((s) => s.channel !== "browser");
}

// ---------- authorization codes ----------

export function issueAuthorizationCode(
  world: World,
  record: Omit<AuthorizationCodeRecord, "codeHash" | "expiresAtMs" | "redeemed">,
): string {
  const code = opaque("1.A");
  world.state.signIn.authorizationCodes.push({
    ...record,
    codeHash: hashSecret(code),
    expiresAtMs: world.clock.nowMs() + AUTHORIZATION_CODE_LIFETIME_MS,
    redeemed: false,
  });
  return code;
}

export function findAuthorizationCode(world: World, code: string): AuthorizationCodeRecord | undefined {
  const hash = hashSecret(code);
  return world.state.signIn.authorizationCodes.find((c) => c.codeHash === hash);
}

// ---------- refresh tokens ----------

export interface RefreshTokenGrant {
  clientId: string;
  tenantId: string;
  personId: string;
  sessionId: string;
  mfa: boolean;
  acrs: string[];
  authTimeMs: number;
}

/** A new refresh token; `rotatedFrom` keeps the family's first issue time and expiry (SPA tokens never extend). */
export function issueRefreshToken(world: World, grant: RefreshTokenGrant, rotatedFrom?: RefreshTokenRecord): string {
  const token = opaque("1.A");
  const now = world.clock.nowMs();
  world.state.signIn.refreshTokens.push({
    ...grant,
    acrs: [...grant.acrs],
    tokenHash: hashSecret(token),
    familyIssuedAtMs: rotatedFrom?.familyIssuedAtMs ?? now,
    expiresAtMs: rotatedFrom?.expiresAtMs ?? now + SPA_REFRESH_TOKEN_LIFETIME_MS,
  });
  return token;
}

export function findRefreshToken(world: World, token: string): RefreshTokenRecord | undefined {
  const hash = hashSecret(token);
  return world.state.signIn.refreshTokens.find((t) => t.tokenHash === hash);
}
