import { noContent, type ServiceResponse } from "../core/http";
import type { ServiceEndpoint, ServiceEndpointProjectReference, State } from "../state";
import { isBefore } from "./apiVersion";
import { respond, respondList } from "./conventions";
import { param, requireProject, type DevopsContext } from "./context";
import { projectReferencesOf } from "./endpointBody";
import { configureAutomaticFederation, planCreate, planUpdate } from "./endpointPlanning";
import { checkConnectionName, checkNameFree } from "./endpointValidation";
import { endpointView, findEndpoint, isSharedWith } from "./endpointView";
import { badRequest, endpointNotFound, projectNotFound, routeNotFound } from "./errors";
import { forgetResourcePermissions } from "./pipelinePermissions";
import { findProject } from "./projects";
import { commaList, readJsonBody } from "./requestBody";

/** The writing side of service endpoints: create, update (one or many), share, delete. */

function replaceEndpoint(state: State, updated: ServiceEndpoint): void {
  const list = state.devops.serviceEndpoints;
  const index = list.findIndex((e) => e.id === updated.id);
  if (index >= 0) list[index] = updated;
}

/** POST /{org}/_apis/serviceendpoint/endpoints. Answers 200 with the endpoint, as the official examples show. */
export function createEndpoint(ctx: DevopsContext): ServiceResponse {
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const planned = planCreate(ctx.world, read.body);
  if (!planned.ok) return planned.response;
  ctx.world.state.devops.serviceEndpoints.push(planned.value);
  return respond(ctx.wire, 200, endpointView(ctx, planned.value));
}

/** Before api-version 5.0, endpoints were created, updated and deleted under the project; the 4.1 examples use these routes. */
function legacyOnly(ctx: DevopsContext, handler: (ctx: DevopsContext) => ServiceResponse): ServiceResponse {
  if (!isBefore(ctx.apiVersion, 5)) return routeNotFound(ctx.req.method, ctx.req.path);
  return handler(ctx);
}

/** POST /{org}/{project}/_apis/serviceendpoint/endpoints (api-version < 5.0): the path's project is the reference. */
export function createEndpointInProject(ctx: DevopsContext): ServiceResponse {
  return legacyOnly(ctx, () => {
    const read = readJsonBody(ctx);
    if (!read.ok) return read.response;
    const planned = planCreate(ctx.world, read.body, requireProject(ctx));
    if (!planned.ok) return planned.response;
    ctx.world.state.devops.serviceEndpoints.push(planned.value);
    return respond(ctx.wire, 200, endpointView(ctx, planned.value, ctx.project));
  });
}

/** PUT /{org}/_apis/serviceendpoint/endpoints/{endpointId}?operation= (rotation, rename, ConvertAuthenticationScheme). */
export function updateEndpoint(ctx: DevopsContext): ServiceResponse {
  const endpointId = param(ctx, "endpointId");
  const existing = findEndpoint(ctx, endpointId);
  if (!existing || (ctx.project && !isSharedWith(existing, ctx.project.id))) return endpointNotFound(endpointId);
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const planned = planUpdate(ctx.world, existing, read.body, ctx.req.query.get("operation") ?? undefined);
  if (!planned.ok) return planned.response;
  replaceEndpoint(ctx.world.state, planned.value);
  configureAutomaticFederation(ctx.world, planned.value);
  return respond(ctx.wire, 200, endpointView(ctx, planned.value, ctx.project));
}

export function updateEndpointInProject(ctx: DevopsContext): ServiceResponse {
  return legacyOnly(ctx, updateEndpoint);
}

/** PUT /{org}/_apis/serviceendpoint/endpoints with an array: every endpoint is checked before any is changed. */
export function updateEndpoints(ctx: DevopsContext): ServiceResponse {
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  if (!Array.isArray(read.body)) return badRequest("The body must be an array of service endpoints.");
  const planned: ServiceEndpoint[] = [];
  for (const item of read.body) {
    const id = (item as { id?: unknown } | null)?.id;
    const existing = typeof id === "string" ? findEndpoint(ctx, id) : undefined;
    if (!existing || (ctx.project && !isSharedWith(existing, ctx.project.id))) return endpointNotFound(String(id ?? ""));
    const plan = planUpdate(ctx.world, existing, item);
    if (!plan.ok) return plan.response;
    planned.push(plan.value);
  }
  for (const endpoint of planned) replaceEndpoint(ctx.world.state, endpoint);
  return respondList(
    ctx.wire,
    planned.map((e) => endpointView(ctx, e, ctx.project)),
  );
}

export function updateEndpointsInProject(ctx: DevopsContext): ServiceResponse {
  return legacyOnly(ctx, updateEndpoints);
}

/** PATCH /{org}/_apis/serviceendpoint/endpoints/{endpointId} with project references: shares with more projects (204). */
export function shareEndpoint(ctx: DevopsContext): ServiceResponse {
  const endpointId = param(ctx, "endpointId");
  const endpoint = findEndpoint(ctx, endpointId);
  if (!endpoint) return endpointNotFound(endpointId);
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const inputs = projectReferencesOf(read.body);
  if (inputs === "invalid" || !inputs || inputs.length === 0)
    return badRequest("The body must be a non-empty array of project references.");
  const additions: ServiceEndpointProjectReference[] = [];
  for (const input of inputs) {
    const key = input.projectId ?? input.projectName;
    const project = key ? findProject(ctx.world.state, key) : undefined;
    if (!project) return projectNotFound(key ?? "(none)");
    // GUESS: sharing again with a project that already has the endpoint changes nothing.
    if (isSharedWith(endpoint, project.id) || additions.some((a) => a.projectReference.id === project.id)) continue;
    const name = checkConnectionName(input.name ?? endpoint.name);
    if (!name.ok) return name.response;
    const taken = checkNameFree(ctx.world.state, project.id, name.value, endpoint.id);
    if (taken) return taken;
    additions.push({
      projectReference: { id: project.id, name: project.name },
      name: name.value,
      description: input.description ?? endpoint.description,
    });
  }
  endpoint.serviceEndpointProjectReferences.push(...additions);
  endpoint.isShared = endpoint.serviceEndpointProjectReferences.length > 1;
  return noContent();
}

/**
 * Removes the endpoint from the given projects; with its last project it is deleted, with its pipeline
 * authorizations. `deep` would also delete an automatically created app registration; a manual connection has none.
 */
function removeFromProjects(state: State, endpoint: ServiceEndpoint, projectIds: string[]): void {
  const removed = new Set(projectIds.map((id) => id.toLowerCase()));
  endpoint.serviceEndpointProjectReferences = endpoint.serviceEndpointProjectReferences.filter(
    (r) => !removed.has(r.projectReference.id.toLowerCase()),
  );
  for (const projectId of removed) forgetResourcePermissions(state, "endpoint", endpoint.id, projectId);
  if (endpoint.serviceEndpointProjectReferences.length === 0) {
    state.devops.serviceEndpoints = state.devops.serviceEndpoints.filter((e) => e.id !== endpoint.id);
    forgetResourcePermissions(state, "endpoint", endpoint.id);
  } else {
    endpoint.isShared = endpoint.serviceEndpointProjectReferences.length > 1;
  }
}

/** DELETE /{org}/_apis/serviceendpoint/endpoints/{endpointId}?projectIds=a,b&deep= (204). */
export function deleteEndpoint(ctx: DevopsContext): ServiceResponse {
  const endpointId = param(ctx, "endpointId");
  const endpoint = findEndpoint(ctx, endpointId);
  if (!endpoint) return endpointNotFound(endpointId);
  const keys = commaList(ctx.req.query.get("projectIds"));
  if (!keys) return badRequest("projectIds is required: the projects to remove the service connection from.", "ArgumentNullException");
  const projectIds: string[] = [];
  for (const key of keys) {
    const project = findProject(ctx.world.state, key);
    if (!project) return projectNotFound(key);
    projectIds.push(project.id);
  }
  removeFromProjects(ctx.world.state, endpoint, projectIds);
  return noContent();
}

/** DELETE /{org}/{project}/_apis/serviceendpoint/endpoints/{endpointId} (api-version < 5.0): removes it from that project. */
export function deleteEndpointInProject(ctx: DevopsContext): ServiceResponse {
  return legacyOnly(ctx, () => {
    const project = requireProject(ctx);
    const endpointId = param(ctx, "endpointId");
    const endpoint = findEndpoint(ctx, endpointId);
    if (!endpoint || !isSharedWith(endpoint, project.id)) return endpointNotFound(endpointId);
    removeFromProjects(ctx.world.state, endpoint, [project.id]);
    return noContent();
  });
}
