import { decodeJwt } from "../core/tokens";
import type { World } from "../world";
import { RESOURCES, resourceOfAudience, type ResourceKey } from "./scopes";

/**
 * For the emulated Graph and ARM: how to read an access token this authority minted, with the checks a real
 * resource makes after verifying the signature. Audience spellings accepted per resource:
 *   graph: "https://graph.microsoft.com" (URI-form scopes), "00000003-0000-0000-c000-000000000000" (short scopes)
 *   arm:   "https://management.azure.com", "https://management.azure.com/", "https://management.core.windows.net/"
 *          and Azure Service Management's app id "797f4846-ba00-4fd7-ba43-dac1f8f63013"
 */
export interface AccessTokenPrincipal {
  resource: ResourceKey;
  tenantId: string;
  /** The user object in tenantId (a guest object for guests). */
  objectId: string;
  /** The client (sign-in app) that asked for the token. */
  clientId: string;
  /** Delegated permissions, short names as in `scp` ("User.Read"). */
  scopes: string[];
  mfa: boolean;
  acrs: string[];
}

export type AccessTokenProblem = "malformed" | "wrongAudience" | "expired" | "notYetValid" | "unknownTenant";

export function readAccessToken(
  world: World,
  token: string,
  resource: ResourceKey,
): AccessTokenPrincipal | { problem: AccessTokenProblem } {
  const claims = decodeJwt(token);
  if (!claims || typeof claims.tid !== "string" || typeof claims.oid !== "string") return { problem: "malformed" };
  if (resourceOfAudience(claims.aud) !== resource) return { problem: "wrongAudience" };
  const now = world.clock.nowMs() / 1000;
  if (now >= claims.exp) return { problem: "expired" };
  if (now < claims.nbf) return { problem: "notYetValid" };
  if (claims.iss !== `https://sts.windows.net/${claims.tid}/` || !world.state.tenants.some((t) => t.id === claims.tid))
    return { problem: "unknownTenant" };
  const acrs = Array.isArray(claims["acrs"]) ? (claims["acrs"] as unknown[]).filter((a): a is string => typeof a === "string") : [];
  return {
    resource,
    tenantId: claims.tid,
    objectId: claims.oid,
    clientId: claims.appid ?? "",
    scopes: (claims.scp ?? "").split(" ").filter((s) => s.length > 0),
    mfa: (claims.amr ?? []).includes("mfa"),
    acrs,
  };
}

/** The first-party app id of a resource, as it appears in AADSTS messages and Graph's short-form audience. */
export function resourceAppId(resource: ResourceKey): string {
  return RESOURCES[resource].appId;
}
