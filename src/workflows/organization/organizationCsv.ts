import type { OrganizationRow } from "./organizationInventory";

/**
 * The organization table as CSV (RFC 4180): names, ids, scopes, expiry, owners and projects. Never a secret: the rows
 * hold none, and only the columns below are written. A cell a spreadsheet would run as a formula (starting with = + -
 * @, or a tab or carriage return) is prefixed with a single quote (OWASP "CSV Injection").
 */
export const CSV_COLUMNS = [
  "Connection",
  "Connection ID",
  "Projects",
  "Scope",
  "ARM scope",
  "Authentication",
  "Client ID",
  "Directory (tenant) ID",
  "Secret expires",
  "Expiry status",
  "App owners",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralized if a spreadsheet would evaluate it, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function expiryStatus(row: OrganizationRow): string {
  switch (row.expiry.kind) {
    case "expired":
      return "Expired";
    case "soon":
      return "Expires soon";
    case "ok":
      return "OK";
    case "missing":
      return "No secret";
    case "notApplicable":
      return "No secret (not a secret connection)";
    case "unknown":
      return row.access.state === "notSignedIn" ? "Not read (sign in)" : "Not read";
  }
}

function owners(row: OrganizationRow): string {
  if (row.access.state !== "readable") return "";
  return row.access.app.owners.map((o) => (o.userPrincipalName ? `${o.displayName} <${o.userPrincipalName}>` : o.displayName)).join("; ");
}

export function organizationCsv(rows: readonly OrganizationRow[]): string {
  const lines = rows.map((row) =>
    [
      row.facts.name,
      row.facts.id,
      row.projects.map((p) => p.name).join("; "),
      row.facts.scopeDescription,
      row.facts.armScope ?? "",
      row.facts.authLabel,
      row.facts.clientId ?? "",
      row.facts.tenantId ?? "",
      row.expiry.endDateTime ?? "",
      expiryStatus(row),
      owners(row),
    ]
      .map(csvCell)
      .join(","),
  );
  // CRLF line ends, as RFC 4180 writes them.
  return [CSV_COLUMNS.join(","), ...lines].join("\r\n") + "\r\n";
}
