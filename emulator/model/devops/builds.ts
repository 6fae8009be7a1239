import type { ServiceResponse } from "../core/http";
import type { BuildDefinition } from "../state";
import { respondList, urlField, wireEnum } from "./conventions";
import { requireProject, type DevopsContext } from "./context";
import { badRequest } from "./errors";
import { currentUser, identityRefView } from "./identities";
import { projectReferenceView } from "./projects";
import { commaList } from "./requestBody";

/** The model keeps no definition history; every definition reports the seed's instant. */
const DEFINITION_CREATED = new Date("2026-01-01T00:00:00Z");

function wildcardMatcher(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "i");
}

function compareNames(a: BuildDefinition, b: BuildDefinition): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.id - b.id;
}

function definitionView(ctx: DevopsContext, definition: BuildDefinition): Record<string, unknown> {
  const project = requireProject(ctx);
  const base = `${ctx.req.baseUrl}/${ctx.world.state.devops.organization}/${project.id}`;
  return {
    _links: urlField({
      self: { href: `${base}/_apis/build/Definitions/${definition.id}?revision=1` },
      web: { href: `${base}/_build/definition?definitionId=${definition.id}` },
      editor: { href: `${base}/_build/designer?id=${definition.id}&_a=edit-build-definition` },
    }),
    quality: wireEnum("definition", 1),
    authoredBy: identityRefView(ctx.world.state, ctx.req.baseUrl, currentUser(ctx.world.state)),
    drafts: [],
    id: definition.id,
    name: definition.name,
    url: urlField(`${base}/_apis/build/Definitions/${definition.id}?revision=1`),
    uri: `vstfs:///Build/Definition/${definition.id}`,
    path: definition.path,
    type: wireEnum("build", 2),
    queueStatus: wireEnum("enabled", 0),
    revision: 1,
    createdDate: DEFINITION_CREATED,
    project: projectReferenceView(ctx, project),
  };
}

/** queryOrder arrives as the enum's number (the REST client) or its name. */
function isDescending(queryOrder: string | null): boolean {
  return queryOrder !== null && (queryOrder === "4" || queryOrder.toLowerCase() === "definitionnamedescending");
}

/**
 * GET /{org}/{project}/_apis/build/definitions?name=&path=&definitionIds=&queryOrder=&$top=&continuationToken=
 * (BuildRestClient.getDefinitions). Ordered by name; a page that stops early names the next definition in the
 * x-ms-continuationtoken header (GUESS: the token is that definition's name).
 */
export function listBuildDefinitions(ctx: DevopsContext): ServiceResponse {
  const project = requireProject(ctx);
  const query = ctx.req.query;
  const topText = query.get("$top");
  if (topText !== null && !/^\d+$/.test(topText)) return badRequest("$top must be a non-negative integer.");
  const name = query.get("name");
  const path = query.get("path");
  const ids = commaList(query.get("definitionIds"))?.map(Number);
  const descending = isDescending(query.get("queryOrder"));
  const token = query.get("continuationToken");

  let found = ctx.world.state.devops.buildDefinitions.filter((d) => d.projectId === project.id);
  if (name) found = found.filter((d) => wildcardMatcher(name).test(d.name));
  if (path) found = found.filter((d) => d.path.toLowerCase() === path.toLowerCase());
  if (ids) found = found.filter((d) => ids.includes(d.id));
  found.sort(compareNames);
  if (descending) found.reverse();
  if (token) {
    const start = found.findIndex((d) => {
      const order = d.name.localeCompare(token, undefined, { sensitivity: "base" });
      return descending ? order <= 0 : order >= 0;
    });
    found = start < 0 ? [] : found.slice(start);
  }
  const top = topText === null ? undefined : Number(topText);
  const page = top === undefined ? found : found.slice(0, top);
  const next = top !== undefined ? found[top] : undefined;
  const headers: Record<string, string> = next ? { "x-ms-continuationtoken": next.name } : {};
  return respondList(
    ctx.wire,
    page.map((d) => definitionView(ctx, d)),
    headers,
  );
}
