import type { Tenant } from "../state";
import type { World } from "../world";
import { stsErrors, type StsError } from "./stsErrors";

/** The tenant segment of an authority URL, resolved: a real tenant, or one of the multi-tenant aliases. */
export type AuthorityTenant = { kind: "tenant"; tenant: Tenant; segment: string } | { kind: "common" | "organizations"; segment: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Resolves "{tenant}" in /{tenant}/oauth2/v2.0/…: a tenant id, a verified domain, "common" or "organizations".
 * "consumers" is for personal Microsoft accounts, which this emulator (and the extension) does not support.
 */
export function resolveAuthorityTenant(world: World, segment: string): AuthorityTenant | StsError {
  const lower = segment.toLowerCase();
  if (lower === "common" || lower === "organizations") return { kind: lower, segment };
  if (lower === "consumers") return stsErrors.personalAccountsNotSupported();
  if (GUID.test(segment)) {
    const tenant = world.state.tenants.find((t) => t.id.toLowerCase() === lower);
    return tenant ? { kind: "tenant", tenant, segment } : stsErrors.tenantNotFound(segment);
  }
  if (!DNS_NAME.test(segment)) return stsErrors.tenantIdentifierInvalid(segment);
  const tenant = world.state.tenants.find((t) => t.defaultDomain.toLowerCase() === lower);
  return tenant ? { kind: "tenant", tenant, segment } : stsErrors.tenantNotFound(segment);
}
