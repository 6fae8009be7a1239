import type { ApplicationWithOwners } from "../../clients/graph/graphTypes";
import { readAppMarker, readSecretMarker } from "../provisioning/markers";
import type { ConnectionFacts } from "./connectionFacts";
import { onRetiringIssuer } from "./federationIssuer";

/**
 * What Microsoft Graph says about a connection's app registration once the person is signed in: its secrets (and
 * which of them this connection uses, from the extension's markers), its owners, and whether this extension made it.
 * Everything here is pure, so the inventory's badges and summary are tested without a network.
 */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface SecretInfo {
  keyId: string;
  displayName: string | null;
  hint?: string | null;
  startDateTime: string;
  endDateTime: string;
  /**
   * Whether this connection uses it: "yes" when the extension's marker names the connection (or the run that created
   * it), "no" when it names something else, "unknown" for secrets without a marker.
   */
  usedByConnection: "yes" | "no" | "unknown";
}

export interface AppOwner {
  id: string;
  displayName: string;
  userPrincipalName?: string;
}

export interface AppInfo {
  objectId: string;
  appId: string;
  displayName: string;
  tags: string[];
  owners: AppOwner[];
  secrets: SecretInfo[];
  /** The app carries the extension's markers (azconn:managed). */
  managed: boolean;
  /** The markers name this connection: the extension created the app for it. */
  createdForConnection: boolean;
}

/** How far the hub could read the app: not yet (no sign-in), not at all (no access), or fully. */
export type AppAccess =
  | { state: "notSignedIn" }
  | { state: "notApplicable"; reason: string }
  | { state: "readable"; app: AppInfo }
  /** `signInTo`: the directory whose apps no token of the signed-in account reaches (another sign-in may read them). */
  | { state: "noAccess"; reason: string; signInTo?: string }
  | { state: "failed"; reason: string };

export type ExpiryKind = "expired" | "soon" | "ok" | "missing" | "unknown" | "notApplicable";

export interface SecretExpiry {
  kind: ExpiryKind;
  /** The latest end among the secrets the connection may use. */
  endDateTime?: string;
  /** Whole days left (negative once expired). */
  daysLeft?: number;
}

export type Badge = "expired" | "expiresSoon" | "federated" | "noAccess" | "retiringIssuer";

export const BADGE_LABELS: Record<Badge, string> = {
  expired: "Expired",
  expiresSoon: `Expires within ${EXPIRY_WARNING_DAYS} days`,
  federated: "Federated",
  noAccess: "No access to the app",
  // Short enough for the table's badge column; the details panel says when it retires and what to do.
  retiringIssuer: "Azure DevOps issuer",
};

/** The app as Graph answered it, with each secret's use by this connection read from the markers. */
export function appInfo(app: ApplicationWithOwners, connectionId: string): AppInfo {
  const marker = readAppMarker(app.tags);
  const ours = new Set([connectionId.toLowerCase(), ...(marker.runId ? [marker.runId.toLowerCase()] : [])]);
  const secrets: SecretInfo[] = (app.passwordCredentials ?? []).map((p) => {
    const secretMarker = readSecretMarker(p.displayName)?.toLowerCase();
    return {
      keyId: p.keyId,
      displayName: p.displayName,
      ...(p.hint !== undefined ? { hint: p.hint } : {}),
      startDateTime: p.startDateTime,
      endDateTime: p.endDateTime,
      usedByConnection: secretMarker === undefined ? "unknown" : ours.has(secretMarker) ? "yes" : "no",
    };
  });
  const createdForConnection = marker.managed && marker.connectionIds.some((id) => id.toLowerCase() === connectionId.toLowerCase());
  return {
    objectId: app.id,
    appId: app.appId,
    displayName: app.displayName,
    tags: app.tags ?? [],
    owners: (app.owners ?? []).map((o) => ({
      id: o.id,
      displayName: o.displayName ?? o.userPrincipalName ?? o.id,
      ...(o.userPrincipalName ? { userPrincipalName: o.userPrincipalName } : {}),
    })),
    secrets,
    managed: marker.managed,
    createdForConnection,
  };
}

/**
 * The secrets the connection may be using: those marked for it, else (no marker for it) every secret not marked for
 * something else. Which unmarked secret a connection holds cannot be read back from Azure DevOps.
 */
export function candidateSecrets(app: AppInfo): SecretInfo[] {
  const marked = app.secrets.filter((s) => s.usedByConnection === "yes");
  return marked.length > 0 ? marked : app.secrets.filter((s) => s.usedByConnection === "unknown");
}

/** When the connection's secret stops working: the latest end among its candidate secrets. */
export function secretExpiry(facts: ConnectionFacts, access: AppAccess, now: number): SecretExpiry {
  if (facts.authKind !== "secret") return { kind: "notApplicable" };
  if (access.state !== "readable") return { kind: "unknown" };
  const candidates = candidateSecrets(access.app);
  if (candidates.length === 0) return { kind: "missing" };
  const latest = candidates.reduce((a, b) => (Date.parse(b.endDateTime) > Date.parse(a.endDateTime) ? b : a));
  const left = Date.parse(latest.endDateTime) - now;
  const daysLeft = Math.floor(left / DAY_MS);
  const kind: ExpiryKind = left <= 0 ? "expired" : left <= EXPIRY_WARNING_DAYS * DAY_MS ? "soon" : "ok";
  return { kind, endDateTime: latest.endDateTime, daysLeft };
}

export function badgesOf(facts: ConnectionFacts, access: AppAccess, expiry: SecretExpiry): Badge[] {
  const badges: Badge[] = [];
  if (expiry.kind === "expired") badges.push("expired");
  if (expiry.kind === "soon") badges.push("expiresSoon");
  if (facts.authKind === "federated") badges.push("federated");
  if (onRetiringIssuer(facts.federation, facts.environment)) badges.push("retiringIssuer");
  if (access.state === "noAccess") badges.push("noAccess");
  return badges;
}

/** "in 10 days", "today", "3 days ago". */
export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft > 0) return daysLeft === 1 ? "in 1 day" : `in ${daysLeft} days`;
  return daysLeft === -1 ? "1 day ago" : `${-daysLeft} days ago`;
}

export interface InventorySummary {
  total: number;
  expiringSoon: number;
  expired: number;
  federated: number;
  noAccess: number;
  /** One line for the top of the tab. */
  text: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "7 Azure Resource Manager connections". */
export const connectionCount = (n: number) => plural(n, "Azure Resource Manager connection", "Azure Resource Manager connections");

export function summarize(rows: ReadonlyArray<{ badges: readonly Badge[] }>, credentialsRead: boolean): InventorySummary {
  const count = (badge: Badge) => rows.filter((r) => r.badges.includes(badge)).length;
  const summary = {
    total: rows.length,
    expiringSoon: count("expiresSoon"),
    expired: count("expired"),
    federated: count("federated"),
    noAccess: count("noAccess"),
  };
  const parts = [connectionCount(summary.total)];
  if (credentialsRead) {
    parts.push(`${plural(summary.expiringSoon, "secret expires", "secrets expire")} within ${EXPIRY_WARNING_DAYS} days`);
    if (summary.expired > 0) parts.push(`${plural(summary.expired, "secret has", "secrets have")} expired`);
    if (summary.noAccess > 0) parts.push(`${plural(summary.noAccess, "app", "apps")} you cannot read`);
  } else {
    parts.push("sign in to read when their secrets expire");
  }
  const retiring = count("retiringIssuer");
  if (retiring > 0) parts.push(`${plural(retiring, "connection", "connections")} to move to the Entra issuer`);
  return { ...summary, text: parts.join(" · ") };
}
