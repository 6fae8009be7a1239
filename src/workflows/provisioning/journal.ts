import type { StepState, RunStatus } from "../engine/workflowTypes";
import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { ProvisioningContext, ProvisioningForm } from "./form";

export const JOURNAL_COLLECTION = "provisioning-runs";

/** What a run created, by id. Never the secret: only its key id. */
export interface CreatedObjects {
  appObjectId?: string;
  appId?: string;
  appTags?: string[];
  servicePrincipalId?: string;
  secretKeyId?: string;
  secretEndDateTime?: string;
  roleAssignment?: { scope: string; name: string };
  /** ARM refused the assignment: nothing of it exists, and a rollback must not try to delete it. */
  roleAssignmentRefused?: boolean;
  /** Machine Learning workspace only: Reader at the workspace's subscription, so Verify can read it. */
  verifyReader?: { roleAssignment?: { scope: string; name: string }; roleAssignmentRefused?: boolean };
  endpointId?: string;
  /** Federation only: the issuer and subject Azure DevOps reported for the connection (never built here). */
  issuer?: string;
  subject?: string;
  federatedCredentialId?: string;
  /** The app already had a credential with this issuer and subject: a rollback leaves it. */
  federatedCredentialExisted?: boolean;
  /** Whether TestConnection accepted the connection. */
  verified?: boolean;
  verifyMessage?: string;
}

/** One run, as kept in the user's extension data so a closed tab can be resumed or rolled back. */
export interface ProvisioningJournal {
  id: string;
  version: 1;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  form: ProvisioningForm;
  context: ProvisioningContext;
  created: CreatedObjects;
  steps: StepState[];
}

/** Runs that ended neither succeeded nor rolled back: what the hub offers to resume or roll back on opening. */
export async function unfinishedRuns(store: DocumentStore): Promise<ProvisioningJournal[]> {
  const all = await store.list<ProvisioningJournal>(JOURNAL_COLLECTION);
  return all
    .filter((j) => j && j.version === 1 && j.status !== "succeeded" && j.status !== "rolledBack")
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
