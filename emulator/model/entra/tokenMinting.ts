import { createHash, randomBytes } from "node:crypto";
import { mintJwt, type TokenClaims } from "../core/tokens";
import type { DirectoryRole, SignInApp, Tenant, User } from "../state";
import type { World } from "../world";
import type { ResourceKey } from "./scopes";

/** Access and id tokens live one hour, as Entra's defaults do (real access tokens vary between 60 and 90 minutes). */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** Who a token is about and how they signed in. */
export interface TokenSubject {
  tenant: Tenant;
  /** The user object in `tenant` (a guest object for B2B guests). */
  user: User;
  /** The person's home account. */
  person: User;
  app: SignInApp;
  sessionId: string;
  mfa: boolean;
  acrs: string[];
}

/** The resource and permissions one access token carries. */
export interface AccessGrant {
  resource: ResourceKey;
  /** The token's `aud`: the resource identifier as the request wrote it. */
  audience: string;
  names: string[];
}

// Directory role template ids, the same in every tenant; Entra lists them in the `wids` claim.
const ROLE_TEMPLATE_IDS: Record<DirectoryRole, string> = {
  GlobalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  ApplicationAdministrator: "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
  ApplicationDeveloper: "cf1c38e5-3621-4004-a7cb-879624dced7c",
};
const MEMBER_ROLE_TEMPLATE_ID = "b79fbf4d-3ef9-4689-8143-76b194e85509";

function nowSeconds(world: World): number {
  return Math.floor(world.clock.nowMs() / 1000);
}

/** Entra's `sub` is pairwise: stable for one user and one app, different for every app. */
function pairwiseSubject(userId: string, clientId: string): string {
  return createHash("sha256").update(`${userId}:${clientId}`).digest("base64url").slice(0, 43);
}

function uniqueTokenId(): string {
  return randomBytes(16).toString("base64url");
}

function identityClaims(subject: TokenSubject): Partial<TokenClaims> {
  const isGuest = subject.user.userType === "Guest";
  return isGuest
    ? { unique_name: subject.person.userPrincipalName, idp: `https://sts.windows.net/${subject.person.tenantId}/` }
    : { unique_name: subject.user.userPrincipalName, upn: subject.user.userPrincipalName };
}

/**
 * A v1.0 access token, the version Graph and ARM receive even through the v2.0 endpoint: issuer
 * https://sts.windows.net/{tid}/, `appid` for the client, `scp` with short permission names.
 */
export function mintAccessToken(world: World, subject: TokenSubject, grant: AccessGrant): string {
  const iat = nowSeconds(world);
  const roles =
    subject.user.userType === "Guest" ? [] : [...subject.user.directoryRoles.map((r) => ROLE_TEMPLATE_IDS[r]), MEMBER_ROLE_TEMPLATE_ID];
  const claims: TokenClaims = {
    aud: grant.audience,
    iss: `https://sts.windows.net/${subject.tenant.id}/`,
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    acr: "1",
    ...(subject.acrs.length > 0 ? { acrs: [...subject.acrs] } : {}),
    amr: subject.mfa ? ["pwd", "mfa"] : ["pwd"],
    appid: subject.app.clientId,
    appidacr: "0",
    idtyp: "user",
    name: subject.user.displayName,
    oid: subject.user.id,
    scp: grant.names.join(" "),
    sid: subject.sessionId,
    sub: pairwiseSubject(subject.user.id, subject.app.clientId),
    tid: subject.tenant.id,
    ...identityClaims(subject),
    uti: uniqueTokenId(),
    ver: "1.0",
    wids: roles,
  };
  return mintJwt(claims);
}

/** A v2.0 id token for the client: aud = client id, the request's nonce echoed, `sid` for silent sign-in later. */
export function mintIdToken(world: World, subject: TokenSubject, nonce?: string): string {
  const iat = nowSeconds(world);
  const claims: TokenClaims = {
    aud: subject.app.clientId,
    iss: `https://login.microsoftonline.com/${subject.tenant.id}/v2.0`,
    iat,
    nbf: iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    name: subject.user.displayName,
    ...(nonce !== undefined ? { nonce } : {}),
    oid: subject.user.id,
    preferred_username: subject.person.userPrincipalName,
    sid: subject.sessionId,
    sub: pairwiseSubject(subject.user.id, subject.app.clientId),
    tid: subject.tenant.id,
    uti: uniqueTokenId(),
    ver: "2.0",
  };
  return mintJwt(claims);
}

/** base64url of {"uid","utid"}: the person's home account, from which msal builds homeAccountId "uid.utid". */
export function clientInfoOf(person: User): string {
  return Buffer.from(JSON.stringify({ uid: person.id, utid: person.tenantId }), "utf8").toString("base64url");
}
