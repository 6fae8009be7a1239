import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import { isGuid, type ExpiryIndex } from "./expiryIndex";

/**
 * The widget's join: the connections the viewer's own Azure DevOps call returned, with the index's reading for each.
 * The index only adds dates to connections the viewer can already see; an entry for any other id is never shown, and
 * an entry whose app id no longer matches the connection (rotated to another app, or tampered with) is not trusted.
 */
export const DEFAULT_THRESHOLD_DAYS = 30;
export const MIN_THRESHOLD_DAYS = 1;
export const MAX_THRESHOLD_DAYS = 365;
/** A reading older than this may be out of date: the widget says so next to it. */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

export type ExpiryState = "expired" | "expiring";

export interface ExpiringConnection {
  connectionId: string;
  /** From the viewer's own call, not from the index. */
  name: string;
  state: ExpiryState;
  endDateTime: string;
  /** Whole days left (negative once expired). */
  daysLeft: number;
  readAt: string;
  readByName: string;
  /** The reading is older than STALE_AFTER_DAYS. */
  stale: boolean;
  /** Whole days since the reading. */
  readDaysAgo: number;
}

export interface ExpiringSummary {
  /** Expired first, then soonest to expire. */
  expiring: ExpiringConnection[];
  /** Connections the viewer can see. */
  visible: number;
  /** Secret connections of the viewer's with no (usable) reading in the index: the hub has not read them yet. */
  unread: number;
  /** Index entries dropped as malformed, or not matching their connection. */
  ignored: number;
}

/** The app id a connection with a service principal names (absent for managed identities without one). */
function connectionAppId(connection: ServiceConnection): string | undefined {
  const id = connection.authorization?.parameters?.["serviceprincipalid"];
  return typeof id === "string" && isGuid(id) ? id.toLowerCase() : undefined;
}

/** Only a client secret expires; federated and managed-identity connections have no secret to warn about. */
function usesSecret(connection: ServiceConnection): boolean {
  const scheme = connection.authorization?.scheme?.toLowerCase();
  const type = connection.authorization?.parameters?.["authenticationType"]?.toLowerCase();
  return scheme === "serviceprincipal" && (type === undefined || type === "spnkey");
}

export function joinExpiringConnections(
  connections: readonly ServiceConnection[],
  index: ExpiryIndex,
  thresholdDays: number,
  now: number,
): ExpiringSummary {
  const threshold = clampThreshold(thresholdDays);
  const expiring: ExpiringConnection[] = [];
  let unread = 0;
  let mismatched = 0;
  const seen = new Set<string>();
  for (const connection of connections) {
    if (!isGuid(connection.id) || seen.has(connection.id.toLowerCase()) || !usesSecret(connection)) continue;
    const id = connection.id.toLowerCase();
    seen.add(id);
    const entry = index.entries.get(id);
    if (!entry) {
      unread++;
      continue;
    }
    if (entry.appId !== connectionAppId(connection)) {
      mismatched++;
      unread++;
      continue;
    }
    const left = Date.parse(entry.endDateTime) - now;
    if (left > threshold * DAY_MS) continue;
    const readDaysAgo = Math.max(0, Math.floor((now - Date.parse(entry.readAt)) / DAY_MS));
    expiring.push({
      connectionId: id,
      name: connection.name,
      state: left <= 0 ? "expired" : "expiring",
      endDateTime: entry.endDateTime,
      daysLeft: Math.floor(left / DAY_MS),
      readAt: entry.readAt,
      readByName: entry.readBy.displayName,
      stale: readDaysAgo >= STALE_AFTER_DAYS,
      readDaysAgo,
    });
  }
  expiring.sort((a, b) => Date.parse(a.endDateTime) - Date.parse(b.endDateTime) || a.name.localeCompare(b.name));
  return { expiring, visible: seen.size, unread, ignored: index.ignored + mismatched };
}

export function clampThreshold(days: number): number {
  if (!Number.isFinite(days)) return DEFAULT_THRESHOLD_DAYS;
  return Math.min(MAX_THRESHOLD_DAYS, Math.max(MIN_THRESHOLD_DAYS, Math.round(days)));
}

/** The widget's settings as saved by its configuration: `{"days": 30}`. Anything else reads as the default. */
export interface WidgetOptions {
  thresholdDays: number;
}

export function parseWidgetOptions(data: unknown): WidgetOptions {
  if (typeof data !== "string" || data.length === 0 || data.length > 1000) return { thresholdDays: DEFAULT_THRESHOLD_DAYS };
  try {
    const parsed: unknown = JSON.parse(data);
    const days = typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>)["days"] : undefined;
    return {
      thresholdDays:
        typeof days === "number" && Number.isInteger(days) && days >= MIN_THRESHOLD_DAYS && days <= MAX_THRESHOLD_DAYS
          ? days
          : DEFAULT_THRESHOLD_DAYS,
    };
  } catch {
    return { thresholdDays: DEFAULT_THRESHOLD_DAYS };
  }
}

export const serializeWidgetOptions = (options: WidgetOptions) => JSON.stringify({ days: options.thresholdDays });

/** "in 10 days", "today", "3 days ago". */
export function describeDays(days: number): string {
  if (days === 0) return "today";
  if (days > 0) return days === 1 ? "in 1 day" : `in ${days} days`;
  return days === -1 ? "1 day ago" : `${-days} days ago`;
}
