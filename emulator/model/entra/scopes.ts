import { stsErrors, type StsError } from "./stsErrors";

/**
 * The resources (APIs) the emulated tenant can issue tokens for, and how a `scope` parameter maps onto them.
 * Only Microsoft Graph and Azure Resource Manager exist here: everything else is AADSTS500011, as an API without
 * a service principal in the tenant would be.
 */
export type ResourceKey = "graph" | "arm";

interface ResourceDefinition {
  key: ResourceKey;
  displayName: string;
  /** The first-party application id (what a short or GUID-form scope names). */
  appId: string;
  /** Identifier URIs, lower-case, without trailing slash. */
  identifierUris: string[];
  /** The canonical URI used when storing consent. */
  canonicalUri: string;
  /** Delegated permissions that exist on the resource, with whether only an administrator may consent to them. */
  permissions: Record<string, { adminConsentRequired: boolean }>;
}

const GRAPH: ResourceDefinition = {
  key: "graph",
  displayName: "Microsoft Graph",
  appId: "00000003-0000-0000-c000-000000000000",
  identifierUris: ["https://graph.microsoft.com"],
  canonicalUri: "https://graph.microsoft.com",
  // From the Graph permissions reference; only the delegated permissions a hub like ours could plausibly ask for.
  permissions: {
    "User.Read": { adminConsentRequired: false },
    "User.ReadBasic.All": { adminConsentRequired: false },
    "User.Read.All": { adminConsentRequired: true },
    "User.ReadWrite.All": { adminConsentRequired: true },
    "Application.Read.All": { adminConsentRequired: true },
    "Application.ReadWrite.All": { adminConsentRequired: true },
    "Directory.Read.All": { adminConsentRequired: true },
    "Directory.ReadWrite.All": { adminConsentRequired: true },
    "Directory.AccessAsUser.All": { adminConsentRequired: true },
    "Organization.Read.All": { adminConsentRequired: true },
    "Group.Read.All": { adminConsentRequired: true },
  },
};

const ARM: ResourceDefinition = {
  key: "arm",
  displayName: "Windows Azure Service Management API",
  appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
  identifierUris: ["https://management.azure.com", "https://management.core.windows.net"],
  canonicalUri: "https://management.azure.com",
  permissions: { user_impersonation: { adminConsentRequired: false } },
};

export const RESOURCES: Record<ResourceKey, ResourceDefinition> = { graph: GRAPH, arm: ARM };

/** Scopes of OpenID Connect itself: they name no resource and never need consent here. */
const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"] as const;

/** The scopes of one resource a request names. */
export interface ResourceScopes {
  resource: ResourceKey;
  /**
   * The resource identifier as the request wrote it ("https://management.azure.com", "https://management.azure.com/",
   * or Graph's app id for short scopes). It becomes the access token's `aud`: v1.0 tokens carry the identifier used.
   */
  audience: string;
  /** The prefix to write back in the response's scope ("" for Graph's short form). */
  responsePrefix: string;
  /** Canonical permission names, e.g. "User.Read". Empty with `isDefault`. */
  names: string[];
  /** The request asked for "{resource}/.default": the permissions configured on the app registration. */
  isDefault: boolean;
}

export interface ParsedScopes {
  /** The scope parameter as sent, for error messages. */
  raw: string;
  oidc: string[];
  resources: ResourceScopes[];
}

function findResourceByIdentifier(identifier: string): ResourceDefinition | undefined {
  const normalized = identifier.toLowerCase().replace(/\/+$/, "");
  return Object.values(RESOURCES).find((r) => r.identifierUris.includes(normalized) || r.appId === normalized);
}

function canonicalPermission(resource: ResourceDefinition, name: string): string | undefined {
  return Object.keys(resource.permissions).find((p) => p.toLowerCase() === name.toLowerCase());
}

/**
 * Splits a scope parameter by resource. Several resources are allowed here (an authorize request may gather consent
 * for all of them at once); token requests then insist on one with `singleResource`.
 */
export function parseScopes(raw: string, tenantName: string, appName: string): ParsedScopes | StsError {
  const parsed: ParsedScopes = { raw, oidc: [], resources: [] };
  for (const scope of raw.split(/\s+/).filter((s) => s.length > 0)) {
    const oidc = OIDC_SCOPES.find((o) => o === scope.toLowerCase());
    if (oidc) {
      if (!parsed.oidc.includes(oidc)) parsed.oidc.push(oidc);
      continue;
    }
    const slash = scope.lastIndexOf("/");
    // A scope without a resource prefix is a Microsoft Graph permission: Entra's v2 endpoint defaults to Graph.
    const identifier = slash < 0 ? GRAPH.appId : scope.slice(0, slash);
    const name = slash < 0 ? scope : scope.slice(slash + 1);
    const resource = findResourceByIdentifier(identifier);
    if (!resource) return stsErrors.resourceNotFound(identifier, tenantName);
    let entry = parsed.resources.find((r) => r.resource === resource.key);
    if (!entry) {
      entry = {
        resource: resource.key,
        audience: identifier,
        responsePrefix: slash < 0 ? "" : `${identifier}/`,
        names: [],
        isDefault: false,
      };
      parsed.resources.push(entry);
    }
    if (name === ".default") {
      entry.isDefault = true;
    } else {
      const canonical = canonicalPermission(resource, name);
      if (!canonical) return stsErrors.scopeNotOnResource(appName, name, resource.appId);
      if (!entry.names.includes(canonical)) entry.names.push(canonical);
    }
    if (entry.isDefault && entry.names.length > 0) return stsErrors.defaultScopeCombined(raw);
  }
  return parsed;
}

/** Entra issues a token for exactly one resource: several in one token request is AADSTS28000. */
export function singleResource(parsed: ParsedScopes): ResourceScopes | undefined | StsError {
  if (parsed.resources.length > 1) return stsErrors.moreThanOneResource(parsed.raw);
  return parsed.resources[0];
}

/** "https://graph.microsoft.com/User.Read" for storing consent. */
export function canonicalScopeUri(resource: ResourceKey, name: string): string {
  return `${RESOURCES[resource].canonicalUri}/${name}`;
}

/** The permissions of one resource that an app registration lists (its configured API permissions). */
export function configuredPermissions(requiredScopes: readonly string[], resource: ResourceKey): string[] {
  const names: string[] = [];
  for (const scope of requiredScopes) {
    const slash = scope.lastIndexOf("/");
    if (slash < 0) continue;
    const definition = findResourceByIdentifier(scope.slice(0, slash));
    const name = definition?.key === resource ? canonicalPermission(definition, scope.slice(slash + 1)) : undefined;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

export function requiresAdminConsent(resource: ResourceKey, name: string): boolean {
  return RESOURCES[resource].permissions[name]?.adminConsentRequired ?? true;
}

/**
 * The `aud` an access token for these scopes carries, or undefined when they name no single known resource.
 * Graph: "https://graph.microsoft.com" for URI-form scopes, "00000003-0000-0000-c000-000000000000" for short ones
 * ("User.Read"), as real Graph tokens do; ARM: the identifier as written ("https://management.azure.com").
 * Only OpenID scopes ("openid profile") give a Graph token, as Entra does.
 */
export function audienceOf(scopes: string | readonly string[]): string | undefined {
  const raw = typeof scopes === "string" ? scopes : scopes.join(" ");
  const parsed = parseScopes(raw, "", "");
  if ("error" in parsed) return undefined;
  if (parsed.resources.length > 1) return undefined;
  return parsed.resources[0]?.audience ?? GRAPH.appId;
}

/** Which resource a token audience belongs to; accepts every spelling this model mints. */
export function resourceOfAudience(aud: string): ResourceKey | undefined {
  return findResourceByIdentifier(aud)?.key;
}
