import type { ServiceResponse } from "../model/core/http";
import { escapeMsJsonDates } from "../model/devops/conventions";

/** A response ready for a socket or for Playwright's route.fulfill. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

// Headers a browser script may read from cross-origin answers. Real Graph and ARM expose at least these; whether a
// browser may read Retry-After from Graph is unconfirmed (CONTRACTS.md §3), so clients must not depend on it.
const EXPOSED_HEADERS = "Retry-After, WWW-Authenticate, Location, request-id, client-request-id, x-ms-request-id, ActivityId";

/**
 * The CORS answer every emulated service gives: the real Graph, ARM, Entra token endpoint and Azure DevOps REST all
 * accept cross-origin calls from a browser page.
 */
export function corsHeaders(requestHeaders: Record<string, string>): Record<string, string> {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(requestHeaders)) lower[k.toLowerCase()] = v;
  return {
    "access-control-allow-origin": lower["origin"] ?? "*",
    "access-control-allow-methods": lower["access-control-request-method"] ?? "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers": lower["access-control-request-headers"] ?? "Authorization, Content-Type, Accept",
    "access-control-expose-headers": EXPOSED_HEADERS,
    "access-control-max-age": "600",
    vary: "Origin",
  };
}

export function toWire(response: ServiceResponse, requestHeaders: Record<string, string>): WireResponse {
  const headers: Record<string, string> = { ...corsHeaders(requestHeaders) };
  for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = v;
  let body = "";
  if (response.body !== undefined) {
    if (typeof response.body === "string" && headers["content-type"] && !headers["content-type"].includes("json")) {
      body = response.body;
    } else {
      // Azure DevOps writes dates as "\/Date(ms)\/", with escaped slashes JSON.stringify cannot produce; the REST
      // clients turn only that form back into Dates. Only Azure DevOps answers contain such strings.
      body = escapeMsJsonDates(JSON.stringify(response.body));
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
  }
  return { status: response.status, headers, body };
}
