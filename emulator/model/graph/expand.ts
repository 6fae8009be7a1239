import { json, type ServiceRequest, type ServiceResponse } from "../core/http";
import type { Application, User } from "../state";
import type { GraphContext, Outcome } from "./context";
import { fail } from "./context";
import { graphErrors } from "./graphErrors";
import type { Resource } from "./odataQuery";
import { directoryObjectUser, USER_PROPERTIES } from "./resources";

/**
 * `$expand=owners` on one application (GET /applications/{id} or the appId form), optionally with a nested
 * `$select`: `owners($select=id,displayName)`. The application reference documents owners as "Supports $expand …
 * and $select nested in $expand". Graph answers at most 20 objects of an expanded directory-object relationship and
 * no nextLink for them (the "$expand" query-parameter guidance); the model caps owners at 20 the same way. Other
 * relationships are not modelled and are refused loudly.
 */
export const MAX_EXPANDED_OBJECTS = 20;

export interface OwnersExpand {
  /** The request without $expand, for the entity's own $select handling. */
  req: ServiceRequest;
  /** Owners' properties to answer; undefined when $expand was not asked for. */
  owners?: { select: string[] | undefined };
}

const OWNERS = /^owners(?:\(\s*\$select\s*=\s*([^)]*)\))?$/i;

export function readOwnersExpand(req: ServiceRequest): Outcome<OwnersExpand> {
  let raw: string | undefined;
  const rest = new URLSearchParams();
  for (const [key, value] of req.query) {
    if (key.toLowerCase() === "$expand") raw = value;
    else rest.append(key, value);
  }
  if (raw === undefined) return { ok: true, value: { req } };
  const match = OWNERS.exec(raw.trim());
  if (!match) return fail(graphErrors.unsupportedQueryOption(`$expand=${raw}`));
  const select = match[1]
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const name of select ?? []) {
    if (!USER_PROPERTIES.some((p) => p.toLowerCase() === name.toLowerCase()))
      return fail(graphErrors.unknownSelectProperty(name, "directoryObject"));
  }
  return { ok: true, value: { req: { ...req, query: rest }, owners: { select: select && select.length > 0 ? select : undefined } } };
}

function ownerResource(user: User, select: string[] | undefined): Resource {
  const full = directoryObjectUser(user);
  if (!select) return full;
  const out: Resource = { "@odata.type": full["@odata.type"] };
  for (const name of select) {
    const key = Object.keys(full).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) out[key] = full[key];
  }
  return out;
}

/** Adds `owners` to an application answer (a 200 with a JSON object body). */
export function withExpandedOwners(
  ctx: GraphContext,
  response: ServiceResponse,
  app: Application,
  select: string[] | undefined,
): ServiceResponse {
  if (response.status !== 200 || typeof response.body !== "object" || response.body === null) return response;
  const owners = app.ownerIds
    .map((id) => ctx.world.state.users.find((u) => u.id === id))
    .filter((u): u is User => u !== undefined)
    .slice(0, MAX_EXPANDED_OBJECTS)
    .map((u) => ownerResource(u, select));
  return json(response.status, { ...(response.body as Resource), owners }, response.headers);
}

/**
 * An application resource with its `owners` (GET /applications?$expand=owners, one app of the list): the List
 * applications reference lists $expand among the supported options; owners are capped at 20 as for one app.
 */
export function withOwners(ctx: GraphContext, resource: Resource, app: Application, select: string[] | undefined): Resource {
  return withExpandedOwners(ctx, json(200, resource), app, select).body as Resource;
}
