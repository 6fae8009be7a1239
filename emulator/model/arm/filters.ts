import type { ServiceRequest } from "../core/http";
import { queryValue } from "./apiVersions";

/**
 * The few OData-style $filter clauses Microsoft.Authorization understands, joined by "and":
 * atScope(), principalId eq '{id}', assignedTo('{id}') for role assignments; roleName eq '{name}', type eq '{type}'
 * for role definitions. Quotes inside a value are doubled, as OData escapes them.
 */
export type FilterClause =
  | { kind: "atScope" }
  | { kind: "principalId"; value: string }
  | { kind: "assignedTo"; value: string }
  | { kind: "roleName"; value: string }
  | { kind: "type"; value: string };

const QUOTED = "'((?:[^']|'')*)'";
const PATTERNS: Array<[RegExp, (value: string) => FilterClause]> = [
  [/^atScope\(\s*\)$/i, () => ({ kind: "atScope" })],
  [new RegExp(`^principalId\\s+eq\\s+${QUOTED}$`, "i"), (value) => ({ kind: "principalId", value })],
  [new RegExp(`^assignedTo\\(\\s*${QUOTED}\\s*\\)$`, "i"), (value) => ({ kind: "assignedTo", value })],
  [new RegExp(`^roleName\\s+eq\\s+${QUOTED}$`, "i"), (value) => ({ kind: "roleName", value })],
  [new RegExp(`^type\\s+eq\\s+${QUOTED}$`, "i"), (value) => ({ kind: "type", value })],
];

function parseClause(text: string): FilterClause | undefined {
  for (const [pattern, make] of PATTERNS) {
    const match = pattern.exec(text.trim());
    if (match) return make((match[1] ?? "").replace(/''/g, "'"));
  }
  return undefined;
}

export type ParsedFilter = { ok: true; text: string; clauses: FilterClause[] } | { ok: false; text: string };

/** The request's $filter split into clauses of the allowed kinds; not ok when any clause is of another kind. */
export function readFilter(req: ServiceRequest, allowed: ReadonlyArray<FilterClause["kind"]>): ParsedFilter {
  const text = queryValue(req, "$filter")?.trim() ?? "";
  if (text === "") return { ok: true, text, clauses: [] };
  const clauses = text.split(/\s+and\s+/i).map(parseClause);
  if (clauses.some((c) => c === undefined || !allowed.includes(c.kind))) return { ok: false, text };
  return { ok: true, text, clauses: clauses as FilterClause[] };
}
