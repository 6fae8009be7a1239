import type { ServiceResponse } from "../core/http";
import type { Subscription } from "../state";
import { applicableAssignments, hasPermission } from "./authorization";
import { fail, ok, type ArmContext, type Outcome } from "./context";
import {
  authorizationFailed,
  managementGroupNotFound,
  resourceGroupNotFound,
  resourceNotFound,
  subscriptionNotFound,
  wrongTenant,
} from "./errors";
import {
  canonicalScopeId,
  findManagementGroup,
  findResourceGroup,
  findScopedWorkspace,
  findSubscription,
  type ParsedScope,
} from "./scopes";

/**
 * The gates every scoped request passes, in ARM's order (a guess where no public source settles it):
 * 1. the subscription exists (404 SubscriptionNotFound) and belongs to the token's tenant unless the caller holds
 *    delegated access to it (401 InvalidAuthenticationTokenTenant);
 * 2. the caller may perform the action at the scope (403 AuthorizationFailed, which is also what a scope that does
 *    not exist looks like to someone without access above it);
 * 3. the resource group or resource exists (404).
 */
export interface ResolvedScope {
  parsed: ParsedScope;
  /** Canonical id, as ARM writes it back. */
  id: string;
  /** The directory that owns the scope: where principals are looked up. */
  tenantId: string;
  subscription?: Subscription;
}

function holdsAnyRoleIn(ctx: ArmContext, subscription: Subscription): boolean {
  const id = `/subscriptions/${subscription.subscriptionId}`;
  if (applicableAssignments(ctx.world.state, ctx.caller.objectId, id).length > 0) return true;
  const inside = `${id}/`.toLowerCase();
  const principal = ctx.caller.objectId.toLowerCase();
  return ctx.world.state.roleAssignments.some(
    (ra) => ra.principalId.toLowerCase() === principal && ra.scope.toLowerCase().startsWith(inside),
  );
}

/** Gate 1: finds the scope's subscription (if any) and checks the token's tenant. */
export function resolveScope(ctx: ArmContext, parsed: ParsedScope): Outcome<ResolvedScope> {
  const state = ctx.world.state;
  const id = canonicalScopeId(state, parsed);
  if (parsed.kind === "root") return ok({ parsed, id, tenantId: ctx.caller.tenantId });
  if (parsed.kind === "managementGroup") {
    return ok({ parsed, id, tenantId: findManagementGroup(state, parsed.name)?.tenantId ?? ctx.caller.tenantId });
  }
  const subscription = findSubscription(state, parsed.subscriptionId);
  if (!subscription) return fail(subscriptionNotFound(parsed.subscriptionId));
  if (subscription.tenantId.toLowerCase() !== ctx.caller.tenantId.toLowerCase() && !holdsAnyRoleIn(ctx, subscription)) {
    return fail(wrongTenant(ctx.caller.tenantId, subscription.tenantId));
  }
  return ok({ parsed, id, tenantId: subscription.tenantId, subscription });
}

/** Gate 2: RBAC for one action at the scope, inherited from above. */
export function requireAction(ctx: ArmContext, action: string, scopeId: string): ServiceResponse | undefined {
  if (hasPermission(ctx.world.state, { principalId: ctx.caller.objectId, action, scope: scopeId })) return undefined;
  return authorizationFailed(ctx.caller, action, scopeId);
}

/** Gate 3: the resource group, resource or management group named by the scope exists. */
export function requireScopeExists(ctx: ArmContext, scope: ResolvedScope): ServiceResponse | undefined {
  const state = ctx.world.state;
  const parsed = scope.parsed;
  switch (parsed.kind) {
    case "managementGroup":
      return findManagementGroup(state, parsed.name) ? undefined : managementGroupNotFound(parsed.name);
    case "resourceGroup":
      return findResourceGroup(state, parsed.subscriptionId, parsed.resourceGroup)
        ? undefined
        : resourceGroupNotFound(parsed.resourceGroup);
    case "resource": {
      if (!findResourceGroup(state, parsed.subscriptionId, parsed.resourceGroup)) return resourceGroupNotFound(parsed.resourceGroup);
      if (findScopedWorkspace(state, parsed)) return undefined;
      return resourceNotFound(`${parsed.namespace}/${parsed.types.join("/")}`, parsed.names.join("/"), parsed.resourceGroup);
    }
    default:
      return undefined;
  }
}

/** All three gates for a read or write of one action at a scope. */
export function authorizeAt(ctx: ArmContext, parsed: ParsedScope, action: string): Outcome<ResolvedScope> {
  const resolved = resolveScope(ctx, parsed);
  if (!resolved.ok) return resolved;
  const denied = requireAction(ctx, action, resolved.value.id) ?? requireScopeExists(ctx, resolved.value);
  return denied ? fail(denied) : resolved;
}
