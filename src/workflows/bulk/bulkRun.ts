import { describeError } from "../../platform/describeError";
import { inPool } from "../../platform/pool";
import type { Problem } from "../../platform/problem";
import type { RunSnapshot, RunStatus } from "../engine/workflowTypes";
import type { ScopeChoice } from "../provisioning/form";
import type { CreatedObjects } from "../provisioning/journal";
import type { ProvisioningPlan } from "../provisioning/plan";
import type { ProvisioningRun } from "../provisioning/provisioningRun";
import { DEFAULT_BULK_CONCURRENCY } from "./bulkLimits";
import type { BulkPlan } from "./bulkPlan";

/** What a bulk run needs of each scope's run: the provisioning run itself (journaled, retried, rolled back as one). */
export type PartRun = Pick<
  ProvisioningRun,
  "runId" | "created" | "snapshot" | "start" | "retry" | "rollback" | "cancel" | "revealSecret" | "dropSecret"
>;

/** Starts one scope's run of its plan; the hub's startRun, so each part is exactly a single run. */
export type PartRunFactory = (
  plan: ProvisioningPlan,
  onChange: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void,
) => PartRun;

/** One scope's line: "ready" until its run starts. */
export interface BulkRow {
  index: number;
  runId: string;
  scope: ScopeChoice;
  appName: string;
  connectionName: string;
  roleName: string;
  status: RunStatus;
  created: Readonly<CreatedObjects>;
  problem?: Problem;
}

export interface BulkSnapshot {
  rows: BulkRow[];
  /** An action (start, retry, roll back) is under way. */
  busy: boolean;
}

type Action = "start" | "retry" | "rollback";

/** What the bulk run page drives: a run per scope (BulkRun), or one run under a shared app (SharedAppRun). */
export interface BulkRunner {
  snapshot(): BulkSnapshot;
  start(): Promise<BulkSnapshot>;
  retryFailed(): Promise<BulkSnapshot>;
  rollbackFailed(): Promise<BulkSnapshot>;
  rollbackAll(): Promise<BulkSnapshot>;
  cancel(): void;
  revealSecret(index: number): string | undefined;
  dropSecrets(): void;
}

/**
 * Many connections in one run: each scope's part is a provisioning run of its own plan (its own journal, retry and
 * rollback), at most `concurrency` parts at a time. A failed part never stops the others.
 */
export class BulkRun implements BulkRunner {
  private readonly runs = new Map<number, PartRun>();
  private readonly rows: BulkRow[];
  private busy = false;
  private cancelled = false;

  constructor(
    private readonly plan: BulkPlan,
    private readonly startPart: PartRunFactory,
    private readonly options: { concurrency?: number; onChange?: (snapshot: BulkSnapshot) => void } = {},
  ) {
    this.rows = plan.parts.map((part, index) => ({
      index,
      runId: part.plan.runId,
      scope: part.scope,
      appName: part.plan.form.app.displayName,
      connectionName: part.plan.form.connection.name,
      roleName: part.plan.form.role.roleName,
      status: "ready",
      created: {},
    }));
  }

  snapshot(): BulkSnapshot {
    return { rows: this.rows.map((row) => ({ ...row })), busy: this.busy };
  }

  /** Runs every part not started yet. */
  start(): Promise<BulkSnapshot> {
    return this.act((row) => row.status === "ready", "start");
  }

  /** Runs the failed parts again; done steps of each are not repeated, parts that succeeded are not touched. */
  retryFailed(): Promise<BulkSnapshot> {
    return this.act((row) => row.status === "failed", "retry");
  }

  /** Removes what the failed parts created (and tries again what an earlier rollback left). */
  rollbackFailed(): Promise<BulkSnapshot> {
    return this.act((row) => isFailed(row.status), "rollback");
  }

  /** Removes what every part created. */
  rollbackAll(): Promise<BulkSnapshot> {
    return this.act((row) => this.runs.has(row.index) && row.status !== "rolledBack", "rollback");
  }

  /** Stops the parts in flight; parts not started stay so. */
  cancel(): void {
    this.cancelled = true;
    for (const run of this.runs.values()) run.cancel();
  }

  /** One connection's secret, for the person who asked to see that one. */
  revealSecret(index: number): string | undefined {
    return this.runs.get(index)?.revealSecret();
  }

  dropSecrets(): void {
    for (const run of this.runs.values()) run.dropSecret();
  }

  private async act(which: (row: BulkRow) => boolean, action: Action): Promise<BulkSnapshot> {
    if (this.busy) return this.snapshot();
    const chosen = this.rows.filter(which);
    this.busy = true;
    this.cancelled = false;
    this.changed();
    try {
      await inPool(chosen, this.options.concurrency ?? DEFAULT_BULK_CONCURRENCY, (row) => this.actOn(row, action));
    } finally {
      this.busy = false;
      this.changed();
    }
    return this.snapshot();
  }

  private async actOn(row: BulkRow, action: Action): Promise<void> {
    if (this.cancelled && action !== "rollback") return;
    const run = this.runs.get(row.index) ?? this.newRun(row);
    try {
      const snapshot = action === "rollback" ? await run.rollback() : action === "retry" ? await run.retry() : await run.start();
      this.update(row, snapshot, run.created);
    } catch (error) {
      // A run reports its failures in its snapshot; anything thrown past it still ends only this part.
      row.status = action === "rollback" ? "rollbackIncomplete" : "failed";
      row.problem = describeError(error, { step: action === "rollback" ? "Rolling back" : "Creating the connection" });
      this.changed();
    }
  }

  private newRun(row: BulkRow): PartRun {
    const run = this.startPart(this.plan.parts[row.index]!.plan, (snapshot, created) => this.update(row, snapshot, created));
    this.runs.set(row.index, run);
    return run;
  }

  private update(row: BulkRow, snapshot: RunSnapshot, created: Readonly<CreatedObjects>): void {
    row.status = snapshot.status;
    row.created = { ...created };
    if (snapshot.problem) row.problem = snapshot.problem;
    else delete row.problem;
    this.changed();
  }

  private changed(): void {
    this.options.onChange?.(this.snapshot());
  }
}

function isFailed(status: RunStatus): boolean {
  return status === "failed" || status === "rollbackIncomplete" || status === "rollbackFailed";
}

export interface BulkTally {
  verified: number;
  /** Saved, but Verify did not pass (or was not asked for). */
  unverified: number;
  failed: number;
  rolledBack: number;
  /** Not started, or under way. */
  pending: number;
}

export function tallyRows(rows: readonly BulkRow[]): BulkTally {
  const tally: BulkTally = { verified: 0, unverified: 0, failed: 0, rolledBack: 0, pending: 0 };
  for (const row of rows) {
    if (row.status === "succeeded") tally[row.created.verified === true ? "verified" : "unverified"]++;
    else if (isFailed(row.status)) tally.failed++;
    else if (row.status === "rolledBack") tally.rolledBack++;
    else tally.pending++;
  }
  return tally;
}

/** "9 created and verified, 1 failed": what the run came to, in one line. */
export function summaryText(rows: readonly BulkRow[]): string {
  const t = tallyRows(rows);
  const parts = [
    t.verified > 0 ? `${t.verified} created and verified` : "",
    t.unverified > 0 ? `${t.unverified} created, not verified` : "",
    t.failed > 0 ? `${t.failed} failed` : "",
    t.rolledBack > 0 ? `${t.rolledBack} rolled back` : "",
    t.pending > 0 ? `${t.pending} not finished` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "Nothing to do";
}
