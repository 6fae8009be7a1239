import { faultResponse } from "../core/errors";
import { json, segments, type ServiceRequest, type ServiceResponse } from "../core/http";
import { takeFault } from "../core/knobs";
import { fail, readJsonObject, type GraphContext, type Outcome } from "./context";
import { graphErrors } from "./graphErrors";
import type { GraphDispatcher } from "./router";

/** Graph's JSON batching limit. */
export const MAX_BATCH_REQUESTS = 20;

interface BatchPart {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

const key = (id: string): string => id.toLowerCase();

function readParts(body: Record<string, unknown>): Outcome<BatchPart[]> {
  const requests = body["requests"];
  if (!Array.isArray(requests) || requests.length === 0) return fail(graphErrors.batchInvalid());
  if (requests.length > MAX_BATCH_REQUESTS) return fail(graphErrors.batchTooLarge(MAX_BATCH_REQUESTS));
  const parts: BatchPart[] = [];
  for (const raw of requests as unknown[]) {
    if (typeof raw !== "object" || raw === null) return fail(graphErrors.batchInvalid());
    const r = raw as Record<string, unknown>;
    const { id, method, url } = r;
    if (typeof id !== "string" || id === "" || typeof method !== "string" || typeof url !== "string")
      return fail(graphErrors.batchInvalid());
    // Ids are compared without case, as Graph does.
    if (parts.some((p) => key(p.id) === key(id))) return fail(graphErrors.batchDuplicateId(id));
    const headers: Record<string, string> = {};
    if (r["headers"] !== undefined) {
      if (typeof r["headers"] !== "object" || r["headers"] === null) return fail(graphErrors.batchInvalid());
      for (const [name, value] of Object.entries(r["headers"] as Record<string, unknown>)) headers[name.toLowerCase()] = String(value);
    }
    if (r["body"] !== undefined && headers["content-type"] === undefined) return fail(graphErrors.batchMissingContentType(id));
    const dependsOn = r["dependsOn"] ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d): d is string => typeof d === "string")) return fail(graphErrors.batchInvalid());
    parts.push({ id, method: method.toUpperCase(), url, headers, body: r["body"], dependsOn });
  }
  for (const part of parts) {
    const unknown = part.dependsOn.find((d) => !parts.some((p) => key(p.id) === key(d)));
    if (unknown !== undefined) return fail(graphErrors.batchUnknownDependency(unknown));
  }
  return { ok: true, value: parts };
}

/** Requests in an order where every dependency runs first; undefined when dependsOn forms a cycle. */
function executionOrder(parts: BatchPart[]): BatchPart[] | undefined {
  const ordered: BatchPart[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (part: BatchPart): boolean => {
    const mark = state.get(key(part.id));
    if (mark === "done") return true;
    if (mark === "visiting") return false;
    state.set(key(part.id), "visiting");
    for (const dep of part.dependsOn) if (!visit(parts.find((p) => key(p.id) === key(dep))!)) return false;
    state.set(key(part.id), "done");
    ordered.push(part);
    return true;
  };
  return parts.every(visit) ? ordered : undefined;
}

/** The part as a request of its own, against the same root and with the batch's own credentials. */
function innerRequest(outer: ServiceRequest, part: BatchPart): ServiceRequest {
  const relative = part.url.replace(/^\/+/, "");
  const queryAt = relative.indexOf("?");
  const pathPart = queryAt < 0 ? relative : relative.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? "" : relative.slice(queryAt + 1));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(outer.headers))
    if (name !== "content-type" && name !== "content-length") headers[name] = value;
  Object.assign(headers, part.headers);
  const bodyText = part.body === undefined ? undefined : typeof part.body === "string" ? part.body : JSON.stringify(part.body);
  return {
    method: part.method,
    service: outer.service,
    baseUrl: outer.baseUrl,
    path: `/v1.0/${pathPart}`,
    query,
    headers,
    ...(bodyText !== undefined ? { bodyText } : {}),
  };
}

/** Graph spells header names in batch answers the way HTTP/1.1 shows them. */
function batchHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = { "Cache-Control": "no-cache" };
  for (const [name, value] of Object.entries(headers ?? {})) {
    out[
      name
        .split("-")
        .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
        .join("-")
    ] = value;
  }
  return out;
}

function answerPart(ctx: GraphContext, part: BatchPart, dispatch: GraphDispatcher): ServiceResponse {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(part.url)) return graphErrors.batchAbsoluteUrl();
  const req = innerRequest(ctx.req, part);
  if (segments(req.path).some((s) => s.toLowerCase() === "$batch")) return graphErrors.batchNested();
  // Each part meets throttling and faults on its own, as Graph evaluates batched requests individually.
  const fault = takeFault(ctx.world.knobs, "graph", req.method, req.path);
  if (fault) {
    // A dropped connection cannot happen inside a batch; GUESS: the part times out at the gateway instead.
    const status = fault.networkDrop ? 504 : (fault.status ?? 500);
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    return fault.body !== undefined && !fault.networkDrop ? json(status, fault.body, headers) : faultResponse("graph", status, headers);
  }
  return dispatch(req);
}

/**
 * POST /$batch: up to 20 requests, each answered as {id, status, headers, body}; dependsOn runs requests in order and
 * fails dependents of a failed request with 424. The batch itself answers 200 once it parses.
 */
export function handleBatch(ctx: GraphContext, dispatch: GraphDispatcher): ServiceResponse {
  const body = readJsonObject(ctx.req);
  if (!body.ok) return body.response;
  const parts = readParts(body.value);
  if (!parts.ok) return parts.response;
  const order = executionOrder(parts.value);
  if (!order) return graphErrors.batchInvalid();

  const answers = new Map<string, BatchAnswer>();
  for (const part of order) {
    const dependencyFailed = part.dependsOn.some((d) => (answers.get(key(d))?.status ?? 0) >= 400);
    const response = dependencyFailed ? graphErrors.batchFailedDependency() : answerPart(ctx, part, dispatch);
    const answer: BatchAnswer = { id: part.id, status: response.status, headers: batchHeaders(response.headers) };
    if (response.body !== undefined) answer.body = response.body;
    answers.set(key(part.id), answer);
  }
  return json(200, { responses: parts.value.map((p) => answers.get(key(p.id))!) });
}
