import { hasPermission } from "./authorization";
import { fail, ok, type ArmContext, type Outcome } from "./context";
import { authorizationFailed } from "./errors";

/**
 * Which items of a collection GET the caller may see. With the read action at the collection's scope, all of them;
 * with roles only on some items inside (a resource group, a workspace), just those, as ARM filters collection reads;
 * with nothing at or inside the scope, 403 AuthorizationFailed for the action at the scope.
 */
export function readableItems<T>(
  ctx: ArmContext,
  scopeId: string,
  action: string,
  items: readonly T[],
  idOf: (item: T) => string,
): Outcome<T[]> {
  const state = ctx.world.state;
  const principalId = ctx.caller.objectId;
  if (hasPermission(state, { principalId, action, scope: scopeId })) return ok([...items]);
  const inside = `${scopeId.toLowerCase()}/`;
  const principal = principalId.toLowerCase();
  const holdsRoleInside = state.roleAssignments.some(
    (ra) => ra.principalId.toLowerCase() === principal && ra.scope.toLowerCase().startsWith(inside),
  );
  if (!holdsRoleInside) return fail(authorizationFailed(ctx.caller, action, scopeId));
  return ok(items.filter((item) => hasPermission(state, { principalId, action, scope: idOf(item) })));
}
