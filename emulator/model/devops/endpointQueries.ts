import { noContent, type ServiceResponse } from "../core/http";
import type { ServiceEndpoint } from "../state";
import { respond, respondList } from "./conventions";
import { param, requireProject, type DevopsContext } from "./context";
import { endpointView, findEndpoint, isSharedWith } from "./endpointView";
import { nameInProject } from "./endpointValidation";
import { endpointListFailed, endpointNotFound } from "./errors";
import { commaList, queryFlag } from "./requestBody";

/** The reading side of service endpoints: list, find by names, details. */

function equalsIgnoringCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

interface EndpointFilter {
  type?: string;
  authSchemes?: string[];
  endpointIds?: string[];
  owner?: string;
  includeFailed: boolean;
}

function readFilter(ctx: DevopsContext): EndpointFilter {
  const filter: EndpointFilter = { includeFailed: queryFlag(ctx, "includeFailed") };
  const type = ctx.req.query.get("type");
  const owner = ctx.req.query.get("owner");
  const authSchemes = commaList(ctx.req.query.get("authSchemes"));
  const endpointIds = commaList(ctx.req.query.get("endpointIds"));
  if (type) filter.type = type;
  if (owner) filter.owner = owner;
  if (authSchemes) filter.authSchemes = authSchemes;
  if (endpointIds) filter.endpointIds = endpointIds;
  return filter;
}

function passes(endpoint: ServiceEndpoint, filter: EndpointFilter): boolean {
  if (filter.type && !equalsIgnoringCase(endpoint.type, filter.type)) return false;
  if (filter.owner && !equalsIgnoringCase(endpoint.owner, filter.owner)) return false;
  if (filter.authSchemes && !filter.authSchemes.some((s) => equalsIgnoringCase(s, endpoint.authorization.scheme))) return false;
  if (filter.endpointIds && !filter.endpointIds.some((id) => equalsIgnoringCase(id, endpoint.id))) return false;
  // Failed endpoints stay hidden unless asked for (CONTRACTS.md §2.1).
  if (!filter.includeFailed && endpoint.operationStatus.state === "Failed") return false;
  return true;
}

/**
 * GET /{org}/{project}/_apis/serviceendpoint/endpoints — getServiceEndpoints, or getServiceEndpointsByNames when
 * endpointNames is given (names are matched case-insensitively against each endpoint's name in this project).
 * includeDetails and actionFilter change nothing: the model's only user administers every connection.
 */
export function listEndpointsInProject(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const failing = Object.entries(ctx.world.knobs.failingEndpointLists ?? {}).find(([key]) =>
    [project.id, project.name].some((k) => k.toLowerCase() === key.toLowerCase()),
  );
  if (failing) return endpointListFailed(failing[1], project.name);
  const filter = readFilter(ctx);
  const names = commaList(ctx.req.query.get("endpointNames"));
  const found = ctx.world.state.devops.serviceEndpoints.filter((e) => {
    if (!isSharedWith(e, project.id) || !passes(e, filter)) return false;
    const name = nameInProject(e, project.id) ?? e.name;
    return !names || names.some((n) => equalsIgnoringCase(n, name));
  });
  return respondList(
    ctx.wire,
    found.map((e) => endpointView(ctx, e, project)),
  );
}

/** GET /{org}/_apis/serviceendpoint/endpoints?type=&owner= (getServiceEndpointsByTypeAndOwner): every project. */
export function listEndpointsByTypeAndOwner(ctx: DevopsContext): ServiceResponse {
  const filter = readFilter(ctx);
  const found = ctx.world.state.devops.serviceEndpoints.filter((e) => passes(e, filter));
  return respondList(
    ctx.wire,
    found.map((e) => endpointView(ctx, e)),
  );
}

/**
 * GET /{org}/{project}/_apis/serviceendpoint/endpoints/{endpointId}. An unknown id, or one not shared with the
 * project, answers success with no body by default (vsts-rest-api-specs issue 285: "it just returns a null body";
 * the spec lists only 200; the terraform provider treats an id-less answer as "deleted"). The knob
 * `knobs.missingEndpointRead: "notFound"` answers 404 ServiceEndpointNotFoundException instead, so clients can be
 * tested against both. loadConfidentialData changes nothing: secrets are not kept.
 */
export function getEndpointDetails(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const endpointId = param(ctx, "endpointId");
  const endpoint = findEndpoint(ctx, endpointId);
  if (!endpoint || !isSharedWith(endpoint, project.id))
    return ctx.world.knobs.missingEndpointRead === "notFound" ? endpointNotFound(endpointId) : noContent();
  return respond(ctx.wire, 200, endpointView(ctx, endpoint, project));
}
