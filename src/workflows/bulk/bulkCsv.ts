import { describeScope } from "../provisioning/scope";
import type { BulkRow } from "./bulkRun";

const HEADER = ["Connection name", "Connection ID", "App registration name", "Application (client) ID", "Scope", "Role", "Status"];

/**
 * The connections of a bulk run as CSV (RFC 4180): names and ids only, never a secret. A cell that a spreadsheet would
 * read as a formula (=, +, -, @) is prefixed with an apostrophe: names come from Azure, where anyone may type them.
 */
export function bulkCsv(rows: readonly BulkRow[]): string {
  const lines = rows.map((row) => [
    row.connectionName,
    row.created.endpointId ?? "",
    row.appName,
    row.created.appId ?? "",
    describeScope(row.scope),
    row.roleName,
    row.status === "succeeded" ? (row.created.verified === true ? "verified" : "not verified") : row.status,
  ]);
  return [HEADER, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
