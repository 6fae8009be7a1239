/**
 * What Entra remembers between requests of a sign-in: sessions, authorization codes, refresh tokens and the
 * delegated consents users and administrators gave. Codes and refresh tokens are kept as hashes only, like the
 * secrets elsewhere in the state, so `inspect()` never shows a usable credential.
 */

/** Where a sign-in session lives: the browser's cookies on the authority, or the Azure DevOps host that brokers nested app auth. */
export type SessionChannel = "browser" | "nestedAppAuthHost";

export interface SignInSession {
  /** The `sid` claim of id tokens minted in this session. */
  id: string;
  channel: SessionChannel;
  /** The person signed in: their home-tenant user object. */
  personId: string;
  /** Whether this session's authentication included MFA. */
  mfa: boolean;
  authTimeMs: number;
}

export interface AuthorizationCodeRecord {
  codeHash: string;
  clientId: string;
  /** The redirect_uri exactly as the authorize request sent it; the token request must repeat it. */
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  tenantId: string;
  /** The user object in tenantId (a guest object for B2B guests). */
  userId: string;
  personId: string;
  sessionId: string;
  nonce?: string;
  mfa: boolean;
  /** Authentication-context class references (claims challenge "acrs") this sign-in satisfied. */
  acrs: string[];
  authTimeMs: number;
  expiresAtMs: number;
  redeemed: boolean;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  clientId: string;
  /** The tenant it was issued in: redeemed through /common or /organizations, it answers for that tenant. */
  tenantId: string;
  personId: string;
  sessionId: string;
  mfa: boolean;
  acrs: string[];
  authTimeMs: number;
  /** A single-page app's refresh token keeps the first one's expiry through every rotation. */
  familyIssuedAtMs: number;
  expiresAtMs: number;
}

/** A delegated permission grant, like Graph's oauth2PermissionGrant: for one user, or for all users of the tenant. */
export interface ConsentRecord {
  tenantId: string;
  clientId: string;
  /** A user object id, or "AllPrincipals" for tenant-wide (admin) consent. */
  principal: string;
  /** Canonical scope URIs, e.g. "https://graph.microsoft.com/User.Read". */
  scopes: string[];
}

export interface SignInRecords {
  sessions: SignInSession[];
  authorizationCodes: AuthorizationCodeRecord[];
  refreshTokens: RefreshTokenRecord[];
  consents: ConsentRecord[];
}

export function emptySignInRecords(): SignInRecords {
  return { sessions: [], authorizationCodes: [], refreshTokens: [], consents: [] };
}
