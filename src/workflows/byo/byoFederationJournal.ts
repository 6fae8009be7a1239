import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { RunStatus, StepState } from "../engine/workflowTypes";
import type { RoleRecord } from "../steps/connectionSteps";
import type { ByoContext, ByoForm } from "./byoForm";

export const BYO_FEDERATION_COLLECTION = "byo-federation-runs";

/** What a bring-your-own-app federation run made or learned, by id; no secret exists on this path. */
export interface ByoFederationCreated extends RoleRecord {
  /** The app's service principal, when this run assigned the role (the assignment's name is derived from it). */
  principalId?: string;
  endpointId?: string;
  /** As Azure DevOps reported them for the connection (re-read from it before they are shown again). */
  issuer?: string;
  subject?: string;
  appObjectId?: string;
  federatedCredentialId?: string;
  federatedCredentialExisted?: boolean;
  /** The app does not trust the connection yet: an owner of the app must add the federated credential, then Verify. */
  waitingForTrust?: boolean;
  verified?: boolean;
  verifyMessage?: string;
}

export interface ByoFederationJournal {
  id: string;
  version: 1;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  form: ByoForm;
  context: ByoContext;
  created: ByoFederationCreated;
  steps: StepState[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STEP_STATUSES = new Set(["waiting", "running", "done", "failed", "skipped", "undoing", "undone"]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === "string" && v.length > 0 && v.length <= max;

/**
 * A journal document read back, or undefined when it is not one this hub wrote: extension data can be written by the
 * person's other tools, so every field the page shows or acts on is checked (expiryIndex.ts's pattern). The issuer and
 * subject are re-read from Azure DevOps before anything is shown, so only the ids here are trusted to find them.
 */
export function readByoFederationJournal(doc: unknown): ByoFederationJournal | undefined {
  if (!isRecord(doc) || doc["version"] !== 1 || !isText(doc["id"], 100)) return undefined;
  const form = doc["form"];
  const created = doc["created"];
  const context = doc["context"];
  const steps = doc["steps"];
  if (!isRecord(form) || !isRecord(created) || !isRecord(context) || !Array.isArray(steps)) return undefined;
  if (!isText(form["appId"], 36) || !GUID.test(form["appId"]) || !isText(form["tenantId"], 36) || !GUID.test(form["tenantId"]))
    return undefined;
  if (form["credential"] !== "federation" || !isText(form["cloudId"], 40)) return undefined;
  const connection = form["connection"];
  const scope = form["scope"];
  if (!isRecord(connection) || !isText(connection["name"], 256) || !isRecord(scope) || !isText(scope["level"], 40)) return undefined;
  if (!isText(created["endpointId"], 36) || !GUID.test(created["endpointId"])) return undefined;
  const project = context["project"];
  if (!isRecord(project) || !isText(project["id"], 64) || !isText(project["name"], 256) || !isText(context["organization"], 256))
    return undefined;
  const stepsOk = steps.every((s) => isRecord(s) && isText(s["id"], 64) && STEP_STATUSES.has(String(s["status"])));
  if (!stepsOk || !isText(doc["createdAt"], 40) || !isText(doc["updatedAt"], 40) || !isText(doc["status"], 40)) return undefined;
  return doc as unknown as ByoFederationJournal;
}

/** Connections saved with federation and not verified: offered again (Verify, Retry, Roll back), newest first. */
export async function awaitingTrust(store: DocumentStore): Promise<ByoFederationJournal[]> {
  const all = await store.list<unknown>(BYO_FEDERATION_COLLECTION);
  return (
    all
      .map(readByoFederationJournal)
      .filter((j): j is ByoFederationJournal => !!j && j.created.verified !== true)
      // Waiting for an owner, or stopped after the connection was saved (Retry or Roll back it from there).
      .filter(
        (j) =>
          (j.status === "succeeded" && j.created.waitingForTrust === true) || j.status === "failed" || j.status === "rollbackIncomplete",
      )
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  );
}
