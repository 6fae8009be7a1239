import type { RoleAssignment } from "../state";
import { normalizeScope } from "./authorization";

export const ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments";

export function roleAssignmentId(scopeId: string, name: string): string {
  const scope = normalizeScope(scopeId);
  return `${scope === "/" ? "" : scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
}

/**
 * roleDefinitionId as Azure writes it back: prefixed with the subscription for assignments that live in one
 * (`az role assignment list` shows "/subscriptions/{sub}/providers/…"), bare above subscriptions. The spec examples show
 * the bare form even at subscription scope, so clients must compare the trailing GUID, never the whole id.
 */
export function renderedRoleDefinitionId(assignment: RoleAssignment): string {
  const sub = /^\/subscriptions\/([^/]+)/i.exec(assignment.scope);
  return `${sub ? `/subscriptions/${sub[1]}` : ""}/providers/Microsoft.Authorization/roleDefinitions/${assignment.roleDefinitionName}`;
}

/** The 2022-04-01 shape, property order as in the spec examples. */
export function renderRoleAssignment(assignment: RoleAssignment): Record<string, unknown> {
  const scope = normalizeScope(assignment.scope);
  return {
    properties: {
      roleDefinitionId: renderedRoleDefinitionId(assignment),
      principalId: assignment.principalId,
      principalType: assignment.principalType,
      scope,
      condition: assignment.condition ?? null,
      conditionVersion: assignment.conditionVersion ?? null,
      createdOn: assignment.createdOn,
      updatedOn: assignment.updatedOn ?? assignment.createdOn,
      createdBy: assignment.createdBy,
      updatedBy: assignment.updatedBy ?? assignment.createdBy,
      delegatedManagedIdentityResourceId: null,
      description: assignment.description ?? null,
    },
    id: roleAssignmentId(scope, assignment.name),
    type: ROLE_ASSIGNMENT_TYPE,
    name: assignment.name,
  };
}
