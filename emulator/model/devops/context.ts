import type { ServiceRequest, ServiceResponse } from "../core/http";
import type { DevOpsProject } from "../state";
import type { World } from "../world";
import type { ApiVersion } from "./apiVersion";
import type { WireOptions } from "./conventions";

/** What a route handler gets: the world, the request, its wire options and the resolved path pieces. */
export interface DevopsContext {
  world: World;
  req: ServiceRequest;
  wire: WireOptions;
  /** Undefined for a GET that named no version (the server then answers with its latest). */
  apiVersion: ApiVersion | undefined;
  /** The project of a project-level route ("/{org}/{project}/_apis/…"), by name or id. */
  project: DevOpsProject | undefined;
  /** Route parameters, decoded, by the names in the route pattern. */
  params: Record<string, string>;
}

export type RouteHandler = (ctx: DevopsContext) => ServiceResponse;

/** A project-level handler can count on its project. */
export function requireProject(ctx: DevopsContext): DevOpsProject {
  if (!ctx.project) throw new Error("A project-level route ran without a project.");
  return ctx.project;
}

export function param(ctx: DevopsContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`Route parameter ${name} is missing.`);
  return value;
}
