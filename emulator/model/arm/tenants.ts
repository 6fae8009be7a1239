import { json, type ServiceResponse } from "../core/http";
import type { Tenant } from "../state";
import type { ArmContext } from "./context";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { callerReach } from "./visibility";

/**
 * GET /tenants: the directories the caller belongs to ("Home": a member or guest account there, linked through the
 * guest's homeUserId) and those that delegated subscriptions to the caller through Lighthouse ("ProjectedBy").
 */
type TenantCategory = "Home" | "ProjectedBy";

function tenantCategories(ctx: ArmContext): Map<string, TenantCategory> {
  const state = ctx.world.state;
  const oid = ctx.caller.objectId.toLowerCase();
  const categories = new Map<string, TenantCategory>();
  categories.set(ctx.caller.tenantId.toLowerCase(), "Home");
  const self = state.users.find((u) => u.id.toLowerCase() === oid && u.tenantId.toLowerCase() === ctx.caller.tenantId.toLowerCase());
  const homeId = self?.homeUserId?.toLowerCase();
  for (const user of state.users) {
    const sameAccount =
      user.id.toLowerCase() === oid || user.homeUserId?.toLowerCase() === oid || (homeId !== undefined && user.id.toLowerCase() === homeId);
    if (sameAccount) categories.set(user.tenantId.toLowerCase(), "Home");
  }
  const reach = callerReach(state, ctx.caller);
  for (const sub of state.subscriptions) {
    const tenant = sub.tenantId.toLowerCase();
    if (!categories.has(tenant) && reach.subscriptions.has(sub.subscriptionId.toLowerCase())) categories.set(tenant, "ProjectedBy");
  }
  return categories;
}

function renderTenant(tenant: Tenant, category: TenantCategory): Record<string, unknown> {
  return {
    id: `/tenants/${tenant.id}`,
    tenantId: tenant.id,
    countryCode: "US",
    displayName: tenant.displayName,
    domains: tenant.domains ? [...tenant.domains] : [tenant.defaultDomain],
    tenantCategory: category,
    defaultDomain: tenant.defaultDomain,
    tenantType: "AAD",
    ...(tenant.brandingLogoUrl ? { tenantBrandingLogoUrl: tenant.brandingLogoUrl } : {}),
  };
}

export function listTenants(ctx: ArmContext): ServiceResponse {
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const categories = tenantCategories(ctx);
  const page = scanPage(ctx.world.state.tenants, start.start, PAGE_SIZE, (t) => categories.has(t.id.toLowerCase()));
  return json(
    200,
    listBody(ctx.req, page, (t) => renderTenant(t, categories.get(t.id.toLowerCase()) ?? "Home")),
  );
}
