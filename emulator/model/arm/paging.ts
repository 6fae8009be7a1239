import type { ServiceRequest, ServiceResponse } from "../core/http";
import { invalidSkipToken } from "./errors";

/**
 * ARM lists page by an absolute link that carries an opaque $skiptoken. Guess: Azure's page sizes are not public and
 * vary by service; one fixed size keeps paging visible in tests (10,000 subscriptions are 100 pages).
 */
export const PAGE_SIZE = 100;

const SKIP_TOKEN_NAMES = ["$skiptoken"];

export interface Page<T> {
  items: T[];
  /** Where the next page starts, when there is one. */
  nextStart?: number;
}

/**
 * One page of the items that pass `include`, scanning from `start`: the work is the page plus the items it skips,
 * never the whole list, which keeps a 10,000-subscription tenant fast. The next page starts at the next included item,
 * so the last page never carries a link to an empty one.
 */
export function scanPage<T>(items: readonly T[], start: number, size: number, include: (item: T) => boolean): Page<T> {
  const page: T[] = [];
  let i = start;
  for (; i < items.length && page.length < size; i++) {
    const item = items[i] as T;
    if (include(item)) page.push(item);
  }
  for (; i < items.length; i++) {
    if (include(items[i] as T)) return { items: page, nextStart: i };
  }
  return { items: page };
}

function encodeSkipToken(start: number): string {
  return Buffer.from(`aiab:${start}`, "utf8").toString("base64url");
}

/** Where this request's page starts: 0 without a $skiptoken, or an error for a token this emulator did not hand out. */
export function pageStart(req: ServiceRequest): { ok: true; start: number } | { ok: false; response: ServiceResponse } {
  let token: string | undefined;
  for (const [key, value] of req.query) if (SKIP_TOKEN_NAMES.includes(key.toLowerCase())) token = value;
  if (token === undefined) return { ok: true, start: 0 };
  const match = /^aiab:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) return { ok: false, response: invalidSkipToken(token) };
  return { ok: true, start: Number(match[1]) };
}

/** The absolute link to the page starting at `start`: the same URL with every other query parameter kept. */
export function nextLink(req: ServiceRequest, start: number): string {
  const parts: string[] = [];
  for (const [key, value] of req.query) {
    if (!SKIP_TOKEN_NAMES.includes(key.toLowerCase())) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  parts.push(`${encodeURIComponent("$skiptoken")}=${encodeSkipToken(start)}`);
  return `${req.baseUrl}${req.path}?${parts.join("&")}`;
}

/** The list body most ARM lists answer: value plus nextLink only when there is a next page. */
export function listBody<T>(req: ServiceRequest, page: Page<T>, render: (item: T) => unknown): Record<string, unknown> {
  const body: Record<string, unknown> = { value: page.items.map(render) };
  if (page.nextStart !== undefined) body["nextLink"] = nextLink(req, page.nextStart);
  return body;
}
