import { CancelledError } from "../../platform/clock";
import { describeError, type ErrorContext } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { LeftBehindError, type LeftObject } from "./leftBehind";
import type { RunSnapshot, RunStatus, StepDefinition, StepReporter, StepState, StepWaitSource } from "./workflowTypes";

export interface WorkflowRunOptions {
  /** Called on every change, with a fresh snapshot (the UI renders it; the journal saves it). */
  onChange?: (snapshot: RunSnapshot) => void;
  now?: () => number;
  /** Extra words for error messages (scope, connection name). */
  errorContext?: () => Omit<ErrorContext, "step">;
  /** States from a journal, to resume where an earlier run stopped. */
  resumeFrom?: StepState[];
  /** HTTP-level waits (throttling) shown on the running step. */
  httpWaits?: StepWaitSource;
  /**
   * A failed step stops only the steps that depend on it; independent steps go on (a run over many scopes, where one
   * scope's failure must not hold up the others).
   */
  keepGoing?: boolean;
  /** Steps an earlier partial rollback retired (from a journal): never run again, and settled for their dependents. */
  retired?: readonly string[];
  /** At most this many steps at once (a run over many scopes stays within ARM's and Graph's throttling); no bound if unset. */
  maxParallel?: number;
}

/**
 * Runs steps as a dependency graph: every step whose dependencies are done starts at once, so independent calls run in
 * parallel and the run takes as long as its critical path. On a failure no new step starts; the person can retry the
 * failed steps (each step is idempotent) or roll back every step that did something, newest first.
 */
export class WorkflowRun {
  private readonly states = new Map<string, StepState>();
  private status: RunStatus = "ready";
  private problem: Problem | undefined;
  private leftBehind: LeftObject[] = [];
  private controller = new AbortController();
  /** Steps in the order they finished, for rollback in reverse. */
  private readonly completed: string[] = [];
  /** Steps a journal shows as started but not finished (the page closed): they may have created something. */
  private readonly interrupted = new Set<string>();
  private readonly now: () => number;
  /** Steps a partial rollback undid: they never run again, and count as settled for the steps that depend on them. */
  private readonly retired: Set<string>;

  constructor(
    private readonly steps: StepDefinition[],
    private readonly options: WorkflowRunOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.retired = new Set(options.retired ?? []);
    for (const step of steps) {
      const resumed = options.resumeFrom?.find((s) => s.id === step.id);
      const status = resumed?.status === "done" || resumed?.status === "skipped" ? resumed.status : "waiting";
      this.states.set(step.id, {
        id: step.id,
        title: step.title,
        status,
        ...(status === "done" && resumed?.note ? { note: resumed.note } : {}),
      });
      if (status === "done") this.completed.push(step.id);
      if (resumed && ["running", "failed", "undoing"].includes(resumed.status)) this.interrupted.add(step.id);
    }
  }

  snapshot(): RunSnapshot {
    return {
      status: this.status,
      steps: this.steps.map((s) => ({ ...this.states.get(s.id)! })),
      ...(this.problem ? { problem: this.problem } : {}),
      ...(this.leftBehind.length > 0 ? { leftBehind: [...this.leftBehind] } : {}),
    };
  }

  private changed(): void {
    this.options.onChange?.(this.snapshot());
  }

  private update(id: string, patch: Partial<StepState>): void {
    const state = this.states.get(id)!;
    Object.assign(state, patch);
    if (patch.waiting === undefined && "waiting" in patch) delete state.waiting;
    this.changed();
  }

  /** Cancels waits and stops starting steps; the run ends failed with a "cancelled" problem, ready to retry or roll back. */
  cancel(): void {
    this.controller.abort();
  }

  /** Runs (or, after a failure, retries) every step that is not done yet. Resolves with the final snapshot. */
  async run(): Promise<RunSnapshot> {
    if (this.status === "running" || this.status === "rollingBack") throw new Error("The run is already in progress.");
    if (this.status === "rolledBack" || this.status === "rollbackIncomplete") throw new Error("A rolled-back run cannot run again.");
    this.leftBehind = [];
    this.controller = new AbortController();
    this.problem = undefined;
    this.status = "running";
    for (const state of this.states.values()) {
      if ((state.status === "failed" || state.status === "running") && !this.retired.has(state.id)) {
        delete state.problem;
        state.status = "waiting";
      }
    }
    this.changed();

    const running = new Map<string, Promise<void>>();
    let failed = false;
    for (;;) {
      // After a failure or a Cancel no new step starts; steps under way finish (their calls may already have acted).
      if ((!failed || this.options.keepGoing) && !this.controller.signal.aborted) {
        for (const step of this.steps) {
          const state = this.states.get(step.id)!;
          if (running.size >= (this.options.maxParallel ?? Infinity)) break;
          if (state.status !== "waiting" || running.has(step.id) || this.retired.has(step.id)) continue;
          const ready = step.dependsOn.every((d) => this.settled(d));
          if (!ready) continue;
          if (step.enabled && !step.enabled()) {
            this.update(step.id, { status: "skipped" });
            continue;
          }
          running.set(
            step.id,
            this.runStep(step).then((ok) => {
              running.delete(step.id);
              if (!ok) failed = true;
            }),
          );
        }
      }
      if (running.size === 0) break;
      await Promise.race(running.values());
    }

    const allDone = [...this.states.keys()].every((id) => this.settled(id));
    this.status = allDone ? "succeeded" : "failed";
    if (!allDone && !this.problem && this.controller.signal.aborted) {
      this.problem = {
        title: "The run was cancelled.",
        detail: "You cancelled it before every step had run; the steps already done are kept.",
        action: "Choose Retry to continue, or Roll back.",
      };
    }
    if (!allDone && !this.problem) {
      this.problem = {
        title: "The run stopped.",
        detail: "A step could not start because an earlier one did not finish.",
        action: "Choose Retry, or Roll back.",
      };
    }
    this.changed();
    return this.snapshot();
  }

  private settled(id: string): boolean {
    return this.retired.has(id) || ["done", "skipped"].includes(this.states.get(id)!.status);
  }

  /** The steps a partial rollback retired, for the journal. */
  retiredSteps(): string[] {
    return [...this.retired];
  }

  private async runStep(step: StepDefinition): Promise<boolean> {
    this.update(step.id, { status: "running", startedAt: this.now() });
    delete this.states.get(step.id)!.endedAt;
    const reporter: StepReporter = {
      waiting: (info) => this.update(step.id, { waiting: info }),
      note: (text) => this.update(step.id, { note: text }),
      signal: this.controller.signal,
    };
    const detach = this.options.httpWaits?.attach(reporter);
    try {
      await step.run(reporter);
      detach?.();
      this.completed.push(step.id);
      this.update(step.id, { status: "done", endedAt: this.now(), waiting: undefined });
      return true;
    } catch (error) {
      detach?.();
      const problem = describeError(error instanceof CancelledError || this.controller.signal.aborted ? new CancelledError() : error, {
        step: step.errorStep ?? step.title,
        ...this.options.errorContext?.(),
      });
      this.problem ??= problem;
      // A clean-up step that could not remove some objects names them, as an incomplete rollback does.
      if (error instanceof LeftBehindError) this.leftBehind.push(...error.lefts);
      this.update(step.id, { status: "failed", endedAt: this.now(), problem, waiting: undefined });
      return false;
    }
  }

  /**
   * Undoes every step that did something, newest first. Each undo is safe when there is nothing left to remove. An undo
   * that fails does not stop the rollback: the rest is undone, and the run ends "rollbackIncomplete" naming each object
   * left; rolling back again tries only those.
   */
  async rollback(only?: (stepId: string) => boolean): Promise<RunSnapshot> {
    if (this.status === "running") throw new Error("Cancel the run before rolling back.");
    if (only) return this.rollbackPart(only);
    this.status = "rollingBack";
    this.problem = undefined;
    this.leftBehind = [];
    this.changed();
    const order = [...this.completed].reverse();
    // A step that failed, or was under way when an earlier page closed, may still have created something (its answer
    // lost): undo it too.
    for (const step of this.steps) {
      const unfinished = this.states.get(step.id)!.status === "failed" || this.interrupted.has(step.id);
      if (unfinished && !order.includes(step.id)) order.unshift(step.id);
    }
    for (const id of order) {
      const step = this.steps.find((s) => s.id === id)!;
      if (!step.undo) continue;
      if (await this.undoStep(step)) {
        this.forget(id);
      }
    }
    if (this.leftBehind.length > 0) {
      this.status = "rollbackIncomplete";
      this.changed();
      return this.snapshot();
    }
    // A done step without an undo of its own made nothing that outlives the rollback (a principal and secret go with
    // their app, pipeline permissions with their connection, a verification leaves nothing): it must not still read "Done".
    for (const state of this.states.values()) if (state.status === "done") state.status = "undone";
    this.completed.length = 0;
    this.interrupted.clear();
    this.status = "rolledBack";
    this.changed();
    return this.snapshot();
  }

  /**
   * Undoes only the chosen steps (one scope of a run over many), newest first, and retires them: they never run again,
   * and the rest of the run goes on without them. An undo that fails stays "failed" and is tried again by the next
   * rollback; the run is then "failed" with the objects left named, else as its remaining steps say.
   */
  private async rollbackPart(only: (stepId: string) => boolean): Promise<RunSnapshot> {
    const before = this.status;
    this.status = "rollingBack";
    this.problem = undefined;
    this.leftBehind = [];
    this.changed();
    const order = [...this.completed].reverse().filter(only);
    for (const step of this.steps) {
      const unfinished = this.states.get(step.id)!.status === "failed" || this.interrupted.has(step.id);
      if (only(step.id) && unfinished && !order.includes(step.id)) order.unshift(step.id);
    }
    for (const step of this.steps) if (only(step.id)) this.retired.add(step.id);
    for (const id of order) {
      const step = this.steps.find((s) => s.id === id)!;
      if (step.undo && !(await this.undoStep(step))) continue;
      this.forget(id);
      this.update(id, { status: "undone" });
    }
    for (const step of this.steps) {
      const state = this.states.get(step.id)!;
      if (only(step.id) && (state.status === "waiting" || state.status === "skipped")) state.status = "undone";
    }
    const allSettled = [...this.states.keys()].every((id) => this.settled(id) && this.states.get(id)!.status !== "failed");
    this.status = this.leftBehind.length > 0 ? "failed" : allSettled ? "succeeded" : before === "ready" ? "ready" : "failed";
    this.changed();
    return this.snapshot();
  }

  private forget(id: string): void {
    const at = this.completed.indexOf(id);
    if (at >= 0) this.completed.splice(at, 1);
    this.interrupted.delete(id);
  }

  /** One undo; false (with the object reported as left) when it could not remove its object. */
  private async undoStep(step: StepDefinition): Promise<boolean> {
    this.update(step.id, { status: "undoing" });
    try {
      await step.undo!({ note: (text) => this.update(step.id, { note: text }) });
      this.update(step.id, { status: "undone" });
      return true;
    } catch (error) {
      const problem = describeError(error, { step: `Undoing "${step.title}"`, ...this.options.errorContext?.() });
      const left: LeftObject =
        error instanceof LeftBehindError ? error.left : { ...(step.undoTarget?.() ?? { object: step.title }), reason: problem.detail };
      this.problem ??= problem;
      this.leftBehind.push(left);
      // Kept as failed (and in the completed list), so the next rollback tries it again.
      if (!this.completed.includes(step.id)) this.interrupted.add(step.id);
      this.update(step.id, { status: "failed", problem });
      return false;
    }
  }
}
