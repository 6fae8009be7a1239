import type { Cloud } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { JournaledRun, journaledSteps } from "../engine/journaledRun";
import { REPLICATION_RETRY, VERIFY_RETRY } from "../engine/policy";
import type { RunSnapshot, StepState, StepWaitSource } from "../engine/workflowTypes";
import { buildConnection } from "../provisioning/connectionBody";
import { credentialOf, type ProvisioningContext, type ProvisioningForm } from "../provisioning/form";
import type { CreatedObjects } from "../provisioning/journal";
import type { ProvisioningPorts } from "../provisioning/ports";
import { DEFAULT_BULK_CONCURRENCY } from "./bulkLimits";
import type { BulkPlan } from "./bulkPlan";
import type { BulkRunner, BulkSnapshot } from "./bulkRun";
import { sharedAppRows } from "./sharedAppRows";
import { scopeOfStep, scopeRecord, scopeStepId, sharedAppSteps, type SharedAppCreated } from "./sharedAppSteps";

export const SHARED_APP_JOURNAL_COLLECTION = "shared-app-runs";

/** The shared run as its journal keeps it: ids only, never the secret. */
export interface SharedAppJournal {
  id: string;
  version: 1;
  createdAt: string;
  updatedAt: string;
  status: RunSnapshot["status"];
  forms: ProvisioningForm[];
  context: ProvisioningContext;
  created: { app: CreatedObjects; scopes: CreatedObjects[] };
  /** Steps of scopes rolled back on their own ("Roll back failed"). */
  retired: string[];
  steps: StepState[];
}

/** One run for every scope: the app, principal and secret once, then a role and a connection per scope. */
export interface SharedAppPlan {
  runId: string;
  forms: ProvisioningForm[];
  context: ProvisioningContext;
}

/** The shared run's plan from the bulk plan's scopes and names, under one app registration named `appName`. */
export function planSharedApp(plan: BulkPlan, runId: string, appName: string): SharedAppPlan {
  const first = plan.parts[0];
  if (!first) throw new RangeError("A shared app run needs at least one scope.");
  const forms = plan.parts.map((part) => ({ ...part.plan.form, app: { ...part.plan.form.app, displayName: appName } }));
  return { runId, forms, context: first.plan.context };
}

export interface SharedAppRunOptions {
  /** The journal of an earlier run of the same id, after a closed tab: resume from it. */
  journal?: SharedAppJournal;
  onChange?: (snapshot: BulkSnapshot) => void;
  replicationRetry?: RetryPolicy;
  verifyRetry?: RetryPolicy;
  httpWaits?: StepWaitSource;
  /** Steps at once across the scopes (default 4). */
  concurrency?: number;
}

/**
 * Many connections under one app registration, as one journaled run whose steps for each scope are independent: a
 * failed scope stops only its own steps, "Retry failed" reruns them, "Roll back failed" undoes and retires only the
 * failed scopes' role assignments and connections, "Roll back all" removes everything, the app too.
 */
export class SharedAppRun implements BulkRunner {
  private readonly secret: { text?: string } = {};
  private readonly created: SharedAppCreated;
  private readonly run: JournaledRun;
  private readonly tried = new Set<string>();
  private started: boolean;
  private busy = false;

  constructor(
    private readonly plan: SharedAppPlan,
    private readonly cloud: Cloud,
    ports: ProvisioningPorts,
    private readonly options: SharedAppRunOptions = {},
  ) {
    const journal = options.journal;
    const app: CreatedObjects = { ...(journal?.created.app ?? {}) };
    this.created = { app, scopes: plan.forms.map((_, i) => scopeRecord(app, journal?.created.scopes[i])) };
    for (const step of journal?.steps ?? []) this.tried.add(step.id);
    this.started = Boolean(journal);
    const steps = sharedAppSteps({
      runId: plan.runId,
      forms: plan.forms,
      context: plan.context,
      cloud,
      ports,
      created: this.created,
      secret: this.secret,
      firstAttempt: (id) => {
        // After a resume the secret is gone, and connections already made use it: a new one is added beside it rather
        // than sweeping the run's secrets, which would break them.
        const first = !this.tried.has(id) || (id === "addSecret" && this.created.scopes.some((s) => Object.hasOwn(s, "endpointId")));
        this.tried.add(id);
        return first;
      },
      tried: (id) => this.tried.has(id),
      save: () => void this.run.save(),
      connectionBody: (index) => this.connectionBody(index),
      policies: { replication: options.replicationRetry ?? REPLICATION_RETRY, verify: options.verifyRetry ?? VERIFY_RETRY },
    });
    this.run = new JournaledRun(steps, ports, {
      runId: plan.runId,
      collection: SHARED_APP_JOURNAL_COLLECTION,
      record: (snapshot, createdAt, updatedAt): SharedAppJournal => ({
        id: plan.runId,
        version: 1,
        createdAt,
        updatedAt,
        status: snapshot.status,
        forms: plan.forms,
        context: plan.context,
        // Own keys only: each scope's record reads the app's ids through its prototype.
        created: { app: { ...app }, scopes: this.created.scopes.map((s) => ({ ...s })) },
        retired: this.run.retiredSteps(),
        steps: journaledSteps(snapshot),
      }),
      onChange: () => this.changed(),
      keepGoing: true,
      maxParallel: options.concurrency ?? DEFAULT_BULK_CONCURRENCY,
      ...(journal ? { resumeFrom: this.resumable(journal), createdAt: journal.createdAt, retired: journal.retired } : {}),
      ...(options.httpWaits ? { httpWaits: options.httpWaits } : {}),
    });
  }

  get runId(): string {
    return this.plan.runId;
  }

  snapshot(): BulkSnapshot {
    const rows = sharedAppRows(this.plan, this.run.snapshot(), this.run.retiredSteps(), this.created, this.started, this.busy);
    return { rows, busy: this.busy };
  }

  /** Runs every step not done yet (all of them, the first time). */
  start(): Promise<BulkSnapshot> {
    return this.act(() => this.run.start(true));
  }

  /** Reruns the failed steps; what is done is not repeated. */
  retryFailed(): Promise<BulkSnapshot> {
    return this.start();
  }

  /**
   * Undoes the failed scopes' role assignments and connections only, then records the remaining connections on the
   * app. A failure of the app, its principal or its secret fails every scope: that is rolled back as a whole.
   */
  rollbackFailed(): Promise<BulkSnapshot> {
    const steps = this.run.snapshot().steps;
    if (steps.some((s) => s.status === "failed" && scopeOfStep(s.id) === undefined && s.id !== "markApp")) return this.rollbackAll();
    const failedScopes = new Set(steps.filter((s) => s.status === "failed").map((s) => scopeOfStep(s.id)));
    failedScopes.delete(undefined);
    if (failedScopes.size === 0) return Promise.resolve(this.snapshot());
    return this.act(async () => {
      await this.run.rollback((id) => failedScopes.has(scopeOfStep(id)));
      const left = this.run.snapshot().steps;
      if (left.some((s) => s.status === "waiting" && !this.run.retiredSteps().includes(s.id))) await this.run.start();
    });
  }

  /** Removes everything the run made: every connection and role assignment, then the app with its principal and secret. */
  async rollbackAll(): Promise<BulkSnapshot> {
    const snapshot = await this.act(() => this.run.rollback());
    if (this.run.snapshot().status === "rolledBack") this.secret.text = undefined;
    return snapshot;
  }

  cancel(): void {
    this.run.cancel();
  }

  /** The one secret every connection uses, for the person who asked to see it; undefined once dropped. */
  revealSecret(_index: number): string | undefined {
    return this.secret.text;
  }

  dropSecrets(): void {
    this.secret.text = undefined;
  }

  private async act(work: () => Promise<unknown>): Promise<BulkSnapshot> {
    if (this.busy) return this.snapshot();
    this.busy = true;
    this.started = true;
    this.changed();
    try {
      await work();
    } finally {
      this.busy = false;
      this.changed();
    }
    return this.snapshot();
  }

  private changed(): void {
    this.options.onChange?.(this.snapshot());
  }

  private connectionBody(index: number) {
    const form = this.plan.forms[index]!;
    const appId = this.created.app.appId!;
    if (credentialOf(form) === "federation")
      return buildConnection(form, this.plan.context, this.cloud, { tenantId: form.tenantId, appId, federation: true });
    if (!this.secret.text) {
      throw new ProblemError({
        title: "The client secret is no longer in memory.",
        detail: "The secret is never stored, so after the page was closed it cannot be used again.",
        action: "Choose Retry failed: a new secret will be added for the connections not made yet.",
      });
    }
    return buildConnection(form, this.plan.context, this.cloud, { tenantId: form.tenantId, appId, secret: this.secret.text });
  }

  /**
   * As a single run resumes: the secret never outlives the page, so unless every connection already holds it, the
   * secret (and each Verify still to do) runs again; a step the journal shows unfinished may have acted, and is retried.
   */
  private resumable(journal: SharedAppJournal): StepState[] {
    const made = (index: number) => Object.hasOwn(this.created.scopes[index] ?? {}, "endpointId");
    const waiting = (index: number) => !made(index) && !journal.retired.includes(scopeStepId("createConnection", index));
    const allMade = this.plan.forms.every((_, index) => !waiting(index));
    return journal.steps.map((step) => {
      const index = scopeOfStep(step.id);
      const again = step.id === "addSecret" ? !allMade : step.id.startsWith("verify#") && index !== undefined && waiting(index);
      if (again) return { ...step, status: "waiting" as const };
      return step.status === "done" || step.status === "skipped" ? step : { ...step, status: "running" as const };
    });
  }
}
