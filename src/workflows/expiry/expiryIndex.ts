import type { DocumentStore } from "../../clients/devops/devopsTypes";
import { CONTROL } from "../provisioning/validation";

/**
 * The expiry index: what the hub last read from Microsoft Graph about each connection's secret, kept so the dashboard
 * widget can warn about expiring secrets without signing in. It is NON-SECRET by design (ids, a date, who read it) and
 * lives in Default-scope extension data, one collection per project, one document per connection.
 *
 * Default scope has no per-key permission check: any user of the extension can write any document here
 * (CONTRACTS.md §2.6). So every document read back is untrusted input. `readExpiryIndex` validates each one strictly
 * and drops what does not fit; readers only display what survives, and never act on it.
 *
 * Writers (the hub, through `recordExpiryQuietly` so a failed write never fails the flow): after a provisioning run
 * succeeds (endpoint id, app id, the secret's end date), after a rotation succeeds (the new secret's end date), and
 * after the Connections tab reads Graph (`observationsFromInventory`). `forgetExpiry` after a deletion or a
 * conversion to federation. The reader is the Azure DevOps user (SDK.getUser(): id and display name).
 */

/** Extension data has only Default (organization) and User scopes, so the project lives in the collection's name. */
export const expiryIndexCollection = (projectId: string) => `expiry-index-${projectId.toLowerCase()}`;

/** The version of the document shape; a reader ignores shapes it does not know. */
export const EXPIRY_INDEX_SCHEMA = 1;

/** More documents than this is not an index the hub wrote for one project: read no further than this many. */
export const MAX_INDEX_DOCUMENTS = 500;
/** Display names longer than this are cut (Entra allows 256 characters). */
export const MAX_DISPLAY_NAME_LENGTH = 256;
/** A reading dated further in the future than this (clock skew) is not believable. */
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;
/** Client secrets last at most a couple of years by policy; allow generous room, but not "year 9999". */
const MAX_END_YEARS_AHEAD = 100;

/** One connection's secret expiry as the hub read it from Graph. */
export interface ExpiryObservation {
  /** The service connection (endpoint) id. */
  connectionId: string;
  /** The app registration's application (client) id the connection uses. */
  appId: string;
  /** When the secret the connection uses stops working (ISO 8601, as Graph gives it). */
  endDateTime: string;
}

/** Who read it: the Azure DevOps user whose hub session wrote the entry. */
export interface ExpiryReader {
  id: string;
  displayName: string;
}

/** An index document as stored, and as it comes out of validation. */
export interface ExpiryIndexEntry extends ExpiryObservation {
  /** When the hub read the value from Graph (ISO 8601). */
  readAt: string;
  readBy: ExpiryReader;
}

interface ExpiryIndexDocument extends ExpiryIndexEntry {
  /** The document id is the connection id, so each connection has at most one entry. */
  id: string;
  schema: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Graph's form ("2027-01-31T10:00:00Z", with up to 7 fractional digits) and toISOString's; no offsets, no date-only.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
// Control characters (C0, C1, bidi marks and overrides) have no place in a display name and can disguise text: the
// same set the guided form refuses in names.
const CONTROL_CHARACTERS = new RegExp(CONTROL.source, "gu");

export const isGuid = (value: unknown): value is string => typeof value === "string" && GUID.test(value);

function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && value.length <= 40 && ISO_UTC.test(value) && Number.isFinite(Date.parse(value));
}

function cleanDisplayName(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const cleaned = value.replace(CONTROL_CHARACTERS, "").trim();
  if (cleaned.length === 0) return undefined;
  return cleaned.length > MAX_DISPLAY_NAME_LENGTH ? `${cleaned.slice(0, MAX_DISPLAY_NAME_LENGTH - 1)}…` : cleaned;
}

/**
 * One document, checked field by field; undefined when anything does not fit. Only own, plain-data fields are read
 * and a fresh object is built, so nothing else a writer put in the document (prototype tricks, extra fields) survives.
 */
export function validateExpiryDocument(raw: unknown, now: number): ExpiryIndexEntry | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const doc = raw as Record<string, unknown>;
  const own = (key: string): unknown => (Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined);
  if (own("schema") !== EXPIRY_INDEX_SCHEMA) return undefined;
  const id = own("id");
  const connectionId = own("connectionId");
  const appId = own("appId");
  const endDateTime = own("endDateTime");
  const readAt = own("readAt");
  const readByRaw = own("readBy");
  if (!isGuid(id) || !isGuid(connectionId) || id.toLowerCase() !== connectionId.toLowerCase()) return undefined;
  if (!isGuid(appId) || !isIsoDate(endDateTime) || !isIsoDate(readAt)) return undefined;
  // A reading from the future was not made by a hub; an end date centuries away is not a real secret.
  if (Date.parse(readAt) > now + FUTURE_TOLERANCE_MS) return undefined;
  if (Date.parse(endDateTime) > now + MAX_END_YEARS_AHEAD * 365 * 86_400_000) return undefined;
  if (typeof readByRaw !== "object" || readByRaw === null || Array.isArray(readByRaw)) return undefined;
  const readBy = readByRaw as Record<string, unknown>;
  const readerId = Object.prototype.hasOwnProperty.call(readBy, "id") ? readBy["id"] : undefined;
  const readerName = cleanDisplayName(Object.prototype.hasOwnProperty.call(readBy, "displayName") ? readBy["displayName"] : undefined);
  if (!isGuid(readerId) || readerName === undefined) return undefined;
  return {
    connectionId: connectionId.toLowerCase(),
    appId: appId.toLowerCase(),
    endDateTime,
    readAt,
    readBy: { id: readerId.toLowerCase(), displayName: readerName },
  };
}

/** What reading the index gave: the entries that passed validation, by connection id, and how many did not. */
export interface ExpiryIndex {
  entries: Map<string, ExpiryIndexEntry>;
  /** Documents dropped as malformed (or beyond the cap); shown only as a count. */
  ignored: number;
}

/** Reads and validates the project's index. A project the hub never wrote an index for reads as empty. */
export async function readExpiryIndex(
  store: Pick<DocumentStore, "list">,
  projectId: string,
  now: number = Date.now(),
): Promise<ExpiryIndex> {
  if (!isGuid(projectId)) throw new Error(`Reading the expiry index: "${projectId}" is not a project id.`);
  const listed: unknown = await store.list<unknown>(expiryIndexCollection(projectId));
  const documents = Array.isArray(listed) ? listed : [];
  const entries = new Map<string, ExpiryIndexEntry>();
  let ignored = Math.max(0, documents.length - MAX_INDEX_DOCUMENTS);
  for (const raw of documents.slice(0, MAX_INDEX_DOCUMENTS)) {
    const entry = validateExpiryDocument(raw, now);
    if (!entry || entries.has(entry.connectionId)) {
      ignored++;
      continue;
    }
    entries.set(entry.connectionId, entry);
  }
  return { entries, ignored };
}

/**
 * Writes what the hub just read: one document per connection, overwriting the previous reading. Called whenever
 * the hub creates, rotates or reads a connection's secret. Observations that would not pass `readExpiryIndex`'s
 * validation are not written (so a bug here cannot produce entries every reader discards). Writes are sequential: an
 * index refresh is a handful of documents, and extension data throttles bursts.
 */
export async function recordExpiry(
  store: Pick<DocumentStore, "put">,
  projectId: string,
  entries: readonly ExpiryObservation[],
  reader: ExpiryReader,
  now: number = Date.now(),
): Promise<{ written: number; skipped: number }> {
  if (!isGuid(projectId)) throw new Error(`Recording secret expiry: "${projectId}" is not a project id.`);
  const readAt = new Date(now).toISOString();
  let written = 0;
  let skipped = 0;
  for (const observation of entries.slice(0, MAX_INDEX_DOCUMENTS)) {
    const candidate = {
      id: observation.connectionId,
      schema: EXPIRY_INDEX_SCHEMA,
      connectionId: observation.connectionId,
      appId: observation.appId,
      // Graph may answer with 7 fractional digits or none; normalise so every reader sees one form.
      endDateTime: isIsoDate(observation.endDateTime)
        ? new Date(Date.parse(observation.endDateTime)).toISOString()
        : observation.endDateTime,
      readAt,
      readBy: { id: reader.id, displayName: reader.displayName },
    };
    // What is stored is what validation gives back (lower-case ids, a cleaned name): the writer and every reader agree.
    const valid = validateExpiryDocument(candidate, now);
    if (!valid) {
      skipped++;
      continue;
    }
    const document: ExpiryIndexDocument = { id: valid.connectionId, schema: EXPIRY_INDEX_SCHEMA, ...valid };
    await store.put(expiryIndexCollection(projectId), document);
    written++;
  }
  return { written, skipped: skipped + Math.max(0, entries.length - MAX_INDEX_DOCUMENTS) };
}

/**
 * `recordExpiry` for the hub's flows, where the index is a convenience for the dashboard: a failure to write it must
 * never fail the creation, rotation or inventory read that triggered it. The outcome comes back as a value.
 */
export async function recordExpiryQuietly(
  store: Pick<DocumentStore, "put">,
  projectId: string,
  entries: readonly ExpiryObservation[],
  reader: ExpiryReader,
  now: number = Date.now(),
): Promise<{ written: number; skipped: number } | { failed: string }> {
  try {
    return await recordExpiry(store, projectId, entries, reader, now);
  } catch (error) {
    return { failed: String((error as { message?: unknown })?.message ?? error) };
  }
}

/**
 * Drops a connection's entry once the connection is deleted or no longer uses a secret (converted to federation).
 * Not required for correctness (the widget shows only connections that still exist and use a secret), only tidiness;
 * like recording, it never fails the flow that calls it.
 */
export async function forgetExpiry(
  store: Pick<DocumentStore, "delete">,
  projectId: string,
  connectionId: string,
): Promise<{ forgotten: boolean } | { failed: string }> {
  if (!isGuid(projectId) || !isGuid(connectionId)) return { forgotten: false };
  try {
    await store.delete(expiryIndexCollection(projectId), connectionId.toLowerCase());
    return { forgotten: true };
  } catch (error) {
    // A missing document is already forgotten.
    if ((error as { status?: number })?.status === 404) return { forgotten: true };
    return { failed: String((error as { message?: unknown })?.message ?? error) };
  }
}
