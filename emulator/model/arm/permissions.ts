import { json, type ServiceResponse } from "../core/http";
import type { RoleDefinition } from "../state";
import { requireScopeExists, resolveScope } from "./access";
import { applicableAssignments, findRoleDefinition } from "./authorization";
import type { ArmContext } from "./context";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import type { ParsedScope } from "./scopes";

/**
 * GET {scope}/providers/Microsoft.Authorization/permissions: the caller's own effective permissions at the scope, one
 * entry per role that applies there (assigned at the scope or above), nearest first, each with its actions and
 * notActions as the role defines them; the client works out the effect, as the portal does. Reading one's own
 * permissions needs no role, so a caller without access gets an empty list (guess), not 403. Roles assigned twice
 * (at two levels) appear once (guess).
 *
 * Documented (authorization 2022-04-01) only at a resource group and a resource; served at a subscription, management
 * group and the root too, which is [undocumented] (arm/ROUTES.md says which documented routes answer "may I assign roles").
 */
function effectiveRoles(ctx: ArmContext, scopeId: string): RoleDefinition[] {
  const state = ctx.world.state;
  const roles: RoleDefinition[] = [];
  for (const assignment of applicableAssignments(state, ctx.caller.objectId, scopeId)) {
    const role = findRoleDefinition(state, assignment.roleDefinitionName);
    if (role && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

export function listPermissions(ctx: ArmContext, scope: ParsedScope): ServiceResponse {
  const resolved = resolveScope(ctx, scope);
  if (!resolved.ok) return resolved.response;
  const roles = effectiveRoles(ctx, resolved.value.id);
  if (roles.length > 0) {
    const missing = requireScopeExists(ctx, resolved.value);
    if (missing) return missing;
  }
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const page = scanPage(roles, start.start, PAGE_SIZE, () => true);
  return json(
    200,
    listBody(ctx.req, page, (role) => ({
      actions: [...role.actions],
      notActions: [...role.notActions],
      dataActions: [...role.dataActions],
      notDataActions: [...role.notDataActions],
    })),
  );
}
