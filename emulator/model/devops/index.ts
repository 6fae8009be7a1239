import { segments, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { World } from "../world";
import { checkApiVersion } from "./apiVersion";
import { isAuthenticated } from "./auth";
import { readWireOptions } from "./conventions";
import type { DevopsContext } from "./context";
import { methodNotAllowed, organizationNotFound, projectNotFound, routeNotFound, unauthorized } from "./errors";
import { findProject } from "./projects";
import { matchRoute, type RouteLevel } from "./router";
import { ROUTES } from "./routes";

/**
 * Azure DevOps REST at "/{organization}[/{project}]/_apis/…": authentication, organization, route, api-version,
 * project, then the route's handler. The order follows what a caller sees first from the real service.
 */
export function handleDevops(world: World, req: ServiceRequest): ServiceResponse {
  if (!isAuthenticated(world, req)) return unauthorized();
  let parts: string[];
  try {
    parts = segments(req.path);
  } catch {
    return routeNotFound(req.method, req.path);
  }
  const [organization, second, third] = parts;
  if (!organization) return routeNotFound(req.method, req.path);
  if (organization.toLowerCase() !== world.state.devops.organization.toLowerCase()) return organizationNotFound(organization);

  let level: RouteLevel;
  let below: string[];
  let projectKey: string | undefined;
  if (second?.toLowerCase() === "_apis") {
    level = "organization";
    below = parts.slice(2);
  } else if (second !== undefined && third?.toLowerCase() === "_apis") {
    level = "project";
    projectKey = second;
    below = parts.slice(3);
  } else {
    return routeNotFound(req.method, req.path);
  }

  const match = matchRoute(ROUTES, req.method, level, below);
  if (match.kind === "none") return routeNotFound(req.method, req.path);
  if (match.kind === "wrongMethod") return methodNotAllowed(req.method);

  const wire = readWireOptions(req);
  const version = checkApiVersion(req.method, wire.apiVersionText, match.route.policy);
  if (!version.ok) return version.response;

  const project = projectKey !== undefined ? findProject(world.state, projectKey) : undefined;
  if (projectKey !== undefined && !project) return projectNotFound(projectKey);

  const ctx: DevopsContext = { world, req, wire, apiVersion: version.version, project, params: match.params };
  return match.route.handler(ctx);
}
