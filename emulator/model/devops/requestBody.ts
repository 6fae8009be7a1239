import type { ServiceResponse } from "../core/http";
import type { DevopsContext } from "./context";
import { badRequest } from "./errors";

/** The request's JSON body; a body that is not JSON is refused as Azure DevOps refuses it (text is a guess). */
export function readJsonBody(ctx: DevopsContext): { ok: true; body: unknown } | { ok: false; response: ServiceResponse } {
  const text = ctx.req.bodyText;
  if (text === undefined || text.trim() === "") return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch {
    return { ok: false, response: badRequest("The request body is not valid JSON.", "VssRequestContentException") };
  }
}

/** A comma-joined query value ("a,b") as a list; the REST clients join arrays this way, so a value with a comma cannot be sent. */
export function commaList(value: string | null): string[] | undefined {
  if (value === null || value.trim() === "") return undefined;
  return value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function queryFlag(ctx: DevopsContext, name: string): boolean {
  return (ctx.req.query.get(name) ?? "").toLowerCase() === "true";
}
