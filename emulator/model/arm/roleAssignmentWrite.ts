import { armError } from "../core/errors";
import { json, type ServiceResponse } from "../core/http";
import type { RoleAssignment } from "../state";
import { requireAction, requireScopeExists, resolveScope, type ResolvedScope } from "./access";
import { normalizeScope } from "./authorization";
import type { ArmContext } from "./context";
import { readOnlyDisabledSubscription } from "./errors";
import { refuseWriteWithoutMfa, type WriteKind } from "./mfa";
import { lookUpPrincipalForWrite, unmatchedPrincipalType } from "./principals";
import { isGuid, readRoleAssignmentBody, type RoleAssignmentRequest } from "./roleAssignmentBody";
import { renderRoleAssignment } from "./roleAssignmentView";
import { roleDefinitionAt } from "./roleDefinitions";
import type { ParsedScope } from "./scopes";

const WRITE = "Microsoft.Authorization/roleAssignments/write";
const DELETE = "Microsoft.Authorization/roleAssignments/delete";

const sameText = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const sameScope = (a: string, b: string): boolean => sameText(normalizeScope(a), normalizeScope(b));

/** Guess: the wording for a role assignment name that is not a GUID (the spec says "It can be any valid GUID"). */
function invalidRoleAssignmentName(name: string): ServiceResponse {
  return armError(400, "InvalidRoleAssignmentId", `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`);
}

function roleAssignmentExists(existing: RoleAssignment): ServiceResponse {
  return armError(
    409,
    "RoleAssignmentExists",
    `The role assignment already exists. The ID of the existing role assignment is ${existing.name.replace(/-/g, "")}.`,
  );
}

const READ_ONLY_STATES = ["Disabled", "Deleted"];

/** The gates a write passes before its body is read: scope, MFA, a writable subscription, RBAC, the scope existing. */
function authorizeWrite(
  ctx: ArmContext,
  scope: ParsedScope,
  name: string,
  action: string,
  kind: WriteKind,
): { ok: true; scope: ResolvedScope } | { ok: false; response: ServiceResponse } {
  if (!isGuid(name)) return { ok: false, response: invalidRoleAssignmentName(name) };
  const resolved = resolveScope(ctx, scope);
  if (!resolved.ok) return resolved;
  const sub = resolved.value.subscription;
  const refused =
    refuseWriteWithoutMfa(ctx.world, ctx.caller, kind, name) ??
    (sub && READ_ONLY_STATES.includes(sub.state) ? readOnlyDisabledSubscription(sub.subscriptionId) : undefined) ??
    requireAction(ctx, action, resolved.value.id) ??
    requireScopeExists(ctx, resolved.value);
  return refused ? { ok: false, response: refused } : { ok: true, scope: resolved.value };
}

/** A repeated PUT of the same name: the same principal, role and scope is a replay; anything else is an update ARM forbids. */
function replay(ctx: ArmContext, existing: RoleAssignment, scopeId: string, request: RoleAssignmentRequest): ServiceResponse {
  const sameContent =
    sameScope(existing.scope, scopeId) &&
    sameText(existing.principalId, request.principalId) &&
    sameText(existing.roleDefinitionName, request.roleDefinitionName);
  if (!sameContent) {
    return armError(
      400,
      "RoleAssignmentUpdateNotPermitted",
      "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
    );
  }
  if (ctx.world.knobs.repeatedRoleAssignmentPutConflicts) return roleAssignmentExists(existing);
  const changes: Partial<RoleAssignment> = {};
  for (const key of ["description", "condition", "conditionVersion"] as const) {
    const value = request[key];
    if (value !== undefined && value !== (existing[key] ?? null)) changes[key] = value;
  }
  if (Object.keys(changes).length > 0) {
    Object.assign(existing, changes, { updatedOn: ctx.world.clock.now().toISOString(), updatedBy: ctx.caller.objectId });
  }
  return json(200, renderRoleAssignment(existing));
}

/**
 * PUT {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}: 201 with the new assignment; 200 for a replay of
 * an identical PUT (the spec lists 200 beside 201; a deterministic name makes a retried step idempotent).
 */
export function putRoleAssignment(ctx: ArmContext, scope: ParsedScope, name: string): ServiceResponse {
  const authorized = authorizeWrite(ctx, scope, name, WRITE, "write");
  if (!authorized.ok) return authorized.response;
  const target = authorized.scope;
  const body = readRoleAssignmentBody(ctx.req);
  if (!body.ok) return body.response;
  const request = body.value;
  const role = roleDefinitionAt(ctx, target, request.roleDefinitionName, 400);
  if (!role.ok) return role.response;
  const principal = lookUpPrincipalForWrite(ctx.world.state, target.tenantId, request.principalId);
  if (!principal.ok) return principal.response;
  if (request.principalType && request.principalType !== principal.value.type) {
    return unmatchedPrincipalType(request.principalId, request.principalType, principal.value.type);
  }
  const assignments = ctx.world.state.roleAssignments;
  const sameName = assignments.find((ra) => sameText(ra.name, name));
  if (sameName) return replay(ctx, sameName, target.id, request);
  const duplicate = assignments.find(
    (ra) =>
      sameScope(ra.scope, target.id) && sameText(ra.principalId, request.principalId) && sameText(ra.roleDefinitionName, role.value.name),
  );
  if (duplicate) return roleAssignmentExists(duplicate);
  const now = ctx.world.clock.now().toISOString();
  const created: RoleAssignment = {
    name: name.toLowerCase(),
    scope: target.id,
    roleDefinitionName: role.value.name,
    principalId: principal.value.id,
    principalType: principal.value.type,
    createdBy: ctx.caller.objectId,
    createdOn: now,
    updatedOn: now,
    updatedBy: ctx.caller.objectId,
    pendingTestConnectionCalls: ctx.world.knobs.consistency.roleAssignmentToTestConnectionCalls,
    description: request.description ?? null,
    condition: request.condition ?? null,
    conditionVersion: request.condition ? (request.conditionVersion ?? "2.0") : (request.conditionVersion ?? null),
  };
  assignments.push(created);
  return json(201, renderRoleAssignment(created));
}

/** DELETE {scope}/providers/Microsoft.Authorization/roleAssignments/{guid}: 200 with what was deleted, 204 when absent. */
export function deleteRoleAssignment(ctx: ArmContext, scope: ParsedScope, name: string): ServiceResponse {
  const authorized = authorizeWrite(ctx, scope, name, DELETE, "delete");
  if (!authorized.ok) return authorized.response;
  const assignments = ctx.world.state.roleAssignments;
  const index = assignments.findIndex((ra) => sameText(ra.name, name) && sameScope(ra.scope, authorized.scope.id));
  if (index < 0) return { status: 204 };
  const [removed] = assignments.splice(index, 1);
  return json(200, renderRoleAssignment(removed!));
}
