import type { PipelinePermissionsClient } from "../../clients/devops/devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { waitOut, type Wait } from "./resourceKit";

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

/** Azure DevOps's replication rule: a connection just saved can be unknown (404) to its pipeline permissions for a moment. */
export function isConnectionNotYetReplicated(error: unknown): boolean {
  return isServiceError(error) && error.status === 404 && /ServiceEndpointNotFound/i.test(`${error.code} ${error.message}`);
}

/** Authorizes the pipelines (idempotent); with a `wait`, the new connection's replication is waited out, bounded. */
export async function ensurePipelinePermissions(
  port: PipelinePermissionsPort,
  projectId: string,
  endpointId: string,
  access: PipelineAccess,
  wait?: Wait,
): Promise<void> {
  const authorize = () =>
    access.allPipelines ? port.authorizeAll(projectId, endpointId) : port.authorize(projectId, endpointId, access.pipelineIds);
  if (!wait) return authorize();
  await waitOut(wait, authorize, (error) =>
    isConnectionNotYetReplicated(error) ? "Azure DevOps is still replicating the new service connection" : undefined,
  );
}

export function readPipelinePermissions(port: PipelinePermissionsPort, projectId: string, endpointId: string): Promise<PipelineAccess> {
  return port.get(projectId, endpointId);
}
