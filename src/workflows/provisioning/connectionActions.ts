import type { ServiceConnection, ServiceConnectionsClient, PipelinePermissionsClient } from "../../clients/devops/devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import type { ArmPort } from "./ports";
import type { RoleChoice, ScopeChoice } from "./form";
import { roleAssignmentName } from "./plan";
import { armScope, roleDefinitionScope } from "./scope";

/**
 * The actions both the guided form and "bring your own app registration" take, each idempotent: assign the role,
 * verify, create (or find again) the connection, authorize pipelines.
 */

/** A service connection of this project with this name that uses this app: one we created, whose answer was lost. */
export async function findOwnConnection(connections: Pick<ServiceConnectionsClient, "findByName">, projectId: string, name: string, appId: string): Promise<string | undefined> {
  const existing = await connections.findByName(projectId, name);
  return existing?.id && existing.authorization.parameters["serviceprincipalid"] === appId ? existing.id : undefined;
}

export interface RoleAssignmentRef {
  scope: string;
  name: string;
}

/**
 * The assignment of a role at a scope: a deterministic name from `key` (a run id, or the principal's id), so a
 * retried PUT cannot make a second assignment.
 */
export function plannedRoleAssignment(scope: ScopeChoice, key: string, role: RoleChoice): RoleAssignmentRef & { roleDefinitionId: string } {
  const at = armScope(scope);
  return {
    scope: at,
    name: roleAssignmentName(at, key, role.id),
    roleDefinitionId: `${roleDefinitionScope(scope)}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
  };
}

/** PUTs the assignment; "already exists" means the goal is reached. Other failures are thrown for the caller to word. */
export async function putRoleAssignmentOnce(arm: ArmPort, planned: ReturnType<typeof plannedRoleAssignment>, principalId: string): Promise<void> {
  try {
    await arm.putRoleAssignment(planned.scope, planned.name, planned.roleDefinitionId, principalId);
  } catch (error) {
    if (!isServiceError(error, "RoleAssignmentExists")) throw error;
  }
}

/** TestConnection rejected the details; the message is Azure's own (an AADSTS error or a missing permission). */
export class VerifyFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyFailed";
  }
}

/** One TestConnection of unsaved details (endpoint id "0"), as "Verify and save" does before saving. */
export async function verifyDetails(connections: Pick<ServiceConnectionsClient, "verify">, projectId: string, body: ServiceConnection): Promise<void> {
  const result = await connections.verify(projectId, "0", body);
  if (!result.ok) throw new VerifyFailed(result.message);
}

export async function authorizePipelines(
  pipelinePermissions: PipelinePermissionsClient,
  projectId: string,
  endpointId: string,
  connection: { allPipelines: boolean; pipelineIds: number[] },
): Promise<void> {
  if (connection.allPipelines) await pipelinePermissions.authorizeAll(projectId, endpointId);
  else await pipelinePermissions.authorize(projectId, endpointId, connection.pipelineIds);
}
