import type { Cloud } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { JournaledRun, journaledSteps } from "../engine/journaledRun";
import { REPLICATION_RETRY, VERIFY_RETRY } from "../engine/policy";
import type { RunSnapshot, StepWaitSource } from "../engine/workflowTypes";
import { verifySavedAgain } from "../steps/connectionSteps";
import { buildConnection } from "./connectionBody";
import { credentialOf, type ProvisioningContext, type ProvisioningForm } from "./form";
import { JOURNAL_COLLECTION, type CreatedObjects, type ProvisioningJournal } from "./journal";
import type { ProvisioningPlan } from "./plan";
import { planSteps } from "./planSteps";
import type { ProvisioningPorts } from "./ports";
import { provisioningSteps } from "./provisioningSteps";
import { armScope } from "./scope";

export interface ProvisioningRunOptions {
  /** A journal of an earlier, interrupted run of the same id: resume from it. */
  journal?: ProvisioningJournal;
  onChange?: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void;
  /** Retry policies, shortened in unit tests. */
  replicationRetry?: RetryPolicy;
  verifyRetry?: RetryPolicy;
  /** HTTP-level waits (throttling) of Graph, ARM and Azure DevOps, shown on the running step. */
  httpWaits?: StepWaitSource;
}

/** What a run is built from: the plan the person reviewed, or a journal's (which carries the same form and context). */
export type RunSource = Pick<ProvisioningPlan, "runId" | "form" | "context" | "steps">;

/** The plan of a journaled run, to resume it: the same steps from the same form. */
export function planOfJournal(journal: ProvisioningJournal): RunSource {
  // A journal from before the credential choice used a secret.
  const form: ProvisioningForm = { ...journal.form, credential: credentialOf(journal.form) };
  return { runId: journal.id, form, context: journal.context, steps: planSteps(form) };
}

/**
 * One provisioning run: the reviewed plan's steps over the resource modules, run by the journaled engine (ids only in
 * the journal, never the secret), so a failed step can be retried, a closed tab resumed, and everything rolled back.
 */
export class ProvisioningRun {
  readonly created: CreatedObjects;
  private readonly secret: { text?: string } = {};
  private form: ProvisioningForm;
  private readonly context: ProvisioningContext;
  private readonly run: JournaledRun;
  /** Steps tried in this browser session (or by the journaled run); a step tried before first looks for what it made. */
  private readonly tried = new Set<string>();

  constructor(
    plan: RunSource,
    private readonly cloud: Cloud,
    private readonly ports: ProvisioningPorts,
    private readonly options: ProvisioningRunOptions = {},
  ) {
    this.form = plan.form;
    this.context = plan.context;
    this.created = { ...(options.journal?.created ?? {}) };
    if (options.journal) for (const step of options.journal.steps) this.tried.add(step.id);
    const runId = plan.runId;
    const steps = provisioningSteps(plan.steps, {
      runId,
      form: () => this.form,
      context: this.context,
      cloud,
      ports,
      created: this.created,
      secret: this.secret,
      firstAttempt: (id) => {
        const first = !this.tried.has(id);
        this.tried.add(id);
        return first;
      },
      tried: (id) => this.tried.has(id),
      save: () => void this.run.save(),
      connectionBody: () => this.connectionBody(),
      policies: { replication: options.replicationRetry ?? REPLICATION_RETRY, verify: options.verifyRetry ?? VERIFY_RETRY },
    });
    this.run = new JournaledRun(steps, ports, {
      runId,
      collection: JOURNAL_COLLECTION,
      record: (snapshot, createdAt, updatedAt): ProvisioningJournal => ({
        id: runId,
        version: 1,
        createdAt,
        updatedAt,
        status: snapshot.status,
        form: this.form,
        context: this.context,
        created: { ...this.created },
        steps: journaledSteps(snapshot),
      }),
      onChange: (snapshot) => this.options.onChange?.(snapshot, this.created),
      errorContext: () => ({ scope: armScope(this.form.scope), connectionName: this.form.connection.name }),
      ...(options.journal ? { resumeFrom: resumableSteps(options.journal), createdAt: options.journal.createdAt } : {}),
      ...(options.httpWaits ? { httpWaits: options.httpWaits } : {}),
    });
  }

  get runId(): string {
    return this.run.runId;
  }

  get journalProblem(): string | undefined {
    return this.run.journalProblem;
  }

  snapshot(): RunSnapshot {
    return this.run.snapshot();
  }

  /** The secret, for the person who explicitly asked to see it; undefined once dropped. */
  revealSecret(): string | undefined {
    return this.secret.text;
  }

  /** Drops the secret from memory (the Result page closed). */
  dropSecret(): void {
    this.secret.text = undefined;
  }

  /** Changes the form between retries: a new connection name after a name clash, a shorter secret lifetime. */
  amend(change: (form: ProvisioningForm) => ProvisioningForm): void {
    this.form = change(this.form);
  }

  currentForm(): ProvisioningForm {
    return this.form;
  }

  /** Runs the plan; the first journal write (the run id, before any call) is awaited so a closed tab can find the run. */
  start(): Promise<RunSnapshot> {
    return this.run.start(true);
  }

  /** Retries the failed steps; done steps are not repeated. */
  retry(): Promise<RunSnapshot> {
    return this.start();
  }

  cancel(): void {
    this.run.cancel();
  }

  async rollback(): Promise<RunSnapshot> {
    const snapshot = await this.run.rollback();
    if (snapshot.status === "rolledBack") this.secret.text = undefined;
    return snapshot;
  }

  /** TestConnection on the saved connection ("Verify again"); it reuses the secret stored in Azure DevOps. */
  async verifyAgain(): Promise<boolean> {
    const ok = await verifySavedAgain(this.ports.connections, this.context.project.id, this.created);
    await this.run.save();
    return ok;
  }

  private connectionBody() {
    if (credentialOf(this.form) === "federation")
      return buildConnection(this.form, this.context, this.cloud, {
        tenantId: this.form.tenantId,
        appId: this.created.appId!,
        federation: true,
      });
    if (!this.secret.text) {
      throw new ProblemError({
        title: "The client secret is no longer in memory.",
        detail: "The secret is never stored, so after the page was closed it cannot be used again.",
        action: "Choose Retry: a new secret will be added and the old one removed.",
      });
    }
    return buildConnection(this.form, this.context, this.cloud, {
      tenantId: this.form.tenantId,
      appId: this.created.appId!,
      secret: this.secret.text,
    });
  }
}

/**
 * The steps of a journal to resume from. The secret never outlives the page, so unless the connection already holds
 * it, adding the secret (and verifying with it) must run again: a new secret replaces the journaled one.
 */
function resumableSteps(journal: ProvisioningJournal) {
  const secretPath = credentialOf(journal.form) === "secret";
  return journal.steps.map((step) => {
    if (secretPath && !journal.created.endpointId && (step.id === "addSecret" || step.id === "verify"))
      return { ...step, status: "waiting" as const };
    // Journal writes are not awaited, so the journal can lag behind the calls: a step it shows as not yet done may have
    // started, and created something, before the page closed. Marked so, a rollback undoes it too (each undo is safe when
    // there is nothing to remove); a resume runs it as a retry, looking first for what it may have made.
    return step.status === "done" || step.status === "skipped" ? step : { ...step, status: "running" as const };
  });
}
