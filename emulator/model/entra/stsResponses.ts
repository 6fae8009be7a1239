import { randomUUID } from "node:crypto";
import { json, type ServiceResponse } from "../core/http";
import { escapeHtml } from "./html";
import type { World } from "../world";
import type { StsError } from "./stsErrors";

/** The ways an STS error reaches a client: token-endpoint JSON, redirect parameters, or Entra's own error page. */

/** Entra's timestamp format in error texts: "2026-01-01 10:00:00Z". */
function stsTimestamp(world: World): string {
  return `${world.clock.now().toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** The description as Entra writes it: the AADSTS message, then trace id, correlation id and time on separate lines. */
export function describe(
  world: World,
  error: StsError,
  correlationId: string,
): { description: string; traceId: string; timestamp: string } {
  const traceId = randomUUID();
  const timestamp = stsTimestamp(world);
  return {
    description: `${error.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    traceId,
    timestamp,
  };
}

export function errorUri(baseUrl: string, error: StsError): string {
  return `${baseUrl}/error?code=${error.code}`;
}

/** The token endpoint's error body (HTTP 400; msal reads error, suberror and error_codes). */
export function tokenEndpointError(world: World, baseUrl: string, error: StsError, correlationId: string, status = 400): ServiceResponse {
  const { description, traceId, timestamp } = describe(world, error, correlationId);
  return json(
    status,
    {
      error: error.error,
      error_description: description,
      error_codes: [error.code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: errorUri(baseUrl, error),
      ...(error.suberror ? { suberror: error.suberror } : {}),
    },
    { "cache-control": "no-store, no-cache", pragma: "no-cache" },
  );
}

/**
 * Entra's "Sorry, but we're having trouble signing you in" page, shown when it cannot trust the redirect URI
 * (unknown tenant or app, unregistered redirect URI) or the user cannot be signed in at all. Nothing goes back to
 * the app: a popup stays on this page until the user closes it.
 */
export function errorPage(world: World, error: StsError, correlationId: string): ServiceResponse {
  const { description } = describe(world, error, correlationId);
  const body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign in to your account</title></head><body><main id="error" data-error="${escapeHtml(error.error)}" data-code="AADSTS${error.code}"><h1>Sorry, but we're having trouble signing you in.</h1><pre>${escapeHtml(description)}</pre></main></body></html>`;
  return { status: 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store, no-cache" }, body };
}

/** The parameters an authorize error carries back to the redirect URI. */
export function errorRedirectParams(world: World, baseUrl: string, error: StsError, correlationId: string): Array<[string, string]> {
  const { description } = describe(world, error, correlationId);
  return [
    ["error", error.error],
    ["error_description", description],
    ["error_uri", errorUri(baseUrl, error)],
    ...(error.subcode ? ([["error_subcode", error.subcode]] as Array<[string, string]>) : []),
  ];
}
