import { cloudById } from "../../platform/clouds";
import type { CredentialChoice, RoleChoice, ScopeChoice, SignInAudience } from "../provisioning/form";
import { CONTROL, validateAppName, validateConnectionName, validateDescription } from "../provisioning/validation";

/**
 * A request to an administrator: what a person without the Entra or Azure rights asked to be created. It is a
 * proposal only, never a secret: the administrator reviews the plan made from it, and the run uses their own rights.
 *
 * Requests live in Default-scope extension data (one collection for the organization), which any user of the
 * extension can write. So `validateRequestDocument` checks every field of every document read back, and builds a
 * fresh object from the fields it checked: nothing else a writer put in a document survives.
 */
export const REQUESTS_COLLECTION = "azconn-requests";
export const REQUEST_SCHEMA = 1;
/** More documents than this is not what the hub wrote: read no further. */
export const MAX_REQUEST_DOCUMENTS = 500;
export const MAX_REASON_LENGTH = 1000;
export const MAX_PERSON_NAME_LENGTH = 256;
export const MAX_PIPELINES = 200;
export const MAX_CO_OWNERS = 20;

export type RequestStatus = "open" | "approved" | "rejected" | "withdrawn";

export interface Person {
  id: string;
  displayName: string;
}

/** What was asked for: the guided form's choices, without the secret's date (a lifetime, counted from approval). */
export interface RequestedConnection {
  cloudId: string;
  /** How pipelines authenticate; absent in requests from before the choice (a secret). */
  credential?: CredentialChoice;
  tenantId: string;
  scope: ScopeChoice;
  app: { displayName: string; signInAudience: SignInAudience; coOwnerIds: string[] };
  secret: { description: string; lifetimeDays: number };
  role: RoleChoice;
  connection: { name: string; description: string; pipelineIds: number[]; allPipelines: boolean; verify: boolean };
  verifyReaderAtSubscription?: boolean;
}

/** The administrator's decision, recorded on the request (advisory: the connection's real state is read from Azure DevOps). */
export interface RequestDecision {
  by: Person;
  at: string;
  /** Rejected: why. */
  reason?: string;
  /** Approved: the service connection the run created. */
  connectionId?: string;
  /** Approved with another role than asked for. */
  roleChange?: { original: RoleChoice; assigned: RoleChoice; changedBy: Person };
}

export interface ConnectionRequest {
  id: string;
  status: RequestStatus;
  project: { id: string; name: string };
  requestedBy: Person;
  requestedAt: string;
  reason: string;
  asked: RequestedConnection;
  decision?: RequestDecision;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
// ARM's own naming rules (the parts an ARM id is built from; none may hold "/" or ".." to reach another scope).
const MANAGEMENT_GROUP_ID = /^[A-Za-z0-9_().-]{1,90}$/;
const RESOURCE_GROUP = /^[\w().-]{0,89}[\w()-]$/;
const WORKSPACE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/;
const LOCATION = /^[a-z0-9]{1,40}$/;
const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const own = (doc: Raw, key: string): unknown => (Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined);
const guid = (value: unknown): string | undefined => (typeof value === "string" && GUID.test(value) ? value.toLowerCase() : undefined);
const iso = (value: unknown, now: number): string | undefined =>
  typeof value === "string" && value.length <= 40 && ISO_UTC.test(value) && Date.parse(value) <= now + FUTURE_TOLERANCE_MS
    ? value
    : undefined;
/** A name shown to people: no control or bidi characters (refused, not stripped: a request is shown as written). */
const text = (value: unknown, max: number, allowEmpty = false): string | undefined =>
  typeof value === "string" && value.length <= max && (allowEmpty || value.trim().length > 0) && !CONTROL.test(value.replace(/[\r\n]/g, ""))
    ? value
    : undefined;
const bool = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);

export function validPerson(raw: unknown): Person | undefined {
  if (!isRecord(raw)) return undefined;
  const id = guid(own(raw, "id"));
  const displayName = text(own(raw, "displayName"), MAX_PERSON_NAME_LENGTH);
  return id && displayName && !/[\r\n]/.test(displayName) ? { id, displayName } : undefined;
}

export function validRole(raw: unknown): RoleChoice | undefined {
  if (!isRecord(raw)) return undefined;
  const id = guid(own(raw, "id"));
  const roleName = text(own(raw, "roleName"), 256);
  return id && roleName && !/[\r\n]/.test(roleName) ? { id, roleName } : undefined;
}

const scopeName = (value: unknown) => {
  const name = text(value, 256);
  return name && !/[\r\n]/.test(name) ? name : undefined;
};

export function validScope(raw: unknown): ScopeChoice | undefined {
  if (!isRecord(raw)) return undefined;
  const level = own(raw, "level");
  const at = (key: string) => own(raw, key);
  if (level === "Subscription") {
    const subscriptionId = guid(at("subscriptionId"));
    const subscriptionName = scopeName(at("subscriptionName"));
    return subscriptionId && subscriptionName ? { level, subscriptionId, subscriptionName } : undefined;
  }
  if (level === "ManagementGroup") {
    const id = at("managementGroupId");
    const managementGroupName = scopeName(at("managementGroupName"));
    return typeof id === "string" && MANAGEMENT_GROUP_ID.test(id) && !id.includes("..") && managementGroupName
      ? { level, managementGroupId: id, managementGroupName }
      : undefined;
  }
  if (level === "AzureMLWorkspace") {
    const subscriptionId = guid(at("subscriptionId"));
    const subscriptionName = scopeName(at("subscriptionName"));
    const group = at("resourceGroupName");
    const workspace = at("workspaceName");
    const location = at("workspaceLocation");
    if (!subscriptionId || !subscriptionName || typeof group !== "string" || typeof workspace !== "string") return undefined;
    if (!RESOURCE_GROUP.test(group) || group.includes("..") || !WORKSPACE.test(workspace)) return undefined;
    if (typeof location !== "string" || !LOCATION.test(location)) return undefined;
    return { level, subscriptionId, subscriptionName, resourceGroupName: group, workspaceName: workspace, workspaceLocation: location };
  }
  return undefined;
}

function validIds<T>(raw: unknown, max: number, each: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(raw) || raw.length > max) return undefined;
  const values = raw.map(each);
  return values.every((v) => v !== undefined) ? (values as T[]) : undefined;
}
const pipelineId = (value: unknown) => (Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined);

/** The form part of a request; undefined when any field does not fit what the guided form itself accepts. */
export function validRequestedConnection(raw: unknown): RequestedConnection | undefined {
  if (!isRecord(raw)) return undefined;
  const cloudId = own(raw, "cloudId");
  const tenantId = guid(own(raw, "tenantId"));
  const scope = validScope(own(raw, "scope"));
  const role = validRole(own(raw, "role"));
  const app = own(raw, "app");
  const secret = own(raw, "secret");
  const connection = own(raw, "connection");
  if (typeof cloudId !== "string" || !cloudById(cloudId) || !tenantId || !scope || !role) return undefined;
  if (!isRecord(app) || !isRecord(secret) || !isRecord(connection)) return undefined;
  const displayName = own(app, "displayName");
  const audience = own(app, "signInAudience");
  const coOwnerIds = validIds(own(app, "coOwnerIds"), MAX_CO_OWNERS, guid);
  if (typeof displayName !== "string" || validateAppName(displayName) || !coOwnerIds) return undefined;
  if (audience !== "AzureADMyOrg" && audience !== "AzureADMultipleOrgs") return undefined;
  const secretDescription = text(own(secret, "description"), 80);
  const lifetimeDays = own(secret, "lifetimeDays");
  if (!secretDescription || !Number.isSafeInteger(lifetimeDays) || (lifetimeDays as number) < 1 || (lifetimeDays as number) > 730)
    return undefined;
  const name = own(connection, "name");
  const description = text(own(connection, "description"), 1024, true);
  const pipelineIds = validIds(own(connection, "pipelineIds"), MAX_PIPELINES, pipelineId);
  const allPipelines = bool(own(connection, "allPipelines"));
  const verify = bool(own(connection, "verify"));
  if (typeof name !== "string" || validateConnectionName(name) || description === undefined || validateDescription(1024)(description))
    return undefined;
  if (!pipelineIds || allPipelines === undefined || verify === undefined) return undefined;
  const verifyReader = own(raw, "verifyReaderAtSubscription");
  if (verifyReader !== undefined && typeof verifyReader !== "boolean") return undefined;
  const credential = own(raw, "credential");
  if (credential !== undefined && credential !== "secret" && credential !== "federation") return undefined;
  return {
    cloudId,
    ...(credential !== undefined ? { credential } : {}),
    tenantId,
    scope,
    app: { displayName, signInAudience: audience, coOwnerIds },
    secret: { description: secretDescription, lifetimeDays: lifetimeDays as number },
    role,
    connection: { name, description, pipelineIds, allPipelines, verify },
    ...(verifyReader !== undefined ? { verifyReaderAtSubscription: verifyReader } : {}),
  };
}

function validDecision(raw: unknown, status: RequestStatus, now: number): RequestDecision | undefined | false {
  if (raw === undefined) return status === "open" || status === "withdrawn" ? undefined : false;
  if (!isRecord(raw)) return false;
  const by = validPerson(own(raw, "by"));
  const at = iso(own(raw, "at"), now);
  if (!by || !at) return false;
  const decision: RequestDecision = { by, at };
  const reason = own(raw, "reason");
  if (reason !== undefined) {
    const valid = text(reason, MAX_REASON_LENGTH);
    if (!valid) return false;
    decision.reason = valid;
  }
  const connectionId = own(raw, "connectionId");
  if (connectionId !== undefined) {
    const valid = guid(connectionId);
    if (!valid) return false;
    decision.connectionId = valid;
  }
  const change = own(raw, "roleChange");
  if (change !== undefined) {
    if (!isRecord(change)) return false;
    const original = validRole(own(change, "original"));
    const assigned = validRole(own(change, "assigned"));
    const changedBy = validPerson(own(change, "changedBy"));
    if (!original || !assigned || !changedBy) return false;
    decision.roleChange = { original, assigned, changedBy };
  }
  if (status === "approved" && !decision.connectionId) return false;
  if (status === "rejected" && !decision.reason) return false;
  return decision;
}

/** One document, checked field by field; undefined when anything does not fit (the page shows it as unreadable). */
export function validateRequestDocument(raw: unknown, now: number): ConnectionRequest | undefined {
  if (!isRecord(raw) || own(raw, "schema") !== REQUEST_SCHEMA) return undefined;
  const id = guid(own(raw, "id"));
  const status = own(raw, "status");
  if (!id || (status !== "open" && status !== "approved" && status !== "rejected" && status !== "withdrawn")) return undefined;
  const projectRaw = own(raw, "project");
  if (!isRecord(projectRaw)) return undefined;
  const projectId = guid(own(projectRaw, "id"));
  const projectName = scopeName(own(projectRaw, "name"));
  const requestedBy = validPerson(own(raw, "requestedBy"));
  const requestedAt = iso(own(raw, "requestedAt"), now);
  const reason = text(own(raw, "reason"), MAX_REASON_LENGTH);
  const asked = validRequestedConnection(own(raw, "asked"));
  if (!projectId || !projectName || !requestedBy || !requestedAt || !reason || !asked) return undefined;
  const decision = validDecision(own(raw, "decision"), status, now);
  if (decision === false) return undefined;
  return {
    id,
    status,
    project: { id: projectId, name: projectName },
    requestedBy,
    requestedAt,
    reason,
    asked,
    ...(decision ? { decision } : {}),
  };
}
