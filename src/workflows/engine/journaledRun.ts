import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { Clock } from "../../platform/clock";
import type { ErrorContext } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { WorkflowRun } from "./workflowRun";
import type { RunSnapshot, StepDefinition, StepState, StepWaitSource } from "./workflowTypes";

/** What every journaled run needs from outside: time, and the person's own extension data (User scope). */
export interface JournalPorts {
  clock: Clock;
  journal: DocumentStore;
}

export interface JournaledRunOptions {
  runId: string;
  /** The collection of extension data the journal is written to. */
  collection: string;
  /** The record to write, built from the newest snapshot; ids only, never a secret. */
  record: (snapshot: RunSnapshot, createdAt: string, updatedAt: string) => { id: string };
  /** Called on every change with the newest snapshot. */
  onChange?: (snapshot: RunSnapshot) => void;
  errorContext?: () => Omit<ErrorContext, "step">;
  /** States from a journal, to resume where an earlier run stopped. */
  resumeFrom?: StepState[];
  /** When an earlier run began (a resumed journal keeps its date). */
  createdAt?: string;
  /** Words for a failed journal write ("The run's journal", "The action's journal"). */
  journalName?: string;
  /** HTTP-level waits (throttling) shown on the running step. */
  httpWaits?: StepWaitSource;
  /** A failed step stops only its dependents (a run over many scopes); see WorkflowRunOptions. */
  keepGoing?: boolean;
  /** Steps an earlier partial rollback retired, from the journal. */
  retired?: readonly string[];
  /** At most this many steps at once; no bound if unset. */
  maxParallel?: number;
}

/**
 * The one journaled run: steps run by the engine (parallel where independent, retry, rollback, resume, cancel), its
 * journal written after every change. Every flow (provisioning, rotation, deletion, conversion, secret removal) is a
 * list of steps handed to this; the steps wait out replication through the resource modules.
 */
export class JournaledRun {
  private readonly engine: WorkflowRun;
  private snapshotValue: RunSnapshot;
  private readonly createdAt: string;
  private saving: Promise<void> = Promise.resolve();
  /** A save waiting for the one in flight; it writes the newest record when it starts, so later saves join it. */
  private queued: Promise<void> | undefined;
  /** A problem kept across an automatic rollback, so the person still reads why the run stopped. */
  private keptProblem: Problem | undefined;
  /** Set when the journal could not be written; the run goes on, but could not be resumed after a closed tab. */
  journalProblem: string | undefined;

  constructor(
    steps: StepDefinition[],
    private readonly ports: JournalPorts,
    private readonly options: JournaledRunOptions,
  ) {
    this.createdAt = options.createdAt ?? new Date(ports.clock.now()).toISOString();
    this.engine = new WorkflowRun(steps, {
      now: () => ports.clock.now(),
      onChange: (snapshot) => {
        this.snapshotValue = this.withKeptProblem(snapshot);
        this.options.onChange?.(this.snapshotValue);
      },
      ...(options.errorContext ? { errorContext: options.errorContext } : {}),
      ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
      ...(options.httpWaits ? { httpWaits: options.httpWaits } : {}),
      ...(options.keepGoing ? { keepGoing: true } : {}),
      ...(options.retired ? { retired: options.retired } : {}),
      ...(options.maxParallel ? { maxParallel: options.maxParallel } : {}),
    });
    this.snapshotValue = this.engine.snapshot();
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

  /**
   * Runs (or retries) every step not done yet. The first journal write (the run id, before any call) and the last are
   * awaited when `awaitFirstWrite`; the writes between never hold a step up.
   */
  async start(awaitFirstWrite = false): Promise<RunSnapshot> {
    this.keptProblem = undefined;
    const first = this.save();
    if (awaitFirstWrite) await first;
    const snapshot = await this.engine.run();
    await this.save();
    return snapshot;
  }

  cancel(): void {
    this.engine.cancel();
  }

  /** The steps a partial rollback retired, for the journal record. */
  retiredSteps(): string[] {
    return this.engine.retiredSteps();
  }

  /** Undoes every step, or with `only` just those (retired: they never run again), newest first. */
  async rollback(only?: (stepId: string) => boolean): Promise<RunSnapshot> {
    const snapshot = this.withKeptProblem(await this.engine.rollback(only));
    this.snapshotValue = snapshot;
    await this.save();
    return snapshot;
  }

  /** Rolls back after a failure, keeping the failure's problem on the snapshot (what stopped the run). */
  async rollbackAfterFailure(): Promise<RunSnapshot> {
    this.keptProblem = this.snapshotValue.problem;
    const snapshot = await this.rollback();
    this.options.onChange?.(snapshot);
    return snapshot;
  }

  /**
   * Writes the journal. Writes are serialized so a slow save never overwrites a newer one, and coalesced: a save
   * queued behind the one in flight writes the newest record when it starts, so later saves join it.
   */
  save(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.saving.then(() => {
      this.queued = undefined;
      const record = this.options.record(this.snapshotValue, this.createdAt, new Date(this.ports.clock.now()).toISOString());
      return this.ports.journal.put(this.options.collection, record).then(
        () => {
          this.journalProblem = undefined;
        },
        (error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          this.journalProblem =
            `${this.options.journalName ?? "The run's journal"} could not be saved (${why}); if this page ` +
            `closes, the run cannot be resumed.`;
        },
      );
    });
    this.queued = next;
    this.saving = next;
    return next;
  }
}

/** The steps of a snapshot as a journal keeps them: no problem text, no wait in progress. */
export function journaledSteps(snapshot: RunSnapshot): StepState[] {
  return snapshot.steps.map(({ problem: _problem, waiting: _waiting, ...step }) => step);
}
