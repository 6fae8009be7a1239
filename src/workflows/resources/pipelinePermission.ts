import type { PipelinePermissionsClient } from "../../clients/devops/devopsTypes";

/**
 * Pipeline permissions on a connection. Authorizing is idempotent (a pipeline authorized twice stays authorized once);
 * there is no remove of its own: the permissions go with their connection.
 */
export type PipelinePermissionsPort = Pick<PipelinePermissionsClient, "authorize" | "authorizeAll" | "get">;

export interface PipelineAccess {
  allPipelines: boolean;
  pipelineIds: number[];
}

export function wantsPipelineAccess(access: PipelineAccess): boolean {
  return access.allPipelines || access.pipelineIds.length > 0;
}

export async function ensurePipelinePermissions(
  port: PipelinePermissionsPort,
  projectId: string,
  endpointId: string,
  access: PipelineAccess,
): Promise<void> {
  if (access.allPipelines) await port.authorizeAll(projectId, endpointId);
  else await port.authorize(projectId, endpointId, access.pipelineIds);
}

export function readPipelinePermissions(port: PipelinePermissionsPort, projectId: string, endpointId: string): Promise<PipelineAccess> {
  return port.get(projectId, endpointId);
}
