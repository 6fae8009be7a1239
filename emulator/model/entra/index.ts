import { json, parseJsonBody, segments, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { World } from "../world";
import { handleAuthorize } from "./authorize";
import { handleInstanceDiscovery, handleOpenIdConfiguration, handleSigningKeys } from "./discovery";
import { handleLogout } from "./logout";
import { answerNestedAppAuthRequest } from "./nestedAppAuth";
import { handleToken } from "./tokenEndpoint";

export { audienceOf, resourceOfAudience, type ResourceKey } from "./scopes";
export { readAccessToken, resourceAppId, type AccessTokenPrincipal, type AccessTokenProblem } from "./accessTokens";
export { processNestedAppAuthRequest, answerNestedAppAuthRequest, type BridgeResponse, type NestedAppAuthOptions } from "./nestedAppAuth";
export { endBrowserSessions } from "./grants";

/** The Entra authority: routes below its root (https://login.microsoftonline.com or a local root). See ROUTES.md. */
export function handleEntra(world: World, req: ServiceRequest): ServiceResponse | Promise<ServiceResponse> {
  const parts = segments(req.path);
  const [tenant, a, b, c] = parts;
  const method = req.method.toUpperCase();

  if (parts.length === 2 && tenant === "_naa" && a === "bridge" && method === "POST") return nestedAppAuthBridge(world, req);
  if (!tenant) return notFound(req);
  if (parts.length === 3 && a === "discovery" && b === "instance" && method === "GET") return handleInstanceDiscovery(world, req);
  if (parts.length === 4 && a === "v2.0" && b === ".well-known" && c === "openid-configuration" && method === "GET")
    return handleOpenIdConfiguration(world, req, tenant);
  if (parts.length === 4 && a === "discovery" && b === "v2.0" && c === "keys" && method === "GET")
    return handleSigningKeys(world, req, tenant);
  if (parts.length === 4 && a === "oauth2" && b === "v2.0") {
    if (c === "authorize" && (method === "GET" || method === "POST")) return handleAuthorize(world, req, tenant);
    if (c === "token") return handleToken(world, req, tenant);
    if (c === "logout" && (method === "GET" || method === "POST")) return handleLogout(world, req);
  }
  return notFound(req);
}

/**
 * POST /_naa/bridge: a private route (not part of Entra) through which the emulated Azure DevOps host page forwards
 * DevOps.NestedAppAuth.processRequest(json). The body is the request envelope, the answer the response envelope.
 */
function nestedAppAuthBridge(world: World, req: ServiceRequest): ServiceResponse {
  // The host may send the envelope as JSON text or as a JSON string holding it.
  const body = parseJsonBody<unknown>(req);
  const requestJson = typeof body === "string" ? body : (req.bodyText ?? "");
  return json(200, answerNestedAppAuthRequest(world, requestJson, { authorityRoot: req.baseUrl }));
}

function notFound(req: ServiceRequest): ServiceResponse {
  return json(404, { error: "not_found", error_description: `No emulated Entra route for ${req.method} ${req.path}` });
}
