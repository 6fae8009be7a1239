import type { ServiceResponse } from "../core/http";
import type { DevOpsProject, PipelinePermission, State } from "../state";
import { respond, respondList } from "./conventions";
import { param, requireProject, type DevopsContext } from "./context";
import { asRecord, asString } from "./endpointBody";
import { isSharedWith } from "./endpointView";
import { badRequest, notFound } from "./errors";
import { identityRefView } from "./identities";
import { readJsonBody } from "./requestBody";

/**
 * Pipeline permissions (area a81a0441-de52-4000-aa15-ff0e07bfbbaa): which pipelines of a project may use a protected
 * resource. Only "endpoint" resources are checked against the model; the model holds no queues, environments, variable
 * groups, secure files or repositories, so permissions on those are kept without an existence check.
 */
const RESOURCE_TYPES = ["endpoint", "queue", "environment", "variablegroup", "securefile", "repository"];
const ALL_PIPELINES = "allPipelines";

function samePermission(p: PipelinePermission, type: string, id: string, projectId: string): boolean {
  return (
    p.resourceType.toLowerCase() === type.toLowerCase() && p.resourceId.toLowerCase() === id.toLowerCase() && p.projectId === projectId
  );
}

/** Drops the authorizations of a resource, in one project or (without projectId) everywhere. */
export function forgetResourcePermissions(state: State, resourceType: string, resourceId: string, projectId?: string): void {
  state.devops.pipelinePermissions = state.devops.pipelinePermissions.filter(
    (p) =>
      !(
        p.resourceType.toLowerCase() === resourceType.toLowerCase() &&
        p.resourceId.toLowerCase() === resourceId.toLowerCase() &&
        (!projectId || p.projectId.toLowerCase() === projectId.toLowerCase())
      ),
  );
}

function permissionOf(state: State, type: string, id: string, projectId: string): PipelinePermission | undefined {
  return state.devops.pipelinePermissions.find((p) => samePermission(p, type, id, projectId));
}

function authorizationView(ctx: DevopsContext, permission: PipelinePermission, key: string): Record<string, unknown> {
  const when = permission.authorizedOn?.[key];
  const user = ctx.world.state.devops.user;
  return {
    authorized: true,
    authorizedBy: identityRefView(ctx.world.state, ctx.req.baseUrl, { id: user.id, displayName: user.displayName }),
    authorizedOn: new Date(when ?? ctx.world.clock.nowMs()),
  };
}

function permissionsView(ctx: DevopsContext, type: string, id: string, project: DevOpsProject): Record<string, unknown> {
  const permission = permissionOf(ctx.world.state, type, id, project.id);
  const view: Record<string, unknown> = {
    resource: { type, id },
    pipelines: (permission?.pipelineIds ?? []).map((pipelineId) => ({
      id: pipelineId,
      ...authorizationView(ctx, permission!, String(pipelineId)),
    })),
  };
  // GUESS: allPipelines appears only while it is granted; the official GET example, without it, omits the key.
  if (permission?.allPipelines) view["allPipelines"] = authorizationView(ctx, permission, ALL_PIPELINES);
  return view;
}

function checkResource(ctx: DevopsContext, type: string, id: string, project: DevOpsProject): ServiceResponse | undefined {
  if (!RESOURCE_TYPES.includes(type.toLowerCase()))
    return badRequest(`Resource type '${type}' is not supported. Use one of ${RESOURCE_TYPES.join(", ")}.`);
  if (type.toLowerCase() !== "endpoint") return undefined;
  const endpoint = ctx.world.state.devops.serviceEndpoints.find((e) => e.id.toLowerCase() === id.toLowerCase());
  if (!endpoint || !isSharedWith(endpoint, project.id))
    return notFound("ResourceNotFoundException", `Resource endpoint with id ${id} does not exist in project ${project.name}.`);
  return undefined;
}

interface PermissionChange {
  pipelines: Array<{ id: number; authorized: boolean }>;
  allPipelines?: boolean;
}

/** Reads {pipelines:[{id, authorized}], allPipelines:{authorized}}; every pipeline id must be a build definition of the project. */
function readChange(
  ctx: DevopsContext,
  raw: unknown,
  project: DevOpsProject,
): { ok: true; change: PermissionChange } | { ok: false; response: ServiceResponse } {
  const body = asRecord(raw);
  if (!body) return { ok: false, response: badRequest("The body must be a pipeline permissions object.") };
  const change: PermissionChange = { pipelines: [] };
  const pipelines = body["pipelines"];
  if (pipelines !== undefined && pipelines !== null && !Array.isArray(pipelines))
    return { ok: false, response: badRequest("pipelines must be an array.") };
  const unknown: number[] = [];
  for (const item of (pipelines as unknown[] | undefined) ?? []) {
    const entry = asRecord(item);
    const id = entry?.["id"];
    if (typeof id !== "number" || !Number.isInteger(id)) return { ok: false, response: badRequest("Each pipeline needs an integer id.") };
    if (!ctx.world.state.devops.buildDefinitions.some((d) => d.id === id && d.projectId === project.id)) unknown.push(id);
    change.pipelines.push({ id, authorized: entry?.["authorized"] !== false });
  }
  // GUESS on status and text: an id that is no pipeline of this project is refused, nothing is changed.
  if (unknown.length > 0)
    return {
      ok: false,
      response: badRequest(`Pipeline(s) ${unknown.join(", ")} do not exist in project ${project.name}.`, "InvalidPipelineException"),
    };
  const all = asRecord(body["allPipelines"]);
  if (all && typeof all["authorized"] === "boolean") change.allPipelines = all["authorized"];
  return { ok: true, change };
}

function applyChange(ctx: DevopsContext, type: string, id: string, project: DevOpsProject, change: PermissionChange): void {
  const state = ctx.world.state;
  let permission = permissionOf(state, type, id, project.id);
  if (!permission) {
    permission = { resourceType: type, resourceId: id, projectId: project.id, allPipelines: false, pipelineIds: [], authorizedOn: {} };
    state.devops.pipelinePermissions.push(permission);
  }
  const authorizedOn = (permission.authorizedOn ??= {});
  const now = ctx.world.clock.now().toISOString();
  for (const { id: pipelineId, authorized } of change.pipelines) {
    const has = permission.pipelineIds.includes(pipelineId);
    if (authorized && !has) {
      permission.pipelineIds.push(pipelineId);
      authorizedOn[String(pipelineId)] = now;
    } else if (!authorized && has) {
      permission.pipelineIds = permission.pipelineIds.filter((p) => p !== pipelineId);
      delete authorizedOn[String(pipelineId)];
    }
  }
  if (change.allPipelines !== undefined && change.allPipelines !== permission.allPipelines) {
    permission.allPipelines = change.allPipelines;
    if (change.allPipelines) authorizedOn[ALL_PIPELINES] = now;
    else delete authorizedOn[ALL_PIPELINES];
  }
}

/** GET /{org}/{project}/_apis/pipelines/pipelinePermissions/{resourceType}/{resourceId}. */
export function getPipelinePermissions(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const type = param(ctx, "resourceType");
  const id = param(ctx, "resourceId");
  const invalid = checkResource(ctx, type, id, project);
  if (invalid) return invalid;
  return respond(ctx.wire, 200, permissionsView(ctx, type, id, project));
}

/** PATCH /{org}/{project}/_apis/pipelines/pipelinePermissions/{resourceType}/{resourceId}. */
export function updatePipelinePermissions(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const type = param(ctx, "resourceType");
  const id = param(ctx, "resourceId");
  const invalid = checkResource(ctx, type, id, project);
  if (invalid) return invalid;
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const change = readChange(ctx, read.body, project);
  if (!change.ok) return change.response;
  applyChange(ctx, type, id, project, change.change);
  return respond(ctx.wire, 200, permissionsView(ctx, type, id, project));
}

/** PATCH /{org}/{project}/_apis/pipelines/pipelinePermissions with [{resource:{type,id}, pipelines, allPipelines}]: all or nothing. */
export function updatePipelinePermissionsBatch(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  if (!Array.isArray(read.body)) return badRequest("The body must be an array of resource pipeline permissions.");
  const planned: Array<{ type: string; id: string; change: PermissionChange }> = [];
  for (const item of read.body) {
    const resource = asRecord(asRecord(item)?.["resource"]);
    const type = asString(resource?.["type"]);
    const id = asString(resource?.["id"]);
    if (!type || !id) return badRequest("Each entry needs resource.type and resource.id.");
    const invalid = checkResource(ctx, type, id, project);
    if (invalid) return invalid;
    const change = readChange(ctx, item, project);
    if (!change.ok) return change.response;
    planned.push({ type, id, change: change.change });
  }
  for (const { type, id, change } of planned) applyChange(ctx, type, id, project, change);
  return respondList(
    ctx.wire,
    planned.map(({ type, id }) => permissionsView(ctx, type, id, project)),
  );
}
