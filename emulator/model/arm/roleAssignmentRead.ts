import { armError } from "../core/errors";
import { json, type ServiceResponse } from "../core/http";
import type { RoleAssignment, State } from "../state";
import { authorizeAt } from "./access";
import { normalizeScope, scopeAncestry } from "./authorization";
import type { ArmContext } from "./context";
import { unsupportedFilter } from "./errors";
import { readFilter, type FilterClause } from "./filters";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import { renderRoleAssignment } from "./roleAssignmentView";
import { parseScope, scopeSegments, type ParsedScope } from "./scopes";

const READ = "Microsoft.Authorization/roleAssignments/read";

/** GET {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}. */
export function getRoleAssignment(ctx: ArmContext, scope: ParsedScope, name: string): ServiceResponse {
  const resolved = authorizeAt(ctx, scope, READ);
  if (!resolved.ok) return resolved.response;
  const wantedScope = resolved.value.id.toLowerCase();
  const found = ctx.world.state.roleAssignments.find(
    (ra) => ra.name.toLowerCase() === name.toLowerCase() && normalizeScope(ra.scope).toLowerCase() === wantedScope,
  );
  if (!found) return armError(404, "RoleAssignmentNotFound", `The role assignment '${name}' is not found.`);
  return json(200, renderRoleAssignment(found));
}

/** Whether an assignment's scope lies strictly below the listed scope (a subscription below a management group counts). */
function isBelow(state: State, assignment: RoleAssignment, scopeId: string, scopeTenant: string): boolean {
  const assignmentScope = normalizeScope(assignment.scope);
  if (assignmentScope.toLowerCase() === scopeId.toLowerCase()) return false;
  if (scopeId === "/") {
    // Below the root lies everything of the root's own directory.
    const parsed = parseScope(scopeSegments(assignmentScope));
    const sub =
      parsed && parsed.kind !== "root" && parsed.kind !== "managementGroup"
        ? state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === parsed.subscriptionId.toLowerCase())
        : undefined;
    const group =
      parsed?.kind === "managementGroup"
        ? state.managementGroups.find((g) => g.name.toLowerCase() === parsed.name.toLowerCase())
        : undefined;
    return (sub?.tenantId ?? group?.tenantId)?.toLowerCase() === scopeTenant.toLowerCase();
  }
  return scopeAncestry(state, assignmentScope).some((s) => s.toLowerCase() === scopeId.toLowerCase());
}

/**
 * GET {scope}/providers/Microsoft.Authorization/roleAssignments: assignments at, above and below the scope; with
 * atScope() only at and above; principalId eq / assignedTo narrow to one principal (the model has no groups, so the
 * two are the same).
 */
export function listRoleAssignments(ctx: ArmContext, scope: ParsedScope): ServiceResponse {
  const resolved = authorizeAt(ctx, scope, READ);
  if (!resolved.ok) return resolved.response;
  const filter = readFilter(ctx.req, ["atScope", "principalId", "assignedTo"]);
  if (!filter.ok) return unsupportedFilter(filter.text);
  const state = ctx.world.state;
  const scopeId = resolved.value.id;
  const ancestry = new Set(scopeAncestry(state, scopeId).map((s) => s.toLowerCase()));
  const atScopeOnly = filter.clauses.some((c) => c.kind === "atScope");
  const principals = filter.clauses
    .filter((c): c is Extract<FilterClause, { value: string }> => c.kind === "principalId" || c.kind === "assignedTo")
    .map((c) => c.value.toLowerCase());
  const include = (ra: RoleAssignment): boolean => {
    if (principals.some((p) => p !== ra.principalId.toLowerCase())) return false;
    if (ancestry.has(normalizeScope(ra.scope).toLowerCase())) return true;
    return !atScopeOnly && isBelow(state, ra, scopeId, resolved.value.tenantId);
  };
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const page = scanPage(state.roleAssignments, start.start, PAGE_SIZE, include);
  return json(200, listBody(ctx.req, page, renderRoleAssignment));
}
