// @vitest-environment jsdom
/**
 * The guided form's fault matrix: every step × every fault, in process (workflows + Azure in a box, fake clock), so the
 * whole table runs in seconds. For each cell the run must either succeed, or stop with a Problem (title, detail,
 * action) that offers Retry and Roll back; Retry must then finish without a second object, and Roll back must leave
 * none of the run's objects in the model. A transient fault (throttling, 503, one 500 or dropped connection on an
 * idempotent call, replication) must be ridden through: the run ends succeeded and verified with no click at all. A
 * cell that hangs fails. Cells that do not apply are not generated, and every generated cell must assert something.
 * The table is printed at the end.
 */
import { SEED } from "../../../emulator/model/seed";
import type { Problem } from "../../../src/platform/problem";
import type { RunSnapshot, StepStatus, WaitState } from "../../../src/workflows/engine/workflowTypes";
import { JOURNAL_COLLECTION, unfinishedRuns, type ProvisioningJournal } from "../../../src/workflows/provisioning/journal";
import type { ProvisioningRun } from "../../../src/workflows/provisioning/provisioningRun";
import { createWorld, formFor, type World } from "../../support/inProcessAzure";
import { expectNothingLeftBehind, expectProvisioned } from "../../support/provisioningState";
import { FAULTS, PROVISIONING_STEPS, RETRY_AFTER_SECONDS, type FaultColumn, type StepRow } from "./provisioningFaults";
import { cachingClients, intercept, within } from "./support/faultKit";
import { printMatrix, type Cell } from "./support/matrixTable";

/** Real time any one run, retry or rollback may take before the cell counts as hung. */
const HANG_MS = 5_000;
/** Co-owners on, so that every step of the run is exercised. */
const FORM = () => formFor("Subscription", { app: { coOwnerIds: [SEED.users.member] } });

interface Observed {
  world: World;
  run: ProvisioningRun;
  snapshot: RunSnapshot;
  before: ReturnType<World["state"]>;
  waits: WaitState[];
  problems: Problem[];
  signInAgain: () => Promise<unknown>;
  /** The service recovers: every injected fault is removed. */
  recover: () => void;
}

function expectClearProblem(problem: Problem | undefined): asserts problem is Problem {
  expect(problem, "a stopped run says why").toBeDefined();
  for (const part of ["title", "detail", "action"] as const) {
    expect(problem![part].trim().length, `problem.${part}`).toBeGreaterThan(10);
    // Words for a person, not a service's JSON body.
    expect(problem![part], `problem.${part} holds raw JSON`).not.toMatch(/[{}]|"\w+"\s*:/);
  }
  expect(problem!.title).toMatch(/\.$/);
}

/** Waits until the in-process world has gone quiet (no request for a few turns of the event loop). */
async function settled(world: World): Promise<void> {
  let seen = -1;
  while (seen !== world.requests.length) {
    seen = world.requests.length;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Builds a world with the fault in place and starts the run; for an interruption, returns once the page has "closed". */
async function faultedRun(
  row: StepRow,
  column: FaultColumn,
): Promise<Observed & { interrupted?: ProvisioningJournal; statusAtCancel?: Map<string, StepStatus> }> {
  const world = createWorld();
  const interceptor = intercept(world);
  const { ports, signIn } = cachingClients(world);
  const waits: WaitState[] = [];
  const problems: Problem[] = [];
  // Cancel is pressed from inside a request of the run, so the fault is injected before the run exists.
  const current: { run?: ProvisioningRun } = {};
  let statusAtCancel: Map<string, StepStatus> | undefined;
  column.inject({
    world,
    interceptor,
    row,
    cancelRun: () => {
      statusAtCancel = new Map(current.run!.snapshot().steps.map((s) => [s.id, s.status]));
      current.run!.cancel();
    },
  });
  const before = world.state();
  const onChange = (snapshot: RunSnapshot) => {
    for (const step of snapshot.steps) if (step.waiting) waits.push(step.waiting);
    if (snapshot.problem) problems.push(snapshot.problem);
  };
  const run = (current.run = world.provisioningRun(FORM(), { ports, onChange }));
  const recover = () => {
    world.clearFaults();
    interceptor.clear();
  };
  const observed = { world, run, before, waits, problems, signInAgain: () => signIn.signIn(), recover };

  if (column.interruption) {
    void run.start();
    await within(HANG_MS, "the interrupted run", async () => {
      while (interceptor.hanging === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      await settled(world);
    });
    interceptor.reopen();
    const journal = await world.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, run.runId);
    expect(journal, "the journal of the interrupted run").toBeDefined();
    expect((await unfinishedRuns(world.journal)).map((j) => j.id)).toEqual([run.runId]);
    return { ...observed, snapshot: run.snapshot(), interrupted: journal! };
  }
  const snapshot = await within(HANG_MS, "the run", () => run.start());
  return { ...observed, snapshot, ...(statusAtCancel ? { statusAtCancel } : {}) };
}

/** Nothing any cell may do with the secret: it is in no journal write, no problem shown, no URL. */
function expectSecretKept(observed: Observed): void {
  const { world, problems } = observed;
  for (const secret of world.secretsIssued) {
    for (const write of world.journalWrites) expect(write.text.includes(secret), `journal write ${write.id} holds a secret`).toBe(false);
    for (const problem of problems) expect(JSON.stringify(problem).includes(secret), "a problem shows the secret").toBe(false);
    for (const request of world.requests) expect(request.url.includes(secret), "a URL carries the secret").toBe(false);
  }
}

function expectWaitsBounded(observed: Observed): void {
  for (const wait of observed.waits)
    expect(wait.waitedMs, `"${wait.reason}" waited past its bound`).toBeLessThanOrEqual(wait.maxTotalWaitMs);
  for (const wait of observed.world.httpWaits) expect(wait.waitedMs).toBeLessThanOrEqual(wait.maxTotalWaitMs);
}

async function rollBackToNothing(observed: Pick<Observed, "world" | "before">, run: ProvisioningRun): Promise<void> {
  const rolledBack = await within(HANG_MS, "the rollback", () => run.rollback());
  expect(rolledBack.status, rolledBack.problem ? JSON.stringify(rolledBack.problem) : "").toBe("rolledBack");
  expect(run.revealSecret()).toBeUndefined();
  expectNothingLeftBehind(observed.world, observed.before);
}

async function retryToSuccess(observed: Observed, run: ProvisioningRun, problem: Problem | undefined): Promise<void> {
  observed.recover();
  // What the Run page's remedy does before retrying: "Sign in again and continue".
  if (problem?.remedy === "signInAgain") await observed.signInAgain();
  const retried = await within(HANG_MS, "the retry", () => run.retry());
  expect(retried.status, retried.problem ? JSON.stringify(retried.problem) : "").toBe("succeeded");
  await expectProvisioned(observed.world, run, run.currentForm(), observed.before);
}

async function playCell(row: StepRow, column: FaultColumn): Promise<string> {
  const first = await faultedRun(row, column);

  if (first.interrupted) {
    const journal = first.interrupted;
    // Resume: a new run from the journal finishes the work with exactly one of everything.
    const resumed = first.world.provisioningRun(journal.form, { runId: journal.id, journal, ports: cachingClients(first.world).ports });
    const resumedSnapshot = await within(HANG_MS, "the resumed run", () => resumed.start());
    expect(resumedSnapshot.status, JSON.stringify(resumedSnapshot.problem)).toBe("succeeded");
    await expectProvisioned(first.world, resumed, journal.form, first.before);
    await rollBackToNothing(first, resumed);
    expectSecretKept(first);
    // Roll back straight from the journal of a second, identical interruption.
    const second = await faultedRun(row, column);
    const fromJournal = second.world.provisioningRun(second.interrupted!.form, {
      runId: second.interrupted!.id,
      journal: second.interrupted!,
      ports: cachingClients(second.world).ports,
    });
    await rollBackToNothing(second, fromJournal);
    expectSecretKept(second);
    return "resume ✓ · rollback ✓";
  }

  expectWaitsBounded(first);
  if (first.statusAtCancel) {
    // No step that had not started when the person cancelled may start afterwards.
    const notStarted = [...first.statusAtCancel].filter(([, status]) => status === "waiting").map(([id]) => id);
    const startedLater = first.snapshot.steps.filter((s) => notStarted.includes(s.id) && s.status !== "waiting").map((s) => s.id);
    expect(startedLater, "steps started after Cancel").toEqual([]);
    if (notStarted.length > 0) expect(first.snapshot.problem?.title).toMatch(/cancelled/);
  }

  if (typeof column.transient === "function" ? column.transient(row) : column.transient) {
    // Ridden through: no Retry, no sign-in popup, and the connection verified.
    expect(first.snapshot.status, `${column.title} on ${row.step} needed a click: ${JSON.stringify(first.snapshot.problem)}`).toBe(
      "succeeded",
    );
    expect(first.run.created.verified, "the connection was verified").toBe(true);
    expect(first.world.signIn.popups, "a sign-in popup").toBe(0);
  }

  if (first.snapshot.status === "succeeded") {
    expect(column.persistent, "a persistent fault cannot be ridden through").toBe(false);
    await expectProvisioned(first.world, first.run, FORM(), first.before);
    // Throttling was waited out exactly as long as the service asked.
    if (column.id === "429")
      expect(first.world.httpWaits.map((w) => w.delayMs)).toEqual([RETRY_AFTER_SECONDS * 1000, RETRY_AFTER_SECONDS * 1000]);
    await rollBackToNothing(first, first.run);
    expectSecretKept(first);
    const waited = first.waits.length + first.world.httpWaits.length;
    const popups = first.world.signIn.popups;
    return ["ok", waited ? `${waited} wait${waited > 1 ? "s" : ""}` : "", popups ? `${popups} re-auth` : ""].filter(Boolean).join(" · ");
  }

  // Stopped: failed, with a clear problem, at the step under test; Retry and Roll back are what the Run page offers.
  expect(first.snapshot.status).toBe("failed");
  expectClearProblem(first.snapshot.problem);
  const failed = first.snapshot.steps.filter((s) => s.status === "failed").map((s) => s.id);
  if (column.cancel || column.global) expect(failed.length + (first.snapshot.problem ? 1 : 0)).toBeGreaterThan(0);
  else expect(failed).toContain(row.step);
  const problem = first.snapshot.problem;
  // Roll back while the service still fails on the step's route.
  await rollBackToNothing(first, first.run);
  expectSecretKept(first);
  // Retry, in a second world with the same fault, once the service recovers.
  const second = await faultedRun(row, column);
  expect(second.snapshot.status).toBe("failed");
  await retryToSuccess(second, second.run, second.snapshot.problem);
  await rollBackToNothing(second, second.run);
  expectSecretKept(second);
  return `stop${problem.remedy === "signInAgain" ? " (sign in again)" : ""} → retry ✓ · rollback ✓`;
}

const cells: Cell[] = [];
/** Only the cells that apply: a cell that cannot happen is not a test that passes without checking anything. */
const CASES = PROVISIONING_STEPS.flatMap((row) =>
  FAULTS.filter((column) => !column.notApplicable?.(row)).map((column) => ({ row, column, name: `${row.step} × ${column.title}` })),
);
const NOT_APPLICABLE: Cell[] = PROVISIONING_STEPS.flatMap((row) =>
  FAULTS.flatMap((column) => {
    const reason = column.notApplicable?.(row);
    return reason ? [{ row: row.step, column: column.title, outcome: `n/a (${reason})` }] : [];
  }),
);

describe("the guided form under faults", () => {
  afterAll(() =>
    printMatrix(
      "Guided form: step × fault → outcome",
      PROVISIONING_STEPS.map((r) => r.step),
      FAULTS.map((f) => f.title),
      [...cells, ...NOT_APPLICABLE],
    ),
  );

  it("generates a cell for every step and fault that can meet, and none for those that cannot", () => {
    expect(CASES.length + NOT_APPLICABLE.length).toBe(PROVISIONING_STEPS.length * FAULTS.length);
    expect(CASES.length).toBeGreaterThan(NOT_APPLICABLE.length);
  });

  it.each(CASES)("$name: succeeds, or stops clearly and then retries or rolls back to nothing", async ({ row, column }) => {
    expect.hasAssertions();
    const cell: Cell = { row: row.step, column: column.title, outcome: "FAIL" };
    cells.push(cell);
    cell.outcome = await playCell(row, column);
  });
});
