import type { ArmClient } from "../../clients/arm/armClient";
import type { Cloud } from "../../platform/clouds";
import { isServiceError } from "../../platform/http/serviceError";
import type { RoleChoice, ScopeChoice } from "../provisioning/form";
import { roleAssignmentName } from "../provisioning/plan";
import { armScope, roleDefinitionScope } from "../provisioning/scope";
import { LeftBehindError, type LeftObject } from "../engine/leftBehind";
import { azurePortal, removing, waitOut, type Wait } from "./resourceKit";

/**
 * A role assignment. Its name is deterministic (a UUID from the scope, a key and the role), so a retried PUT cannot
 * make a second one, and a remove recomputes the name from the run rather than trusting what a journal says: the name
 * itself proves the assignment is the run's.
 */
export type RoleArm = Pick<ArmClient, "putRoleAssignment" | "deleteRoleAssignment">;
export type RoleListArm = Pick<ArmClient, "listRoleAssignments" | "listRoleDefinitions">;

export interface RoleAssignmentRef {
  scope: string;
  name: string;
}

export interface PlannedRoleAssignment extends RoleAssignmentRef {
  roleDefinitionId: string;
}

/** The assignment of `role` at `scope` named from `key` (a run id, or a principal's id). */
export function plannedRoleAssignment(scope: ScopeChoice, key: string, role: RoleChoice): PlannedRoleAssignment {
  const at = armScope(scope);
  return {
    scope: at,
    name: roleAssignmentName(at, key, role.id),
    roleDefinitionId: `${roleDefinitionScope(scope)}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
  };
}

/** ARM's replication rule: a new principal is unknown (PrincipalNotFound) to role-assignment writes for a while. */
export function isPrincipalNotYetReplicated(error: unknown): boolean {
  return isServiceError(error, "PrincipalNotFound");
}

/** PUTs the assignment, waiting out replication; "already exists" means the goal is reached. */
export async function ensureRoleAssignment(arm: RoleArm, wait: Wait, planned: PlannedRoleAssignment, principalId: string): Promise<void> {
  await waitOut(
    wait,
    async () => {
      try {
        await arm.putRoleAssignment(planned.scope, planned.name, planned.roleDefinitionId, principalId);
      } catch (error) {
        if (!isServiceError(error, "RoleAssignmentExists")) throw error;
      }
    },
    (error) => (isPrincipalNotYetReplicated(error) ? "Azure is still replicating the new service principal" : undefined),
  );
}

export function roleAssignmentLink(cloud: Pick<Cloud, "id" | "entraAdminCenter">, scope: string): string {
  return `${azurePortal(cloud)}/#@/resource${scope}/users`;
}

/**
 * Removes an assignment by its name (one already gone counts as removed). A refused delete (403 for someone without
 * roleAssignments/delete) is reported as left, with a portal link, never taken for a rollback.
 */
export function removeRoleAssignment(
  arm: Pick<RoleArm, "deleteRoleAssignment">,
  ref: RoleAssignmentRef,
  what: string,
  cloud: Pick<Cloud, "id" | "entraAdminCenter">,
): Promise<void> {
  return removing(what, roleAssignmentLink(cloud, ref.scope), () => arm.deleteRoleAssignment(ref.scope, ref.name));
}

/**
 * Removes the assignments a person chose to delete (listed from ARM, not made by a run); each removal is idempotent.
 * A refused removal does not keep the others: every one is tried, then those left are named (LeftBehindError).
 */
export async function removeChosenRoleAssignments(
  arm: Pick<RoleArm, "deleteRoleAssignment">,
  chosen: readonly (RoleAssignmentRef & { roleName: string })[],
  removed: string[],
  cloud: Pick<Cloud, "id" | "entraAdminCenter">,
): Promise<void> {
  const left: LeftObject[] = [];
  for (const ra of chosen) {
    if (removed.includes(ra.name)) continue;
    try {
      await removeRoleAssignment(arm, ra, `The ${ra.roleName} role assignment at ${ra.scope}`, cloud);
      removed.push(ra.name);
    } catch (error) {
      if (!(error instanceof LeftBehindError)) throw error;
      left.push(...error.lefts);
    }
  }
  if (left.length > 0) throw new LeftBehindError(left);
}

export interface ListedRoleAssignment extends PlannedRoleAssignment {
  roleName: string;
}

/** The principal's assignments at exactly `scope` (the list also holds those above and below it), with role names. */
export async function readRoleAssignmentsAt(arm: RoleListArm, scope: string, principalId: string): Promise<ListedRoleAssignment[]> {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const assignments = (await arm.listRoleAssignments(scope, principalId)).filter(
    (a) => same(a.scope, scope) && same(a.principalId, principalId),
  );
  if (assignments.length === 0) return [];
  const definitions = await arm.listRoleDefinitions(scope).catch(() => []);
  const last = (id: string) => id.split("/").pop()!;
  const nameOf = (id: string) => definitions.find((d) => same(d.name, last(id)))?.roleName ?? last(id);
  return assignments.map((a) => ({
    scope: a.scope,
    name: a.name,
    roleDefinitionId: a.roleDefinitionId,
    roleName: nameOf(a.roleDefinitionId),
  }));
}
