import { randomUUID } from "node:crypto";
import { json, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { World } from "../world";
import { isStsError, type StsError } from "./stsErrors";
import { tokenEndpointError } from "./stsResponses";
import { resolveAuthorityTenant } from "./tenants";

/**
 * The metadata msal reads before it signs anyone in: cloud instance discovery and the tenant's OpenID configuration.
 * Every URL is built from the root the request came in on, so a local root (npm start) describes itself.
 */

const PUBLIC_CLOUD_ALIASES = ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"];
const LOOPBACK_HOSTS = ["localhost", "127.0.0.1"];

const CLOUD_METADATA = [
  { preferred_network: "login.microsoftonline.com", preferred_cache: "login.windows.net", aliases: PUBLIC_CLOUD_ALIASES },
  {
    preferred_network: "login.partner.microsoftonline.cn",
    preferred_cache: "login.partner.microsoftonline.cn",
    aliases: ["login.partner.microsoftonline.cn", "login.chinacloudapi.cn"],
  },
  {
    preferred_network: "login.microsoftonline.us",
    preferred_cache: "login.microsoftonline.us",
    aliases: ["login.microsoftonline.us", "login.usgovcloudapi.net"],
  },
];

function correlationOf(req: ServiceRequest): string {
  return req.query.get("client-request-id") ?? req.headers["client-request-id"] ?? randomUUID();
}

/**
 * GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…: msal always asks login.microsoftonline.com.
 * A known Microsoft host, the emulator's own host, or a loopback host (a local emulator root) gets metadata naming
 * that host; any other host is AADSTS50049 invalid_instance, as the real service answers.
 */
export function handleInstanceDiscovery(world: World, req: ServiceRequest): ServiceResponse {
  const endpoint = req.query.get("authorization_endpoint");
  let url: URL | undefined;
  try {
    url = endpoint ? new URL(endpoint) : undefined;
  } catch {
    url = undefined;
  }
  const invalid: StsError = { error: "invalid_instance", code: 50049, message: "AADSTS50049: Unknown or invalid instance." };
  if (!url) return tokenEndpointError(world, req.baseUrl, invalid, correlationOf(req));
  const host = url.host.toLowerCase();
  const ownHost = new URL(req.baseUrl).host.toLowerCase();
  const known = PUBLIC_CLOUD_ALIASES.includes(host) || CLOUD_METADATA.some((m) => m.aliases.includes(host));
  const local = host === ownHost || LOOPBACK_HOSTS.includes(url.hostname.toLowerCase());
  if (!known && !local) return tokenEndpointError(world, req.baseUrl, invalid, correlationOf(req));

  // The tenant is the segment before oauth2/v2.0/authorize; anything before it is the authority root's own path.
  const match = /^(.*)\/([^/]+)\/oauth2\/v2\.0\/authorize\/?$/.exec(url.pathname);
  const rootPath = match?.[1] ?? "";
  const tenant = match?.[2] ?? "common";
  const localEntry = known ? [] : [{ preferred_network: url.host, preferred_cache: url.host, aliases: [url.host] }];
  return json(200, {
    tenant_discovery_endpoint: `${url.origin}${rootPath}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [...localEntry, ...CLOUD_METADATA],
  });
}

/**
 * GET /{tenant}/v2.0/.well-known/openid-configuration. A tenant id or domain resolves to the tenant id in every
 * endpoint; common and organizations keep their name and answer the issuer template "{tenantid}".
 */
export function handleOpenIdConfiguration(world: World, req: ServiceRequest, tenantSegment: string): ServiceResponse {
  const authority = resolveAuthorityTenant(world, tenantSegment);
  if (isStsError(authority)) return tokenEndpointError(world, req.baseUrl, authority, correlationOf(req));
  const root = req.baseUrl;
  const tenantPath = authority.kind === "tenant" ? authority.tenant.id : authority.segment.toLowerCase();
  const issuerTenant = authority.kind === "tenant" ? authority.tenant.id : "{tenantid}";
  return json(200, {
    token_endpoint: `${root}/${tenantPath}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${root}/${tenantPath}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${root}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
    authorization_endpoint: `${root}/${tenantPath}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${root}/${tenantPath}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${root}/${tenantPath}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    kerberos_endpoint: `${root}/${tenantPath}/kerberos`,
    tenant_region_scope: authority.kind === "tenant" ? "EU" : null,
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  });
}

/** GET /{tenant}/discovery/v2.0/keys: no keys, because the emulator's tokens are unsigned (alg "none"). */
export function handleSigningKeys(world: World, req: ServiceRequest, tenantSegment: string): ServiceResponse {
  const authority = resolveAuthorityTenant(world, tenantSegment);
  if (isStsError(authority)) return tokenEndpointError(world, req.baseUrl, authority, correlationOf(req));
  return json(200, { keys: [] });
}
