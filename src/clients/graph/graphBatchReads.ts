import { isServiceError, parseErrorBody, parseRetryAfter } from "../../platform/http/serviceError";
import type { GraphClient } from "./graphClient";
import type { ApplicationRead, ApplicationWithOwners, GraphBatchResponse } from "./graphTypes";
import { inPool } from "../../platform/pool";

/** Graph's JSON batching limit (CONTRACTS.md §3). */
export const MAX_BATCH_REQUESTS = 20;
/** Batches in flight at once: enough to hide latency, few enough not to be throttled for concurrency. */
const BATCH_CONCURRENCY = 4;
/** Rounds of retrying the parts of a batch that were throttled or failed for a moment. */
const BATCH_PART_ROUNDS = 4;
const RETRYABLE_PART = new Set([429, 503, 504]);

/** What one read of an app asks for: its secrets and markers, and its owners in the same request. */
export const APP_READ_SELECT = "id,appId,displayName,signInAudience,notes,tags,passwordCredentials";
export const OWNERS_EXPAND = "owners($select=id,displayName,userPrincipalName)";

/** OData string literal: single quotes doubled. */
const odata = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Reads many apps by client id (the inventory): one GET per app with its owners expanded, 20 per batch, a few
 * batches at a time. Parts answered 429/503/504 are asked again in a later batch after their Retry-After (or a
 * short backoff); the others come back as what they are: found, not in this directory, not allowed, or failed.
 * Keys are the client ids in lower case.
 */
export async function readApplicationsInBatches(
  graph: Pick<GraphClient, "batch">,
  appIds: readonly string[],
  options: { sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
): Promise<Map<string, ApplicationRead>> {
  const unique = [...new Set(appIds.map((id) => id.toLowerCase()))];
  const results = new Map<string, ApplicationRead>();
  let pending = unique;
  for (let round = 1; pending.length > 0; round++) {
    const retry: Array<{ appId: string; afterMs: number }> = [];
    const chunks: string[][] = [];
    for (let i = 0; i < pending.length; i += MAX_BATCH_REQUESTS) chunks.push(pending.slice(i, i + MAX_BATCH_REQUESTS));
    await inPool(chunks, BATCH_CONCURRENCY, async (chunk) => {
      const requests = chunk.map((appId, i) => ({
        id: String(i + 1),
        method: "GET" as const,
        url: `/applications(appId=${odata(appId)})?$select=${APP_READ_SELECT}&$expand=${OWNERS_EXPAND}`,
      }));
      let answers: GraphBatchResponse[];
      try {
        answers = await graph.batch(requests, options.signal);
      } catch (error) {
        // No token for the directory (Entra) is the caller's to handle; a batch Graph itself failed (after the HTTP
        // helper's own retries) leaves its apps unknown while the others still count.
        if (options.signal?.aborted || !isServiceError(error) || error.service !== "graph") throw error;
        for (const appId of chunk)
          results.set(appId, { status: "failed", httpStatus: error.status, code: error.code, message: error.message });
        return;
      }
      answers.forEach((answer, i) => {
        const appId = chunk[i]!;
        if ((RETRYABLE_PART.has(answer.status) || answer.status === 0) && round < BATCH_PART_ROUNDS) {
          const header = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === "retry-after")?.[1] ?? null;
          retry.push({ appId, afterMs: parseRetryAfter(header, Date.now()) ?? 500 * 2 ** (round - 1) });
        } else {
          results.set(appId, readOutcome(answer));
        }
      });
    });
    pending = retry.map((r) => r.appId);
    if (pending.length > 0) await (options.sleep ?? defaultSleep)(Math.min(30_000, Math.max(...retry.map((r) => r.afterMs))));
  }
  return results;
}

function readOutcome(answer: GraphBatchResponse): ApplicationRead {
  if (answer.status === 200) return { status: "found", app: answer.body as ApplicationWithOwners };
  const { code, message } = parseErrorBody(answer.body);
  const status = answer.status === 404 ? "notFound" : answer.status === 403 ? "denied" : "failed";
  return {
    status,
    httpStatus: answer.status,
    code: code ?? `Http${answer.status}`,
    message: message ?? `Graph answered ${answer.status}.`,
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
