import type { VersionPolicy } from "./apiVersion";
import type { RouteHandler } from "./context";

/** Organization-level routes sit at "/{org}/_apis/…", project-level ones at "/{org}/{project}/_apis/…". */
export type RouteLevel = "organization" | "project";

export interface Route {
  method: string;
  level: RouteLevel;
  /** Segments below "_apis": literals (matched case-insensitively, as Azure DevOps does) or ":name" parameters. */
  pattern: string;
  policy: VersionPolicy;
  handler: RouteHandler;
}

export type RouteMatch = { kind: "found"; route: Route; params: Record<string, string> } | { kind: "wrongMethod" } | { kind: "none" };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/").filter((p) => p.length > 0);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const segment = segments[i]!;
    if (part.startsWith(":")) params[part.slice(1)] = segment;
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined;
  }
  return params;
}

export function matchRoute(routes: Route[], method: string, level: RouteLevel, segments: string[]): RouteMatch {
  let pathMatched = false;
  for (const route of routes) {
    if (route.level !== level) continue;
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { kind: "found", route, params };
    pathMatched = true;
  }
  return pathMatched ? { kind: "wrongMethod" } : { kind: "none" };
}
