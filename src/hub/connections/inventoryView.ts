import { BADGE_LABELS, describeDaysLeft, type Badge } from "../../workflows/connections/credentialStatus";
import type { InventoryRow } from "../../workflows/connections/inventory";

/** How the Connections tab shows, filters and sorts inventory rows; pure, so the table's rules are tested alone. */

export type ShowFilter = "all" | "attention" | Badge | "createdByExtension" | "shared";

export const SHOW_FILTERS: Array<{ id: ShowFilter; text: string }> = [
  { id: "all", text: "All connections" },
  { id: "attention", text: "Needs attention" },
  { id: "expired", text: BADGE_LABELS.expired },
  { id: "expiresSoon", text: BADGE_LABELS.expiresSoon },
  { id: "federated", text: BADGE_LABELS.federated },
  { id: "noAccess", text: BADGE_LABELS.noAccess },
  { id: "retiringIssuer", text: "On the Azure DevOps issuer" },
  { id: "createdByExtension", text: "Created by this extension" },
  { id: "shared", text: "Shared with other projects" },
];

export function secretExpiryText(row: InventoryRow): string {
  switch (row.expiry.kind) {
    case "notApplicable":
      return row.facts.authKind === "federated" ? "No secret (federated)" : "—";
    case "unknown":
      if (row.access.state === "noAccess" && row.access.signInTo) return `Sign in to ${row.access.signInTo} to read`;
      return row.access.state === "notSignedIn" ? "Sign in to read" : row.access.state === "noAccess" ? "Cannot read the app" : "Not read";
    case "missing":
      return "The app has no secret";
    default: {
      const date = row.expiry.endDateTime!.slice(0, 10);
      const days = describeDaysLeft(row.expiry.daysLeft ?? 0);
      return row.expiry.kind === "expired" ? `Expired ${days} (${date})` : `${date} (${days})`;
    }
  }
}

export function ownersText(row: InventoryRow): string {
  if (row.access.state !== "readable") return "—";
  const owners = row.access.app.owners;
  return owners.length === 0 ? "No owners" : owners.map((o) => o.displayName).join(", ");
}

export function createdText(row: InventoryRow): string {
  return row.createdByExtension === true ? "Yes" : row.createdByExtension === false ? "No" : "Unknown";
}

export function sharedText(row: InventoryRow): string {
  return row.facts.sharedWith.length === 0 ? "This project only" : row.facts.sharedWith.map((p) => p.name).join(", ");
}

export function scopeText(row: InventoryRow): string {
  const level =
    row.facts.scopeLevel === "AzureMLWorkspace"
      ? "ML workspace"
      : row.facts.scopeLevel === "ManagementGroup"
        ? "Management group"
        : row.facts.scopeLevel;
  return row.facts.scopeName ? `${level}: ${row.facts.scopeName}` : level;
}

export function matchesFilter(row: InventoryRow, text: string, show: ShowFilter): boolean {
  const words = text.trim().toLowerCase();
  if (words) {
    const haystack = [row.facts.name, row.facts.clientId ?? "", row.facts.scopeName, row.facts.authLabel, ownersText(row), sharedText(row)]
      .join(" ")
      .toLowerCase();
    if (!words.split(/\s+/).every((w) => haystack.includes(w))) return false;
  }
  switch (show) {
    case "all":
      return true;
    case "attention":
      return row.badges.some((b) => b === "expired" || b === "expiresSoon" || b === "noAccess" || b === "retiringIssuer");
    case "createdByExtension":
      return row.createdByExtension === true;
    case "shared":
      return row.facts.sharedWith.length > 0;
    default:
      return row.badges.includes(show);
  }
}

export type SortKey = "name" | "scope" | "auth" | "expiry" | "created";

/** Rows without a known expiry sort after every dated one, in either direction. */
const expiryValue = (row: InventoryRow) => (row.expiry.endDateTime ? Date.parse(row.expiry.endDateTime) : Number.POSITIVE_INFINITY);

const COMPARE: Record<SortKey, (a: InventoryRow, b: InventoryRow) => number> = {
  name: (a, b) => a.facts.name.localeCompare(b.facts.name),
  scope: (a, b) => scopeText(a).localeCompare(scopeText(b)),
  auth: (a, b) => a.facts.authLabel.localeCompare(b.facts.authLabel),
  expiry: (a, b) => expiryValue(a) - expiryValue(b),
  created: (a, b) => createdText(a).localeCompare(createdText(b)),
};

export function sortRows(rows: readonly InventoryRow[], key: SortKey, descending: boolean): InventoryRow[] {
  const compare = COMPARE[key];
  return [...rows].sort((a, b) => {
    if (key === "expiry") {
      const [x, y] = [expiryValue(a), expiryValue(b)];
      if (x === Infinity || y === Infinity) return x === y ? COMPARE.name(a, b) : x === Infinity ? 1 : -1;
    }
    const order = compare(a, b) || COMPARE.name(a, b);
    return descending ? -order : order;
  });
}
