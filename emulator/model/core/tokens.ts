/**
 * Access and id tokens shaped like Entra's (a JWT with tid, oid, scp, aud, exp). They are unsigned
 * ("alg":"none"): msal-browser decodes the id token's claims without checking a signature, and the emulated
 * Graph and ARM read the claims the same way the real ones would after validating.
 */
export interface TokenClaims {
  aud: string;
  iss: string;
  tid: string;
  oid: string;
  sub: string;
  /** Space-separated delegated scopes, as Entra writes them. */
  scp?: string;
  /** Client (application) id that asked for the token. */
  appid?: string;
  azp?: string;
  upn?: string;
  preferred_username?: string;
  name?: string;
  iat: number;
  nbf: number;
  exp: number;
  ver?: string;
  /** Authentication methods: includes "mfa" when the user did MFA. */
  amr?: string[];
  nonce?: string;
  [claim: string]: unknown;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

export function mintJwt(claims: TokenClaims): string {
  const header = base64url(JSON.stringify({ typ: "JWT", alg: "none" }));
  const payload = base64url(JSON.stringify(claims));
  return `${header}.${payload}.`;
}

/** Decodes a JWT's claims; undefined when it is not a JWT this model could have minted. */
export function decodeJwt(token: string): TokenClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as TokenClaims;
    if (typeof claims.aud !== "string" || typeof claims.exp !== "number") return undefined;
    return claims;
  } catch {
    return undefined;
  }
}
