import { isServiceError, parseErrorBody, parseRetryAfter } from "../../platform/http/serviceError";
import type { GraphClient } from "./graphClient";
import type { ApplicationRead, ApplicationWithOwners, GraphBatchResponse } from "./graphTypes";
import { inPool } from "../../platform/pool";

/** Graph's JSON batching limit (CONTRACTS.md §3). */
export const MAX_BATCH_REQUESTS = 20;
/** Graph's limit on the values of one `in` filter ("Max allowed: 15"). */
export const MAX_IDS_PER_FILTER = 15;
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

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/** One sub-request for up to 15 apps: `GET /applications?$filter=appId in (…)` with their owners expanded. */
export function appsByIdRequest(id: string, appIds: readonly string[]) {
  const filter = encodeURIComponent(`appId in (${appIds.map(odata).join(",")})`);
  return {
    id,
    method: "GET" as const,
    url: `/applications?$filter=${filter}&$select=${APP_READ_SELECT}&$expand=${encodeURIComponent(OWNERS_EXPAND)}`,
  };
}

/**
 * Reads many apps by client id (the inventory): 15 apps to a `$filter=appId in (…)` read with their owners expanded,
 * 20 reads to a $batch (300 apps per HTTP request), a few batches at a time. Reads answered 429/503/504 are asked
 * again in a later batch after their Retry-After (or a short backoff); an app absent from its read's answer is not in
 * this directory; a read refused or failed gives that outcome to each of its apps. Keys are the client ids in lower case.
 */
export async function readApplicationsInBatches(
  graph: Pick<GraphClient, "batch">,
  appIds: readonly string[],
  options: { sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
): Promise<Map<string, ApplicationRead>> {
  const results = new Map<string, ApplicationRead>();
  let pending = chunk([...new Set(appIds.map((id) => id.toLowerCase()))], MAX_IDS_PER_FILTER);
  for (let round = 1; pending.length > 0; round++) {
    const retry: Array<{ group: string[]; afterMs: number }> = [];
    await inPool(chunk(pending, MAX_BATCH_REQUESTS), BATCH_CONCURRENCY, async (groups) => {
      let answers: GraphBatchResponse[];
      try {
        answers = await graph.batch(
          groups.map((group, i) => appsByIdRequest(String(i + 1), group)),
          options.signal,
        );
      } catch (error) {
        // No token for the directory (Entra) is the caller's to handle; a batch Graph itself failed (after the HTTP
        // helper's own retries) leaves its apps unknown while the others still count.
        if (options.signal?.aborted || !isServiceError(error) || error.service !== "graph") throw error;
        for (const appId of groups.flat())
          results.set(appId, { status: "failed", httpStatus: error.status, code: error.code, message: error.message });
        return;
      }
      answers.forEach((answer, i) => {
        const group = groups[i]!;
        if ((RETRYABLE_PART.has(answer.status) || answer.status === 0) && round < BATCH_PART_ROUNDS) {
          const header = Object.entries(answer.headers).find(([name]) => name.toLowerCase() === "retry-after")?.[1] ?? null;
          retry.push({ group, afterMs: parseRetryAfter(header, Date.now()) ?? 500 * 2 ** (round - 1) });
        } else {
          for (const [appId, read] of readOutcomes(answer, group)) results.set(appId, read);
        }
      });
    });
    pending = retry.map((r) => r.group);
    if (pending.length > 0) await (options.sleep ?? defaultSleep)(Math.min(30_000, Math.max(...retry.map((r) => r.afterMs))));
  }
  return results;
}

function readOutcomes(answer: GraphBatchResponse, group: readonly string[]): Array<[string, ApplicationRead]> {
  if (answer.status === 200) {
    const value = (answer.body as { value?: unknown } | undefined)?.value;
    const apps = Array.isArray(value) ? (value as ApplicationWithOwners[]) : [];
    const byAppId = new Map(apps.filter((a) => typeof a?.appId === "string").map((a) => [a.appId.toLowerCase(), a]));
    return group.map((appId): [string, ApplicationRead] => {
      const app = byAppId.get(appId);
      return [
        appId,
        app
          ? { status: "found", app }
          : { status: "notFound", httpStatus: 404, code: "Request_ResourceNotFound", message: `No app with client ID ${appId}.` },
      ];
    });
  }
  const read = readOutcome(answer);
  return group.map((appId) => [appId, read]);
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
