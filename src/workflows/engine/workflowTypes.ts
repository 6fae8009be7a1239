import type { Problem } from "../../platform/problem";

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

export type RunStatus = "ready" | "running" | "succeeded" | "failed" | "rollingBack" | "rolledBack" | "rollbackFailed";

export interface RunSnapshot {
  status: RunStatus;
  steps: StepState[];
  /** The failure that stopped the run or its rollback. */
  problem?: Problem;
}

/** What a step can do while it runs: say what it waits for, and add a note to its line. */
export interface StepReporter {
  waiting(info: WaitState | undefined): void;
  note(text: string): void;
  /** Aborted when the person cancels; waits end at once. */
  signal: AbortSignal;
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
  /** Removes what the step created; must succeed when there is nothing left to remove. */
  undo?(): Promise<void>;
  /** Words for errors of this step ("Creating the app registration"). */
  errorStep?: string;
}
