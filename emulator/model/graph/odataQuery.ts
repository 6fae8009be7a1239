import { json, type ServiceRequest, type ServiceResponse } from "../core/http";
import { graphErrors } from "./graphErrors";
import {
  compileFilter,
  FilterSyntaxError,
  FilterTooManyClausesError,
  FilterUnsupportedError,
  parseFilter,
  type FilterFields,
} from "./odataFilter";

/** A Graph resource as it goes on the wire. */
export type Resource = Record<string, unknown>;

/** Graph's page size for directory collections when $top is absent. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

const LIST_OPTIONS = ["$filter", "$select", "$top", "$skiptoken"] as const;
const ENTITY_OPTIONS = ["$select"] as const;

/** Rejects system query options this model does not implement, rather than ignoring them and answering wrongly. */
export function checkQueryOptions(req: ServiceRequest, allowed: readonly string[]): ServiceResponse | undefined {
  for (const key of req.query.keys()) {
    if (key.startsWith("$") && !allowed.includes(key.toLowerCase())) return graphErrors.unsupportedQueryOption(key);
  }
  return undefined;
}

function queryValue(req: ServiceRequest, name: string): string | undefined {
  for (const [key, value] of req.query) if (key.toLowerCase() === name) return value;
  return undefined;
}

export function parseSelect(req: ServiceRequest): string[] | undefined {
  const raw = queryValue(req, "$select");
  if (raw === undefined) return undefined;
  const fields = raw
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  return fields.length > 0 ? fields : undefined;
}

/** Canonical property names for the $select list, or Graph's 400 for a name the type does not have. */
function resolveSelect(
  select: string[],
  properties: readonly string[],
  type: string,
): { ok: true; names: string[] } | { ok: false; response: ServiceResponse } {
  const names: string[] = [];
  for (const field of select) {
    const name = properties.find((p) => p.toLowerCase() === field.toLowerCase());
    if (!name) return { ok: false, response: graphErrors.unknownSelectProperty(field, type) };
    if (!names.includes(name)) names.push(name);
  }
  return { ok: true, names };
}

function pick(resource: Resource, names: readonly string[]): Resource {
  const out: Resource = {};
  for (const name of names) out[name] = resource[name];
  return out;
}

export function contextUrl(req: ServiceRequest, entitySet: string, select: readonly string[] | undefined, entity: boolean): string {
  return `${req.baseUrl}/v1.0/$metadata#${entitySet}${select ? `(${select.join(",")})` : ""}${entity ? "/$entity" : ""}`;
}

export interface EntitySpec {
  /** Used in @odata.context, e.g. "applications" or "users". */
  entitySet: string;
  /** The OData type's short name, for error messages. */
  type: string;
  /** Every property $select may name. */
  properties: readonly string[];
  /** What to answer without $select; the whole resource when absent. */
  defaultProperties?: readonly string[];
}

/** One entity, honouring $select, with its @odata.context first as Graph writes it. */
export function entityResponse(req: ServiceRequest, spec: EntitySpec, resource: Resource, status = 200): ServiceResponse {
  const bad = checkQueryOptions(req, ENTITY_OPTIONS);
  if (bad) return bad;
  const select = parseSelect(req);
  if (!select) {
    const body = spec.defaultProperties ? pick(resource, spec.defaultProperties) : resource;
    return json(status, { "@odata.context": contextUrl(req, spec.entitySet, undefined, true), ...body });
  }
  const resolved = resolveSelect(select, spec.properties, spec.type);
  if (!resolved.ok) return resolved.response;
  return json(status, { "@odata.context": contextUrl(req, spec.entitySet, resolved.names, true), ...pick(resource, resolved.names) });
}

export interface ListSpec<T> extends EntitySpec {
  items: readonly T[];
  toResource: (item: T) => Resource;
  filterFields: FilterFields<T>;
  /** Adds to each answered item after $select (an expanded relationship, such as an app's owners). */
  decorate?: (item: T, resource: Resource) => Resource;
}

function decodeSkipToken(token: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    return typeof parsed.offset === "number" && Number.isInteger(parsed.offset) && parsed.offset >= 0 ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}

function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

type Filtered<T> = { ok: true; items: T[] } | { ok: false; response: ServiceResponse };

function applyFilter<T>(req: ServiceRequest, items: readonly T[], fields: FilterFields<T>): Filtered<T> {
  const text = queryValue(req, "$filter");
  if (text === undefined) return { ok: true, items: [...items] };
  try {
    const predicate = compileFilter(parseFilter(text), fields);
    return { ok: true, items: items.filter(predicate) };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, response: graphErrors.invalidFilter(error.message) };
    if (error instanceof FilterUnsupportedError) return { ok: false, response: graphErrors.unsupportedQuery() };
    if (error instanceof FilterTooManyClausesError) return { ok: false, response: graphErrors.tooManyClauses(error.message) };
    throw error;
  }
}

/**
 * A collection page: $filter, then paging ($top, and an opaque $skiptoken in an absolute @odata.nextLink that keeps the
 * other options), then $select.
 */
export function listResponse<T>(req: ServiceRequest, spec: ListSpec<T>): ServiceResponse {
  const bad = checkQueryOptions(req, LIST_OPTIONS);
  if (bad) return bad;
  const select = parseSelect(req);
  const resolved = select ? resolveSelect(select, spec.properties, spec.type) : undefined;
  if (resolved && !resolved.ok) return resolved.response;
  const topText = queryValue(req, "$top");
  const top = topText === undefined ? DEFAULT_PAGE_SIZE : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) return graphErrors.invalidPageSize(topText ?? "");
  const skipText = queryValue(req, "$skiptoken");
  const offset = skipText === undefined ? 0 : decodeSkipToken(skipText);
  if (offset === undefined) return graphErrors.invalidSkipToken();
  const filtered = applyFilter(req, spec.items, spec.filterFields);
  if (!filtered.ok) return filtered.response;

  const names = resolved?.ok ? resolved.names : spec.defaultProperties;
  const value = filtered.items.slice(offset, offset + top).map((item) => {
    const resource = spec.toResource(item);
    const selected = names ? pick(resource, names) : resource;
    return spec.decorate ? spec.decorate(item, selected) : selected;
  });
  const body: Resource = { "@odata.context": contextUrl(req, spec.entitySet, resolved?.ok ? resolved.names : undefined, false) };
  if (offset + top < filtered.items.length) {
    const next = new URLSearchParams();
    for (const [key, v] of req.query) if (key.toLowerCase() !== "$skiptoken") next.append(key, v);
    next.set("$skiptoken", encodeSkipToken(offset + top));
    body["@odata.nextLink"] = `${req.baseUrl}${req.path}?${next.toString()}`;
  }
  body["value"] = value;
  return json(200, body);
}
