import type { DevOpsProject, ServiceEndpoint } from "../state";
import type { DevopsContext } from "./context";
import { parametersForReading } from "./endpointSecrets";
import { identityRefView } from "./identities";

/**
 * A ServiceEndpoint as Azure DevOps answers it. Read in a project, the name and description are that project's
 * (each project reference carries its own); secrets are present but null.
 */
export function endpointView(ctx: DevopsContext, endpoint: ServiceEndpoint, inProject?: DevOpsProject): Record<string, unknown> {
  const ref = inProject ? endpoint.serviceEndpointProjectReferences.find((r) => r.projectReference.id === inProject.id) : undefined;
  return {
    data: { ...endpoint.data },
    id: endpoint.id,
    name: ref?.name || endpoint.name,
    type: endpoint.type,
    url: endpoint.url,
    createdBy: identityRefView(ctx.world.state, ctx.req.baseUrl, endpoint.createdBy),
    description: ref?.description ?? endpoint.description,
    authorization: { parameters: parametersForReading(endpoint), scheme: endpoint.authorization.scheme },
    isShared: endpoint.isShared,
    isReady: endpoint.isReady,
    isDisabled: false,
    owner: endpoint.owner,
    serviceEndpointProjectReferences: endpoint.serviceEndpointProjectReferences.map((r) => ({
      projectReference: { id: r.projectReference.id, name: r.projectReference.name },
      name: r.name,
      description: r.description,
    })),
    operationStatus: { ...endpoint.operationStatus },
  };
}

export function isSharedWith(endpoint: ServiceEndpoint, projectId: string): boolean {
  return endpoint.serviceEndpointProjectReferences.some((r) => r.projectReference.id.toLowerCase() === projectId.toLowerCase());
}

export function findEndpoint(ctx: DevopsContext, endpointId: string): ServiceEndpoint | undefined {
  return ctx.world.state.devops.serviceEndpoints.find((e) => e.id.toLowerCase() === endpointId.toLowerCase());
}
