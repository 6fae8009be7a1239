import type { ServiceResponse } from "../core/http";
import type { DevOpsProject, State } from "../state";
import { respond, respondList, urlField, wireEnum } from "./conventions";
import { param, type DevopsContext } from "./context";
import { badRequest, projectNotFound } from "./errors";
import { organizationIdOf } from "./workloadIdentity";

/** Projects are addressed by id or by name, both case-insensitively. */
export function findProject(state: State, nameOrId: string): DevOpsProject | undefined {
  const key = nameOrId.toLowerCase();
  return state.devops.projects.find((p) => p.id.toLowerCase() === key) ?? state.devops.projects.find((p) => p.name.toLowerCase() === key);
}

/** The model keeps no project history; every project reports the seed's instant as its last update. */
const PROJECT_LAST_UPDATE = new Date("2026-01-01T00:00:00Z");

export function projectReferenceView(ctx: DevopsContext, project: DevOpsProject): Record<string, unknown> {
  return {
    id: project.id,
    name: project.name,
    description: "",
    url: urlField(`${ctx.req.baseUrl}/${ctx.world.state.devops.organization}/_apis/projects/${project.id}`),
    state: wireEnum("wellFormed", 1),
    revision: 1,
    visibility: wireEnum("private", 0),
    lastUpdateTime: PROJECT_LAST_UPDATE,
  };
}

function nonNegativeInteger(text: string | null): number | undefined | "invalid" {
  if (text === null || text === "") return undefined;
  return /^\d+$/.test(text) ? Number(text) : "invalid";
}

/** GET /{org}/_apis/projects?$top=&$skip= (CoreRestClient.getProjects). */
export function listProjects(ctx: DevopsContext): ServiceResponse {
  const top = nonNegativeInteger(ctx.req.query.get("$top"));
  const skip = nonNegativeInteger(ctx.req.query.get("$skip"));
  if (top === "invalid" || skip === "invalid") return badRequest("$top and $skip must be non-negative integers.");
  const all = [...ctx.world.state.devops.projects].sort((a, b) => a.name.localeCompare(b.name));
  const page = all.slice(skip ?? 0, top === undefined ? undefined : (skip ?? 0) + top);
  return respondList(
    ctx.wire,
    page.map((p) => projectReferenceView(ctx, p)),
  );
}

/** GET /{org}/_apis/projects/{projectId} by id or name. */
export function getProject(ctx: DevopsContext): ServiceResponse {
  const nameOrId = param(ctx, "projectId");
  const project = findProject(ctx.world.state, nameOrId);
  if (!project) return projectNotFound(nameOrId);
  return respond(ctx.wire, 200, projectReferenceView(ctx, project));
}

/**
 * GET /{org}/_apis/connectionData (the Location area): who is calling and which organization this is. `instanceId` is
 * the organization's id (the host's id in the extension SDK, and the id in the federation issuer and subject).
 */
export function getConnectionData(ctx: DevopsContext): ServiceResponse {
  const user = ctx.world.state.users.find((u) => u.id === ctx.world.knobs.signedInUserId);
  const identity = { id: user?.id ?? "", providerDisplayName: user?.displayName ?? "", isActive: true };
  return respond(ctx.wire, 200, {
    authenticatedUser: identity,
    authorizedUser: identity,
    instanceId: organizationIdOf(ctx.world.state),
    deploymentId: organizationIdOf(ctx.world.state),
    deploymentType: "hosted",
  });
}
