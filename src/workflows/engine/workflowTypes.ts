import type { Problem } from "../../platform/problem";
import type { LeftObject } from "./leftBehind";

export type { LeftObject };

/** A step waiting before it tries again: why, for how long now, and how long it may wait in all. */
export interface WaitState {
  reason: string;
  /** This wait. */
  delayMs: number;
  /** All waits of the step so far, this one included. */
  waitedMs: number;
  maxTotalWaitMs: number;
}

export type StepStatus = "waiting" | "running" | "done" | "failed" | "skipped" | "undoing" | "undone";

/** What the person sees of one step: its state, timing, and any wait it is in (a visible replication wait). */
export interface StepState {
  id: string;
  title: string;
  status: StepStatus;
  startedAt?: number;
  endedAt?: number;
  problem?: Problem;
  /** Set while the step waits before trying again, e.g. for Azure to replicate a new principal. */
  waiting?: WaitState;
  /** A short line of outcome, e.g. "Verified" or "Saved without verification". */
  note?: string;
}

/**
 * "rollbackIncomplete": a rollback undid what it could and names what it could not (`leftBehind`); rolling back again
 * tries only those. "rollbackFailed" is read from journals of earlier versions, which stopped at the first failed undo.
 */
export type RunStatus =
  "ready" | "running" | "succeeded" | "failed" | "rollingBack" | "rolledBack" | "rollbackIncomplete" | "rollbackFailed";

export interface RunSnapshot {
  status: RunStatus;
  steps: StepState[];
  /** The failure that stopped the run or its rollback. */
  problem?: Problem;
  /** After an incomplete rollback: each object left, why, and where to remove it. */
  leftBehind?: LeftObject[];
}

/** What an undo can say while it runs: e.g. that the object was not this run's and was left alone. */
export interface UndoReporter {
  note(text: string): void;
}

/** What a step can do while it runs: say what it waits for, and add a note to its line. */
export interface StepReporter {
  waiting(info: WaitState | undefined): void;
  note(text: string): void;
  /** Aborted when the person cancels; waits end at once. */
  signal: AbortSignal;
}

/** Waits a step did not start itself (the HTTP helper's retries), shown on it while it runs: attach returns a detach. */
export interface StepWaitSource {
  attach(reporter: StepReporter): () => void;
}

export interface StepDefinition {
  id: string;
  title: string;
  /** Steps that must be done first; steps with no unmet dependency run in parallel. */
  dependsOn: string[];
  /** Whether the step applies to this run at all (e.g. no co-owners chosen); skipped when false. */
  enabled?: () => boolean;
  /** Does the work; must be safe to run again after a failure or an interruption (idempotent). */
  run(reporter: StepReporter): Promise<void>;
  /**
   * Removes what the step created; must succeed when there is nothing left to remove. Throws LeftBehindError (or any
   * error) when its object could not be removed: the rollback goes on and reports it.
   */
  undo?(reporter: UndoReporter): Promise<void>;
  /** What the undo would remove, for the report when it fails with a plain error. */
  undoTarget?(): { object: string; link?: string };
  /** Words for errors of this step ("Creating the app registration"). */
  errorStep?: string;
}
