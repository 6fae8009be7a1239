import type { Cloud } from "../../platform/clouds";
import type { ResourceScopes } from "./signInTypes";

export type { ResourceScopes } from "./signInTypes";

/**
 * Delegated scopes the hub asks for: app registrations in Graph (and reading colleagues' basic profiles, to look up
 * co-owners: User.Read reaches only the signed-in user), acting as the user in ARM.
 */
export const GRAPH_SCOPES: readonly string[] = ["Application.ReadWrite.All", "User.Read", "User.ReadBasic.All"];
export const ARM_SCOPES: readonly string[] = ["user_impersonation"];

/** Graph and ARM of a cloud, with the hub's scopes: what sign-in consents to, Graph first (the sign-in's own token). */
export function hubConsent(cloud: Pick<Cloud, "graph" | "arm">): ResourceScopes[] {
  return [
    { resource: cloud.graph.resource, scopes: [...GRAPH_SCOPES] },
    { resource: cloud.arm.resource, scopes: [...ARM_SCOPES] },
  ];
}

/**
 * Entra scopes for one resource: "https://graph.microsoft.com/User.Read". Names are always qualified with the cloud
 * table's resource identifier, never left short ("User.Read"), because a short name means Microsoft Graph of the
 * public cloud and Entra then mints a token whose audience is Graph's app id.
 */
export function resourceScopes({ resource, scopes }: ResourceScopes): string[] {
  const root = resource.replace(/\/+$/, "");
  const qualified = scopes.map((scope) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(scope) ? scope : `${root}/${scope.replace(/^\/+/, "")}`));
  return [...new Set(qualified)];
}

// A tenant id (GUID) or a verified domain; anything else would change the authority's path.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Work and school accounts of any tenant: where the hub signs people in before they choose a tenant. */
export const ORGANIZATIONS = "organizations";

/**
 * The authority for one tenant of a cloud: `${cloud.authority}/${tenantId}`; without a tenant, `/organizations`.
 * Personal Microsoft accounts cannot own Azure resources here, so "common" and "consumers" are never used.
 */
export function tenantAuthority(cloud: Pick<Cloud, "authority">, tenantId?: string): string {
  const root = cloud.authority.replace(/\/+$/, "");
  if (tenantId === undefined || tenantId === "") return `${root}/${ORGANIZATIONS}`;
  if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) throw new Error(`"${tenantId}" is not a tenant id or a verified domain name.`);
  return `${root}/${tenantId.toLowerCase()}`;
}

/** The home tenant in msal's homeAccountId ("{oid}.{tid}"), the tenant the person's own account lives in. */
export function homeTenantOf(homeAccountId: string): string | undefined {
  const [, tenantId] = homeAccountId.split(".");
  return tenantId && GUID.test(tenantId) ? tenantId.toLowerCase() : undefined;
}
