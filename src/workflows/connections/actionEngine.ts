import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { Clock } from "../../platform/clock";
import type { Problem } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { retryStep } from "../engine/retryStep";
import { WorkflowRun } from "../engine/workflowRun";
import type { RunSnapshot, RunStatus, StepDefinition, StepReporter, StepState } from "../engine/workflowTypes";
import type { ActionTarget } from "./ports";

/**
 * What the Connections tab's actions (rotation, deletion, conversion, secret removal) share: the workflow engine of
 * the guided form (steps with dependencies, undo, retry, rollback, progress snapshots), a bounded and visible wait
 * for replication, and a journal in the person's extension data with ids only, as provisioning keeps one.
 */
export const ACTIONS_COLLECTION = "connection-actions";

export type ActionKind = "rotation" | "deletion" | "conversion" | "secretRemoval";

export interface ActionJournal {
  id: string;
  version: 1;
  kind: ActionKind;
  endpointId: string;
  connectionName: string;
  createdAt: string;
  updatedAt: string;
  status: RunStatus;
  /** Ids of what the action made or removed (a key id, a federated credential id), never a secret. */
  created: Record<string, unknown>;
  steps: StepState[];
}

export interface ActionOptions<C> {
  runId: string;
  onChange?: (snapshot: RunSnapshot, created: Readonly<C>) => void;
  /** Bounded waits for Azure to accept a new secret or federated credential (shortened in tests). */
  verifyRetry?: RetryPolicy;
}

export interface EnginePorts {
  clock: Clock;
  journal: DocumentStore;
}

export class ActionEngine<C extends object> {
  private readonly run: WorkflowRun;
  private snapshotValue: RunSnapshot;
  private readonly createdAt: string;
  private saving: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  /** A problem kept across an automatic rollback, so the person still reads why the action stopped. */
  private keptProblem: Problem | undefined;
  journalProblem: string | undefined;

  constructor(
    private readonly kind: ActionKind,
    private readonly target: Pick<ActionTarget, "endpointId" | "connectionName">,
    private readonly created: C,
    steps: StepDefinition[],
    private readonly ports: EnginePorts,
    private readonly options: ActionOptions<C>,
    errorScope?: string,
  ) {
    this.createdAt = new Date(ports.clock.now()).toISOString();
    this.run = new WorkflowRun(steps, {
      now: () => ports.clock.now(),
      onChange: (snapshot) => {
        this.snapshotValue = this.withKeptProblem(snapshot);
        this.options.onChange?.(this.snapshotValue, this.created);
      },
      errorContext: () => ({ connectionName: target.connectionName, ...(errorScope ? { scope: errorScope } : {}) }),
    });
    this.snapshotValue = this.run.snapshot();
  }

  get runId(): string {
    return this.options.runId;
  }

  snapshot(): RunSnapshot {
    return this.snapshotValue;
  }

  private withKeptProblem(snapshot: RunSnapshot): RunSnapshot {
    return this.keptProblem && !snapshot.problem ? { ...snapshot, problem: this.keptProblem } : snapshot;
  }

  async start(): Promise<RunSnapshot> {
    this.keptProblem = undefined;
    void this.save();
    const snapshot = await this.run.run();
    await this.save();
    return snapshot;
  }

  cancel(): void {
    this.run.cancel();
  }

  async rollback(): Promise<RunSnapshot> {
    const snapshot = this.withKeptProblem(await this.run.rollback());
    this.snapshotValue = snapshot;
    await this.save();
    return snapshot;
  }

  /** Rolls back after a failure, keeping the failure's problem on the snapshot (what stopped the action). */
  async rollbackAfterFailure(): Promise<RunSnapshot> {
    this.keptProblem = this.snapshotValue.problem;
    const snapshot = await this.rollback();
    this.options.onChange?.(snapshot, this.created);
    return snapshot;
  }

  /** Waits and tries again while `reason` names a replication delay; the wait shows on the step and is bounded. */
  waitFor<T>(reporter: StepReporter, policy: RetryPolicy, operation: () => Promise<T>, reason: (error: unknown) => string | undefined): Promise<T> {
    return retryStep(reporter, this.ports.clock, policy, operation, reason);
  }

  private record(): ActionJournal {
    return {
      id: this.options.runId,
      version: 1,
      kind: this.kind,
      endpointId: this.target.endpointId,
      connectionName: this.target.connectionName,
      createdAt: this.createdAt,
      updatedAt: new Date(this.ports.clock.now()).toISOString(),
      status: this.snapshotValue.status,
      created: { ...(this.created as Record<string, unknown>) },
      steps: this.snapshotValue.steps.map(({ problem: _problem, waiting: _waiting, ...step }) => step),
    };
  }

  /** Serialized, coalesced journal writes (the newest record wins); a failed write is reported, never fatal. */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.saving.then(() => {
      this.queued = undefined;
      return this.ports.journal.put(ACTIONS_COLLECTION, this.record()).then(
        () => {
          this.journalProblem = undefined;
        },
        (error: unknown) => {
          this.journalProblem = `The action's journal could not be saved (${error instanceof Error ? error.message : String(error)}).`;
        },
      );
    });
    this.queued = next;
    this.saving = next;
    return next;
  }
}

/** Actions of this person that ended neither succeeded nor rolled back, newest first, by connection. */
export async function unfinishedActions(store: DocumentStore): Promise<ActionJournal[]> {
  const all = await store.list<ActionJournal>(ACTIONS_COLLECTION);
  return all
    .filter((j) => j && j.version === 1 && j.status !== "succeeded" && j.status !== "rolledBack" && j.status !== "ready")
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * What every action of the Connections tab offers its page, on top of the engine. By default an action only goes
 * forward: Retry goes on from the step that failed, and what is done stays done (no rollback).
 */
export abstract class EngineAction<C extends object> {
  /** Set by the subclass's constructor, once its steps exist. */
  protected engine!: ActionEngine<C>;

  get runId(): string {
    return this.engine.runId;
  }

  snapshot(): RunSnapshot {
    return this.engine.snapshot();
  }

  start(): Promise<RunSnapshot> {
    return this.engine.start();
  }

  retry(): Promise<RunSnapshot> {
    return this.start();
  }

  canRollBack(): boolean {
    return false;
  }

  cancel(): void {
    this.engine.cancel();
  }
}
