import { noContent, type ServiceResponse } from "../core/http";
import type { State } from "../state";
import { respond, respondList } from "./conventions";
import { param, type DevopsContext } from "./context";
import { asRecord, asString } from "./endpointBody";
import { badRequest, conflict, notFound } from "./errors";
import { readJsonBody } from "./requestBody";

/**
 * Extension data as ExtensionManagement REST serves it to the host's ExtensionDataManager:
 * …/_apis/ExtensionManagement/InstalledExtensions/{publisher}/{extension}/Data/Scopes/{scopeType}/{scopeValue}/Collections/{collection}/Documents[/{id}]
 * Settings (getValue/setValue) are documents of the "$settings" collection written with __etag -1.
 * Documents live in state.devops.extensionData under "scopeType/scopeValue/collection" (one extension is installed).
 * The real service sits on extmgmt.dev.azure.com; the emulated host calls it under the organization root.
 *
 * GUESSES (statuses and texts): a missing document or collection is 404; creating an existing id is 409; a write
 * whose __etag is neither the current version nor -1 is 409 (a write to an existing document without __etag too).
 */
type Doc = Record<string, unknown> & { id: string; __etag: number };

function scopeKey(ctx: DevopsContext): { key: string; collection: string } | ServiceResponse {
  const scopeType = param(ctx, "scopeType").toLowerCase();
  const scopeValue = param(ctx, "scopeValue");
  const collection = param(ctx, "collection");
  if (scopeType === "default")
    return { key: `Default/${scopeValue.toLowerCase() === "current" ? "Current" : scopeValue}/${collection}`, collection };
  if (scopeType === "user") {
    // "Me" is whoever calls; the model has one Azure DevOps user.
    const user = scopeValue.toLowerCase() === "me" ? ctx.world.state.devops.user.id : scopeValue;
    return { key: `User/${user}/${collection}`, collection };
  }
  return badRequest(`Scope type '${param(ctx, "scopeType")}' is not supported; use Default or User.`);
}

function collectionOf(state: State, key: string, create: boolean): Record<string, Record<string, unknown>> | undefined {
  const existing = state.devops.extensionData[key];
  if (existing || !create) return existing;
  const fresh: Record<string, Record<string, unknown>> = {};
  state.devops.extensionData[key] = fresh;
  return fresh;
}

function documentMissing(id: string, collection: string): ServiceResponse {
  return notFound("DocumentDoesNotExistException", `The document '${id}' does not exist in collection '${collection}'.`);
}

function versionOf(doc: Record<string, unknown>): number {
  return typeof doc["__etag"] === "number" ? doc["__etag"] : 0;
}

/** A write may go ahead when it names the current version, or -1 ("overwrite whatever is there"). */
function checkVersion(current: Record<string, unknown>, incoming: Record<string, unknown>, id: string): ServiceResponse | undefined {
  const etag = incoming["__etag"];
  if (etag === -1 || etag === versionOf(current)) return undefined;
  return conflict(
    "InvalidDocumentVersionException",
    `The document '${id}' is at version ${versionOf(current)}, not ${String(etag ?? "(none)")}. Read it again and retry.`,
  );
}

function readDocument(ctx: DevopsContext): { ok: true; doc: Record<string, unknown> } | { ok: false; response: ServiceResponse } {
  const read = readJsonBody(ctx);
  if (!read.ok) return read;
  const doc = asRecord(read.body);
  if (!doc) return { ok: false, response: badRequest("The document must be a JSON object.") };
  if (doc["id"] !== undefined && typeof doc["id"] !== "string")
    return { ok: false, response: badRequest("A document id must be a string.") };
  return { ok: true, doc };
}

function store(ctx: DevopsContext, key: string, doc: Record<string, unknown>, id: string, version: number): ServiceResponse {
  const stored: Doc = { ...doc, id, __etag: version };
  collectionOf(ctx.world.state, key, true)![id] = stored;
  return respond(ctx.wire, 200, stored);
}

/** GET …/Documents: every document of the collection. */
export function listDocuments(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const collection = collectionOf(ctx.world.state, scope.key, false);
  if (!collection) return notFound("CollectionDoesNotExistException", `The collection '${scope.collection}' does not exist.`);
  return respondList(ctx.wire, Object.values(collection));
}

/** GET …/Documents/{id}. */
export function getDocument(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const id = param(ctx, "documentId");
  const doc = collectionOf(ctx.world.state, scope.key, false)?.[id];
  return doc ? respond(ctx.wire, 200, doc) : documentMissing(id, scope.collection);
}

/** POST …/Documents: a new document; an id is made up when none is given. */
export function createDocument(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const read = readDocument(ctx);
  if (!read.ok) return read.response;
  const id = asString(read.doc["id"]) ?? ctx.world.ids.guid();
  if (collectionOf(ctx.world.state, scope.key, false)?.[id]) {
    return conflict("DocumentExistsException", `A document with id '${id}' already exists in collection '${scope.collection}'.`);
  }
  return store(ctx, scope.key, read.doc, id, 1);
}

/** PUT …/Documents: creates or replaces (setDocument, setValue). */
export function setDocument(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const read = readDocument(ctx);
  if (!read.ok) return read.response;
  const id = asString(read.doc["id"]) ?? ctx.world.ids.guid();
  const current = collectionOf(ctx.world.state, scope.key, false)?.[id];
  if (!current) return store(ctx, scope.key, read.doc, id, 1);
  const stale = checkVersion(current, read.doc, id);
  return stale ?? store(ctx, scope.key, read.doc, id, versionOf(current) + 1);
}

/** PATCH …/Documents: replaces a document that must exist (updateDocument). */
export function updateDocument(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const read = readDocument(ctx);
  if (!read.ok) return read.response;
  const id = asString(read.doc["id"]);
  if (!id) return badRequest("updateDocument needs the document's id.");
  const current = collectionOf(ctx.world.state, scope.key, false)?.[id];
  if (!current) return documentMissing(id, scope.collection);
  const stale = checkVersion(current, read.doc, id);
  return stale ?? store(ctx, scope.key, read.doc, id, versionOf(current) + 1);
}

/** DELETE …/Documents/{id}. */
export function deleteDocument(ctx: DevopsContext): ServiceResponse {
  const scope = scopeKey(ctx);
  if ("status" in scope) return scope;
  const id = param(ctx, "documentId");
  const collection = collectionOf(ctx.world.state, scope.key, false);
  if (!collection?.[id]) return documentMissing(id, scope.collection);
  delete collection[id];
  return noContent();
}

/** POST …/ExtensionDataCollectionQuery {collections:[{collectionName, scopeType, scopeValue}]}: the collections that exist, with their documents. */
export function queryCollections(ctx: DevopsContext): ServiceResponse {
  const read = readJsonBody(ctx);
  if (!read.ok) return read.response;
  const collections = asRecord(read.body)?.["collections"];
  if (!Array.isArray(collections)) return badRequest("The query needs a collections array.");
  const found: unknown[] = [];
  for (const item of collections) {
    const wanted = asRecord(item);
    const collectionName = asString(wanted?.["collectionName"]);
    const scopeType = asString(wanted?.["scopeType"]) ?? "Default";
    const scopeValue = asString(wanted?.["scopeValue"]) ?? (scopeType.toLowerCase() === "user" ? "Me" : "Current");
    if (!collectionName) return badRequest("Each collection needs a collectionName.");
    const scope = scopeKey({ ...ctx, params: { scopeType, scopeValue, collection: collectionName } });
    if ("status" in scope) return scope;
    const documents = collectionOf(ctx.world.state, scope.key, false);
    if (documents) found.push({ collectionName, scopeType, scopeValue, documents: Object.values(documents) });
  }
  return respondList(ctx.wire, found);
}
