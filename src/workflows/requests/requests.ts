import type { DocumentStore } from "../../clients/devops/devopsTypes";
import { ProblemError } from "../../platform/problem";
import { credentialOf, type ProvisioningForm, type RoleChoice } from "../provisioning/form";
import { CONTROL } from "../provisioning/validation";
import {
  MAX_PERSON_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_REQUEST_DOCUMENTS,
  REQUEST_SCHEMA,
  REQUESTS_COLLECTION,
  validateRequestDocument,
  validRequestedConnection,
  type ConnectionRequest,
  type Person,
  type RequestedConnection,
} from "./requestDocument";

/**
 * The request's life: a member asks (open); an administrator approves (after their own run created the connection),
 * rejects with a reason, or clears it; the member withdraws it. Every status write is advisory: anyone can write
 * extension data, so readers validate what they read and the requester is shown the connection's real state too.
 */
const DAY_MS = 86_400_000;
const CONTROL_CHARACTERS = new RegExp(CONTROL.source, "gu");

/** A person as the request records them: Azure DevOps display names may hold characters no reader would accept. */
function recorded(person: Person): Person {
  const name = person.displayName.replace(CONTROL_CHARACTERS, "").replace(/\s+/g, " ").trim().slice(0, MAX_PERSON_NAME_LENGTH);
  return { id: person.id.toLowerCase(), displayName: name || "Unnamed user" };
}

/** What a form asks for, as a request stores it: the secret's end date becomes a lifetime, counted again on approval. */
export function requestedFromForm(form: ProvisioningForm, now: number): RequestedConnection {
  const days = Math.round((Date.parse(form.secret.endDateTime) - now) / DAY_MS);
  return {
    cloudId: form.cloudId,
    credential: credentialOf(form),
    tenantId: form.tenantId,
    scope: form.scope,
    app: { displayName: form.app.displayName, signInAudience: form.app.signInAudience, coOwnerIds: [...form.app.coOwnerIds] },
    secret: { description: form.secret.description, lifetimeDays: Math.min(730, Math.max(1, Number.isFinite(days) ? days : 1)) },
    role: { id: form.role.id, roleName: form.role.roleName },
    connection: { ...form.connection, pipelineIds: [...form.connection.pipelineIds] },
    ...(form.verifyReaderAtSubscription !== undefined ? { verifyReaderAtSubscription: form.verifyReaderAtSubscription } : {}),
  };
}

/** The form the administrator's run starts from: the request as asked, with the role they chose, the secret dated from now. */
export function formOfRequest(asked: RequestedConnection, role: RoleChoice, now: number): ProvisioningForm {
  return {
    cloudId: asked.cloudId,
    credential: asked.credential ?? "secret",
    tenantId: asked.tenantId,
    scope: asked.scope,
    app: { ...asked.app, coOwnerIds: [...asked.app.coOwnerIds] },
    secret: { description: asked.secret.description, endDateTime: new Date(now + asked.secret.lifetimeDays * DAY_MS).toISOString() },
    role,
    connection: { ...asked.connection, pipelineIds: [...asked.connection.pipelineIds] },
    ...(asked.verifyReaderAtSubscription !== undefined ? { verifyReaderAtSubscription: asked.verifyReaderAtSubscription } : {}),
  };
}

export interface RequestList {
  /** Valid requests: open ones first (oldest first), then decided ones (newest first). */
  requests: ConnectionRequest[];
  /** Documents that did not pass validation (or beyond the cap): shown as a count of unreadable requests. */
  unreadable: number;
}

export async function readRequests(store: Pick<DocumentStore, "list">, now: number): Promise<RequestList> {
  const listed: unknown = await store.list<unknown>(REQUESTS_COLLECTION);
  const documents = Array.isArray(listed) ? listed : [];
  const seen = new Set<string>();
  const requests: ConnectionRequest[] = [];
  let unreadable = Math.max(0, documents.length - MAX_REQUEST_DOCUMENTS);
  for (const raw of documents.slice(0, MAX_REQUEST_DOCUMENTS)) {
    const request = validateRequestDocument(raw, now);
    if (!request || seen.has(request.id)) {
      unreadable++;
      continue;
    }
    seen.add(request.id);
    requests.push(request);
  }
  const open = requests.filter((r) => r.status === "open").sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  const decided = requests
    .filter((r) => r.status !== "open")
    .sort((a, b) => (b.decision?.at ?? b.requestedAt).localeCompare(a.decision?.at ?? a.requestedAt));
  return { requests: [...open, ...decided], unreadable };
}

export async function readRequest(store: Pick<DocumentStore, "get">, id: string, now: number): Promise<ConnectionRequest | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return validateRequestDocument(await store.get<unknown>(REQUESTS_COLLECTION, id.toLowerCase()), now);
}

const UNREADABLE_WRITE = new ProblemError({
  title: "The request could not be saved.",
  detail: "Something in it does not pass the checks every reader applies, so no administrator could open it.",
  action: "Go back through the form, fix what it marks, and ask again.",
});

/** Writes a request as every reader will read it; refuses what validation would drop. */
async function write(store: Pick<DocumentStore, "put">, request: ConnectionRequest, now: number): Promise<ConnectionRequest> {
  const document = { ...request, schema: REQUEST_SCHEMA };
  const valid = validateRequestDocument(JSON.parse(JSON.stringify(document)), now);
  if (!valid) throw UNREADABLE_WRITE;
  await store.put(REQUESTS_COLLECTION, { ...valid, schema: REQUEST_SCHEMA });
  return valid;
}

/** The reason field's own check, in the words shown under it. */
export function validateReason(reason: string): string | undefined {
  if (!reason.trim()) return "Say why you need this connection, so the administrator can decide.";
  if (reason.length > MAX_REASON_LENGTH) return `Use at most ${MAX_REASON_LENGTH} characters (this has ${reason.length}).`;
  if (CONTROL.test(reason.replace(/[\r\n]/g, ""))) return "Remove the control characters (such as tabs or invisible direction marks).";
  return undefined;
}

export async function createRequest(
  store: Pick<DocumentStore, "put">,
  input: { id: string; form: ProvisioningForm; project: { id: string; name: string }; requester: Person; reason: string },
  now: number,
): Promise<ConnectionRequest> {
  const problem = validateReason(input.reason);
  if (problem) throw new ProblemError({ title: "The request was not sent.", detail: problem, action: "Fix the reason, then send it." });
  const asked = validRequestedConnection(JSON.parse(JSON.stringify(requestedFromForm(input.form, now))));
  if (!asked) throw UNREADABLE_WRITE;
  return write(
    store,
    {
      id: input.id,
      status: "open",
      project: input.project,
      requestedBy: recorded(input.requester),
      requestedAt: new Date(now).toISOString(),
      reason: input.reason.trim(),
      asked,
    },
    now,
  );
}

const NOT_OPEN = (request: ConnectionRequest) =>
  new ProblemError({
    title: "This request is no longer open.",
    detail: `It was ${request.status} in the meantime.`,
    action: "Reload the list to see its current state.",
  });

/** Reads the request again before a decision: someone may have decided (or withdrawn) it meanwhile. */
async function current(store: Pick<DocumentStore, "get">, id: string, now: number): Promise<ConnectionRequest> {
  const request = await readRequest(store, id, now);
  if (!request)
    throw new ProblemError({
      title: "The request is gone or unreadable.",
      detail: "It was cleared, withdrawn or changed into something the hub cannot read.",
      action: "Reload the list.",
    });
  return request;
}

export async function approveRequest(
  store: Pick<DocumentStore, "get" | "put">,
  id: string,
  outcome: { connectionId: string; assignedRole: RoleChoice; admin: Person },
  now: number,
): Promise<ConnectionRequest> {
  const admin = recorded(outcome.admin);
  const request = await current(store, id, now);
  if (request.status !== "open") throw NOT_OPEN(request);
  const changed = request.asked.role.id.toLowerCase() !== outcome.assignedRole.id.toLowerCase();
  return write(
    store,
    {
      ...request,
      status: "approved",
      decision: {
        by: admin,
        at: new Date(now).toISOString(),
        connectionId: outcome.connectionId,
        ...(changed ? { roleChange: { original: request.asked.role, assigned: outcome.assignedRole, changedBy: admin } } : {}),
      },
    },
    now,
  );
}

export async function rejectRequest(
  store: Pick<DocumentStore, "get" | "put">,
  id: string,
  reason: string,
  admin: Person,
  now: number,
): Promise<ConnectionRequest> {
  const problem = validateReason(reason);
  if (problem) throw new ProblemError({ title: "The request was not rejected.", detail: problem, action: "Give a reason, then reject." });
  const request = await current(store, id, now);
  if (request.status !== "open") throw NOT_OPEN(request);
  return write(
    store,
    { ...request, status: "rejected", decision: { by: recorded(admin), at: new Date(now).toISOString(), reason: reason.trim() } },
    now,
  );
}

/** The requester takes it back: only their own, only while open. */
export async function withdrawRequest(
  store: Pick<DocumentStore, "get" | "put">,
  id: string,
  requester: Person,
  now: number,
): Promise<ConnectionRequest> {
  const request = await current(store, id, now);
  if (request.requestedBy.id !== requester.id.toLowerCase())
    throw new ProblemError({
      title: "Only the person who asked can withdraw a request.",
      detail: `This one was asked by ${request.requestedBy.displayName}.`,
      action: "Ask them, or an administrator, to clear it.",
    });
  if (request.status !== "open") throw NOT_OPEN(request);
  return write(store, { ...request, status: "withdrawn" }, now);
}

/** Removes a request (an administrator tidying decided ones, or a requester removing their own decided one). */
export async function clearRequest(store: Pick<DocumentStore, "delete">, id: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  try {
    await store.delete(REQUESTS_COLLECTION, id.toLowerCase());
  } catch (error) {
    if ((error as { status?: number })?.status !== 404) throw error;
  }
}
