import { bearerToken, type ServiceRequest, type ServiceResponse } from "../core/http";
import { decodeJwt, type TokenClaims } from "../core/tokens";
import { readAccessToken } from "../entra/accessTokens";
import type { World } from "../world";
import { unauthenticated } from "./errors";

/**
 * The audiences ARM names in InvalidAuthenticationTokenAudience. Which audiences are accepted is Entra's reading of the
 * token (entra/accessTokens.ts), shared with the emulated Graph, so both services agree on what a valid token is.
 */
export const ARM_AUDIENCES = [
  "https://management.core.windows.net/",
  "https://management.core.windows.net",
  "https://management.azure.com/",
  "https://management.azure.com",
] as const;

/** Who is calling: the token's object id in the token's tenant. */
export interface ArmCaller {
  tenantId: string;
  objectId: string;
  /** How AuthorizationFailed names the caller: a user's UPN, an application's app id. */
  clientName: string;
  kind: "User" | "ServicePrincipal" | "Unknown";
  /** A person signed in (delegated token): Azure's mandatory MFA applies to these only, never to workload identities. */
  interactive: boolean;
  /** The token's amr carries "mfa". */
  hasMfa: boolean;
  claims: TokenClaims;
}

export type Authentication = { ok: true; caller: ArmCaller } | { ok: false; response: ServiceResponse };

/** .NET's invariant date format, which ARM uses in ExpiredAuthenticationToken. */
function dotNetUtc(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${hours % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

function describeCaller(world: World, claims: TokenClaims): ArmCaller {
  const oid = claims.oid.toLowerCase();
  const tid = claims.tid.toLowerCase();
  const user = world.state.users.find((u) => u.id.toLowerCase() === oid && u.tenantId.toLowerCase() === tid);
  const sp = user ? undefined : world.state.servicePrincipals.find((s) => s.id.toLowerCase() === oid && s.tenantId.toLowerCase() === tid);
  const kind = user ? "User" : sp ? "ServicePrincipal" : "Unknown";
  const clientName = user
    ? (claims.upn ?? user.userPrincipalName)
    : sp
      ? (claims.appid ?? sp.appId)
      : (claims.upn ?? claims.preferred_username ?? claims.appid ?? claims.oid);
  return {
    tenantId: claims.tid,
    objectId: claims.oid,
    clientName,
    kind,
    interactive: kind === "User" || (kind === "Unknown" && typeof claims.scp === "string"),
    hasMfa: Array.isArray(claims.amr) && claims.amr.includes("mfa"),
    claims,
  };
}

/** Checks the bearer token the way ARM's front door does, before any route runs. */
export function authenticate(world: World, req: ServiceRequest): Authentication {
  if (!req.headers["authorization"]) {
    return {
      ok: false,
      response: unauthenticated("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
    };
  }
  const token = bearerToken(req);
  const claims = token ? decodeJwt(token) : undefined;
  const read = token ? readAccessToken(world, token, "arm") : { problem: "malformed" as const };
  if (!claims || "problem" in read) {
    switch ("problem" in read ? read.problem : "malformed") {
      case "wrongAudience": {
        const allowed = ARM_AUDIENCES.map((a) => `'${a}'`).join(",");
        const message = `The access token has been obtained for wrong audience or resource '${claims?.aud}'. It should exactly match with one of the allowed audiences ${allowed}.`;
        return { ok: false, response: unauthenticated("InvalidAuthenticationTokenAudience", message) };
      }
      case "expired": {
        const message = `The access token expiry UTC time '${dotNetUtc((claims?.exp ?? 0) * 1000)}' is earlier than current UTC time '${dotNetUtc(world.clock.nowMs())}'.`;
        return { ok: false, response: unauthenticated("ExpiredAuthenticationToken", message) };
      }
      case "notYetValid":
        // Guess: ARM's wording for a token used before its nbf.
        return { ok: false, response: unauthenticated("InvalidAuthenticationToken", "The access token is not yet valid.") };
      default:
        return { ok: false, response: unauthenticated("InvalidAuthenticationToken", "The access token is invalid.") };
    }
  }
  return { ok: true, caller: describeCaller(world, claims) };
}
