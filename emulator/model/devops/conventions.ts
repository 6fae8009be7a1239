import { json, type ServiceRequest, type ServiceResponse } from "../core/http";

/**
 * Azure DevOps shapes every JSON answer after options the client puts in its Accept header
 * (`application/json;api-version=7.2-preview.4;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`).
 * Handlers build bodies once, with enums, dates and self links marked, and `present` applies the options.
 */
export interface WireOptions {
  /** The api-version text as sent (query string first, then the Accept header); undefined when absent. */
  apiVersionText: string | undefined;
  excludeUrls: boolean;
  enumsAsNumbers: boolean;
  msDateFormat: boolean;
  noArrayWrap: boolean;
}

/** An enum value: a number with enumsAsNumbers, else its camelCase name ("ok", "wellFormed"). */
export class WireEnum {
  constructor(
    readonly name: string,
    readonly value: number,
  ) {}
}

/** A link to the resource itself (url, imageUrl, _links): left out with excludeUrls. */
export class UrlField {
  constructor(readonly value: unknown) {}
}

export function wireEnum(name: string, value: number): WireEnum {
  return new WireEnum(name, value);
}

export function urlField(value: unknown): UrlField {
  return new UrlField(value);
}

/** Splits one media type's parameters: "application/json;a=1; b=2" → {a:"1", b:"2"} with lower-case keys. */
function mediaTypeParameters(mediaType: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of mediaType.split(";").slice(1)) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    result[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return result;
}

export function readWireOptions(req: ServiceRequest): WireOptions {
  const accept = req.headers["accept"] ?? "";
  // Several media types may be listed; the options belong to the one that names an api-version, else the first.
  const mediaTypes = accept.split(",");
  const chosen = mediaTypes.find((m) => /api-version\s*=/i.test(m)) ?? mediaTypes[0] ?? "";
  const params = mediaTypeParameters(chosen);
  const flag = (name: string) => (params[name.toLowerCase()] ?? "").toLowerCase() === "true";
  const fromQuery = req.query.get("api-version") ?? undefined;
  return {
    apiVersionText: fromQuery ?? params["api-version"],
    excludeUrls: flag("excludeUrls"),
    enumsAsNumbers: flag("enumsAsNumbers"),
    msDateFormat: flag("msDateFormat"),
    noArrayWrap: flag("noArrayWrap"),
  };
}

/** Turns a body with WireEnum, UrlField and Date markers into plain JSON as the options ask. */
export function present(value: unknown, options: WireOptions): unknown {
  if (value instanceof Date) return options.msDateFormat ? `/Date(${value.getTime()})/` : value.toISOString();
  if (value instanceof WireEnum) return options.enumsAsNumbers ? value.value : value.name;
  if (value instanceof UrlField) return present(value.value, options);
  if (Array.isArray(value)) return value.map((item) => present(item, options));
  if (value !== null && typeof value === "object") {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (item instanceof UrlField && options.excludeUrls) continue;
      result[key] = present(item, options);
    }
    return result;
  }
  return value;
}

export function respond(options: WireOptions, status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return json(status, present(body, options), headers);
}

/** A list: a bare array with noArrayWrap, else Azure DevOps' {count, value} wrapper. */
export function respondList(options: WireOptions, items: unknown[], headers: Record<string, string> = {}): ServiceResponse {
  const value = items.map((item) => present(item, options));
  return json(200, options.noArrayWrap ? value : { count: value.length, value }, headers);
}

/**
 * The real server writes MS dates with escaped slashes ("\/Date(ms)\/"), which is what the REST client's
 * deserializer turns back into Date objects. JSON.stringify cannot emit that escape, so a door that wants the
 * client to see Dates passes its serialized text through this.
 */
export function escapeMsJsonDates(jsonText: string): string {
  return jsonText.replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"');
}
