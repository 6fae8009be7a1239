import type { DocumentStore } from "../../clients/devops/devopsTypes";
import { cloudById } from "../../platform/clouds";
import type { RunStatus, StepState, StepStatus } from "../engine/workflowTypes";
import type { ProvisioningContext, ProvisioningForm } from "../provisioning/form";
import type { CreatedObjects } from "../provisioning/journal";
import { armScope } from "../provisioning/scope";
import { CONTROL, validateAppName, validateConnectionName, validateDescription } from "../provisioning/validation";
import { validRole, validScope } from "../requests/requestDocument";
import { MAX_BULK_SCOPES } from "./bulkLimits";
import { SHARED_APP_JOURNAL_COLLECTION, type SharedAppJournal } from "./sharedAppRun";
import { scopeOfStep } from "./sharedAppSteps";

/**
 * Reading the shared app runs' journals back. They live in the person's extension data, which their other tools (or
 * anyone with the extension's token) can write, and a resume acts on them: it deletes the ids they name. So each
 * document is checked field by field against what the run itself writes, and a fresh object is built from what passed
 * (expiryIndex.ts's pattern); a document that does not fit is counted as unreadable and never acted on.
 */

/** More than this is not a journal the hub wrote (50 scopes of ids and step states stay far below). */
export const MAX_SHARED_JOURNAL_CHARS = 512_000;
/** More documents than this is not what the hub wrote: read no further. */
export const MAX_SHARED_JOURNALS = 200;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const STEP_ID = /^[A-Za-z]{1,40}(#\d{1,3})?$/;
const RUN_STATUSES: readonly RunStatus[] = [
  "ready",
  "running",
  "succeeded",
  "failed",
  "rollingBack",
  "rolledBack",
  "rollbackIncomplete",
  "rollbackFailed",
];
const STEP_STATUSES: readonly StepStatus[] = ["waiting", "running", "done", "failed", "skipped", "undoing", "undone"];

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);
const own = (doc: Raw, key: string): unknown => (Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined);
const guid = (value: unknown): string | undefined => (typeof value === "string" && GUID.test(value) ? value : undefined);
const iso = (value: unknown): string | undefined =>
  typeof value === "string" && value.length <= 40 && ISO_UTC.test(value) && Number.isFinite(Date.parse(value)) ? value : undefined;
/** Text shown to people or sent on: no control or bidi characters, refused rather than stripped. */
const text = (value: unknown, max: number, allowEmpty = false): string | undefined =>
  typeof value === "string" && value.length <= max && (allowEmpty || value.trim().length > 0) && !CONTROL.test(value) ? value : undefined;
const bool = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : undefined);
function list<T>(raw: unknown, max: number, each: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(raw) || raw.length > max) return undefined;
  const values = raw.map(each);
  return values.every((v) => v !== undefined) ? (values as T[]) : undefined;
}
const pipelineId = (value: unknown) => (Number.isSafeInteger(value) && (value as number) > 0 ? (value as number) : undefined);
/** A field that may be absent, but when present must pass `check`; `false` when it does not. */
function optional<T>(raw: Raw, key: string, check: (value: unknown) => T | undefined): T | undefined | false {
  const value = own(raw, key);
  if (value === undefined) return undefined;
  const valid = check(value);
  return valid === undefined ? false : valid;
}

function validForm(raw: unknown): ProvisioningForm | undefined {
  if (!isRecord(raw)) return undefined;
  const cloudId = own(raw, "cloudId");
  const credential = own(raw, "credential") ?? "secret";
  const tenantId = guid(own(raw, "tenantId"));
  const scope = validScope(own(raw, "scope"));
  const role = validRole(own(raw, "role"));
  const app = own(raw, "app");
  const secret = own(raw, "secret");
  const connection = own(raw, "connection");
  if (typeof cloudId !== "string" || !cloudById(cloudId) || (credential !== "secret" && credential !== "federation")) return undefined;
  if (!tenantId || !scope || !role || !isRecord(app) || !isRecord(secret) || !isRecord(connection)) return undefined;
  const displayName = own(app, "displayName");
  const audience = own(app, "signInAudience");
  const coOwnerIds = list(own(app, "coOwnerIds"), 20, guid);
  if (typeof displayName !== "string" || validateAppName(displayName) || !coOwnerIds) return undefined;
  if (audience !== "AzureADMyOrg" && audience !== "AzureADMultipleOrgs") return undefined;
  const secretDescription = text(own(secret, "description"), 80, true);
  const endDateTime = iso(own(secret, "endDateTime"));
  if (secretDescription === undefined || !endDateTime) return undefined;
  const name = own(connection, "name");
  const description = own(connection, "description");
  const pipelineIds = list(own(connection, "pipelineIds"), 200, pipelineId);
  const allPipelines = bool(own(connection, "allPipelines"));
  const verify = bool(own(connection, "verify"));
  if (typeof name !== "string" || validateConnectionName(name) || typeof description !== "string" || validateDescription(1024)(description))
    return undefined;
  if (!pipelineIds || allPipelines === undefined || verify === undefined) return undefined;
  const verifyReader = optional(raw, "verifyReaderAtSubscription", bool);
  if (verifyReader === false) return undefined;
  return {
    cloudId,
    credential,
    tenantId,
    scope,
    app: { displayName, signInAudience: audience, coOwnerIds },
    secret: { description: secretDescription, endDateTime },
    role,
    connection: { name, description, pipelineIds, allPipelines, verify },
    ...(verifyReader !== undefined ? { verifyReaderAtSubscription: verifyReader } : {}),
  };
}

/** A role assignment the journal names: its scope must be the one the run assigns at, so a rollback deletes nothing else. */
const assignmentAt =
  (scope: string | undefined) =>
  (raw: unknown): { scope: string; name: string } | undefined => {
    if (!isRecord(raw) || scope === undefined) return undefined;
    const at = own(raw, "scope");
    const name = guid(own(raw, "name"));
    return typeof at === "string" && at.toLowerCase() === scope.toLowerCase() && name ? { scope: at, name } : undefined;
  };

/**
 * The ids a record names. `form` is the scope's form (its role assignment must be at its scope); the app's record,
 * shared by every scope, has none.
 */
function validCreated(raw: unknown, form: ProvisioningForm | undefined): CreatedObjects | undefined {
  if (!isRecord(raw)) return undefined;
  const readerScope = form?.scope.level === "AzureMLWorkspace" ? `/subscriptions/${form.scope.subscriptionId}` : undefined;
  const checks: Record<string, (value: unknown) => unknown> = {
    appObjectId: guid,
    appId: guid,
    servicePrincipalId: guid,
    secretKeyId: guid,
    endpointId: guid,
    federatedCredentialId: guid,
    appTags: (v) => list(v, 50, (tag) => text(tag, 256)),
    secretEndDateTime: iso,
    roleAssignment: assignmentAt(form ? armScope(form.scope) : undefined),
    roleAssignmentRefused: bool,
    verifyReader: (v) => {
      if (!isRecord(v)) return undefined;
      const assignment = optional(v, "roleAssignment", assignmentAt(readerScope));
      const refused = optional(v, "roleAssignmentRefused", bool);
      if (assignment === false || refused === false) return undefined;
      return {
        ...(assignment ? { roleAssignment: assignment } : {}),
        ...(refused !== undefined ? { roleAssignmentRefused: refused } : {}),
      };
    },
    issuer: (v) => text(v, 1024),
    subject: (v) => text(v, 1024),
    federatedCredentialExisted: bool,
    verified: bool,
    verifyMessage: (v) => text(v, 4000, true),
  };
  const created: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    const check = checks[key];
    if (!check) return undefined;
    const valid = check(raw[key]);
    if (valid === undefined) return undefined;
    created[key] = valid;
  }
  return created as CreatedObjects;
}

function validStep(raw: unknown, scopes: number): StepState | undefined {
  if (!isRecord(raw)) return undefined;
  const id = own(raw, "id");
  const title = text(own(raw, "title"), 512);
  const status = own(raw, "status");
  if (typeof id !== "string" || !STEP_ID.test(id) || !title || !STEP_STATUSES.includes(status as StepStatus)) return undefined;
  const index = scopeOfStep(id);
  if (index !== undefined && index >= scopes) return undefined;
  const time = (v: unknown) => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : undefined);
  const startedAt = optional(raw, "startedAt", time);
  const endedAt = optional(raw, "endedAt", time);
  const note = optional(raw, "note", (v) => text(v, 512));
  if (startedAt === false || endedAt === false || note === false) return undefined;
  return {
    id,
    title,
    status: status as StepStatus,
    ...(startedAt !== undefined ? { startedAt } : {}),
    ...(endedAt !== undefined ? { endedAt } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}

function validContext(raw: unknown): ProvisioningContext | undefined {
  if (!isRecord(raw)) return undefined;
  const organization = text(own(raw, "organization"), 256);
  const project = own(raw, "project");
  const userObjectId = guid(own(raw, "userObjectId"));
  if (!organization || !isRecord(project) || !userObjectId) return undefined;
  const id = guid(own(project, "id"));
  const name = text(own(project, "name"), 256);
  return id && name ? { organization, project: { id, name }, userObjectId } : undefined;
}

function size(raw: unknown): number {
  try {
    return JSON.stringify(raw)?.length ?? Infinity;
  } catch {
    return Infinity;
  }
}

/** One journal document, checked field by field; undefined when anything does not fit what the shared run writes. */
export function readSharedAppJournal(raw: unknown): SharedAppJournal | undefined {
  if (!isRecord(raw) || own(raw, "version") !== 1 || size(raw) > MAX_SHARED_JOURNAL_CHARS) return undefined;
  const id = guid(own(raw, "id"));
  const createdAt = iso(own(raw, "createdAt"));
  const updatedAt = iso(own(raw, "updatedAt"));
  const status = own(raw, "status");
  if (!id || !createdAt || !updatedAt || !RUN_STATUSES.includes(status as RunStatus)) return undefined;
  const forms = list(own(raw, "forms"), MAX_BULK_SCOPES, validForm);
  const context = validContext(own(raw, "context"));
  if (!forms || forms.length === 0 || !context) return undefined;
  // One app for every scope: the same cloud, directory, credential and app, as planSharedApp made them.
  const first = forms[0]!;
  const same = (f: ProvisioningForm) =>
    f.cloudId === first.cloudId &&
    f.tenantId.toLowerCase() === first.tenantId.toLowerCase() &&
    f.credential === first.credential &&
    f.app.displayName === first.app.displayName;
  if (!forms.every(same)) return undefined;
  const created = own(raw, "created");
  if (!isRecord(created)) return undefined;
  const app = validCreated(own(created, "app"), undefined);
  const scopesRaw = own(created, "scopes");
  if (!app || !Array.isArray(scopesRaw) || scopesRaw.length > forms.length) return undefined;
  const scopes = scopesRaw.map((s, i) => validCreated(s, forms[i]));
  if (!scopes.every((s): s is CreatedObjects => s !== undefined)) return undefined;
  const steps = list(own(raw, "steps"), 20 + forms.length * 10, (s) => validStep(s, forms.length));
  const retired = list(own(raw, "retired"), forms.length * 10, (s) =>
    typeof s === "string" && STEP_ID.test(s) && (scopeOfStep(s) ?? Infinity) < forms.length ? s : undefined,
  );
  if (!steps || !retired || new Set(steps.map((s) => s.id)).size !== steps.length) return undefined;
  return { id, version: 1, createdAt, updatedAt, status: status as RunStatus, forms, context, created: { app, scopes }, retired, steps };
}

/** Shared runs that ended neither succeeded nor rolled back, newest first, and how many documents could not be read. */
export interface UnfinishedSharedAppRuns {
  runs: SharedAppJournal[];
  unreadable: number;
}

export async function unfinishedSharedAppRuns(store: Pick<DocumentStore, "list">): Promise<UnfinishedSharedAppRuns> {
  const listed: unknown = await store.list<unknown>(SHARED_APP_JOURNAL_COLLECTION);
  const documents = Array.isArray(listed) ? listed : [];
  let unreadable = Math.max(0, documents.length - MAX_SHARED_JOURNALS);
  const runs: SharedAppJournal[] = [];
  for (const raw of documents.slice(0, MAX_SHARED_JOURNALS)) {
    const journal = readSharedAppJournal(raw);
    if (!journal) unreadable++;
    else if (journal.status !== "succeeded" && journal.status !== "rolledBack") runs.push(journal);
  }
  return { runs: runs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), unreadable };
}

/** "Shared app deploy-all: 2 of 3 scopes done": a scope is done when its connection was made and is not rolled back. */
export function sharedRunSummary(journal: SharedAppJournal): string {
  const done = journal.forms.filter((_, i) => {
    const made = journal.steps.some((s) => s.id === `createConnection#${i}` && s.status === "done");
    return made && !journal.retired.includes(`createConnection#${i}`);
  }).length;
  return `Shared app ${journal.forms[0]!.app.displayName}: ${done} of ${journal.forms.length} scopes done`;
}

/** The plan a journal was written from, to resume it. */
export function planOfSharedJournal(journal: SharedAppJournal) {
  return { runId: journal.id, forms: journal.forms, context: journal.context };
}
