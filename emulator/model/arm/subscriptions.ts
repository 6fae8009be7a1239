import { json, type ServiceResponse } from "../core/http";
import type { Subscription } from "../state";
import { requireAction, resolveScope } from "./access";
import type { ArmContext } from "./context";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { callerReach, canListSubscription } from "./visibility";

/** Guess: the policies of an ordinary pay-as-you-go subscription in the public cloud. */
const SUBSCRIPTION_POLICIES = { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" } as const;

/**
 * The tenants managing a subscription: those the world records, else, for a subscription seen from another tenant (one
 * delegated to the caller's tenant through Lighthouse), the caller's tenant.
 */
function managingTenants(ctx: ArmContext, sub: Subscription): string[] {
  if (sub.managedByTenantIds) return sub.managedByTenantIds;
  return sub.tenantId.toLowerCase() !== ctx.caller.tenantId.toLowerCase() ? [ctx.caller.tenantId] : [];
}

export function renderSubscription(ctx: ArmContext, sub: Subscription): Record<string, unknown> {
  return {
    id: `/subscriptions/${sub.subscriptionId}`,
    authorizationSource: "RoleBased",
    managedByTenants: managingTenants(ctx, sub).map((tenantId) => ({ tenantId })),
    subscriptionId: sub.subscriptionId,
    tenantId: sub.tenantId,
    displayName: sub.displayName,
    state: sub.state,
    subscriptionPolicies: { ...SUBSCRIPTION_POLICIES },
    ...(sub.tags ? { tags: { ...sub.tags } } : {}),
  };
}

/** GET /subscriptions: the caller's subscriptions (see visibility.ts), one page at a time, O(page) per request. */
export function listSubscriptions(ctx: ArmContext): ServiceResponse {
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const state = ctx.world.state;
  const reach = callerReach(state, ctx.caller);
  const page = scanPage(state.subscriptions, start.start, PAGE_SIZE, (sub) => canListSubscription(state, ctx.caller, reach, sub));
  return json(
    200,
    listBody(ctx.req, page, (sub) => renderSubscription(ctx, sub)),
  );
}

/**
 * GET /subscriptions/{id}: needs Microsoft.Resources/subscriptions/read at the subscription or above. A role only on a
 * resource group inside answers 403, the failure CONTRACTS.md §2.3 quotes from Verify.
 */
export function getSubscription(ctx: ArmContext, subscriptionId: string): ServiceResponse {
  const resolved = resolveScope(ctx, { kind: "subscription", subscriptionId });
  if (!resolved.ok) return resolved.response;
  const denied = requireAction(ctx, "Microsoft.Resources/subscriptions/read", resolved.value.id);
  if (denied) return denied;
  return json(200, renderSubscription(ctx, resolved.value.subscription!));
}
