// @vitest-environment jsdom
/**
 * Rollback's own fault matrix: every call a rollback makes × every fault. A rollback talks to the same services as
 * the run did, so it meets the same throttling, outages and dropped connections. Transient faults are ridden through
 * (the rollback ends "rolledBack" and nothing of the run is left); persistent ones end "rollbackIncomplete", naming
 * each object left, why, and where to remove it, in words rather than a service's JSON, and a second rollback once the
 * service recovers removes what was left. Every cell asserts; the table is printed at the end.
 *
 * Below the matrix: a rollback built from a journal trusts the run, not the journal. A journal is extension data any
 * user of the extension can write, so a rollback recomputes the role assignment's name from the run id and checks the
 * run's tag on an app before deleting it.
 */
import { SEED } from "../../../emulator/model/seed";
import type { LeftObject } from "../../../src/workflows/engine/leftBehind";
import { JOURNAL_COLLECTION, type ProvisioningJournal } from "../../../src/workflows/provisioning/journal";
import { createWorld, formFor, type World } from "../../support/inProcessAzure";
import { expectNothingLeftBehind } from "../../support/provisioningState";
import { RETRY_AFTER_SECONDS } from "./provisioningFaults";
import { cachingClients, DROPPED, intercept, serviceFault, within, type Interceptor, type Route } from "./support/faultKit";
import { printMatrix, type Cell } from "./support/matrixTable";

const HANG_MS = 5_000;
/** Co-owners and a pipeline: a run with every kind of object a rollback removes. */
const FORM = () => formFor("Subscription", { app: { coOwnerIds: [SEED.users.member] }, connection: { pipelineIds: [11] } });

interface UndoRow {
  call: string;
  route: Route;
  /** The object a rollback names as left when this call keeps failing. */
  object: RegExp;
}

const UNDO_CALLS: UndoRow[] = [
  {
    call: "read the connection",
    route: { service: "devops", method: "GET", path: /\/_apis\/serviceendpoint\/endpoints\/[^/]+$/ },
    object: /service connection/i,
  },
  {
    call: "delete the connection",
    route: { service: "devops", method: "DELETE", path: /\/_apis\/serviceendpoint\/endpoints\/[^/]+$/ },
    object: /service connection/i,
  },
  {
    call: "delete the role assignment",
    route: { service: "arm", method: "DELETE", path: /\/roleAssignments\// },
    object: /role assignment/i,
  },
  { call: "read the app", route: { service: "graph", method: "GET", path: /^\/v1\.0\/applications\(appId=/ }, object: /app registration/i },
  { call: "delete the app", route: { service: "graph", method: "DELETE", path: /^\/v1\.0\/applications\// }, object: /app registration/i },
];

interface UndoFault {
  title: string;
  persistent: boolean;
  inject(interceptor: Interceptor, row: UndoRow): void;
}

const UNDO_FAULTS: UndoFault[] = [
  {
    title: `429 Retry-After ${RETRY_AFTER_SECONDS}s ×2`,
    persistent: false,
    inject: (interceptor, row) =>
      interceptor.add({ route: row.route, count: 2, before: () => serviceFault(row.route.service, 429, RETRY_AFTER_SECONDS) }),
  },
  {
    title: "503 once",
    persistent: false,
    inject: (interceptor, row) => interceptor.add({ route: row.route, count: 1, before: () => serviceFault(row.route.service, 503) }),
  },
  {
    title: "500 once",
    persistent: false,
    inject: (interceptor, row) => interceptor.add({ route: row.route, count: 1, before: () => serviceFault(row.route.service, 500) }),
  },
  {
    title: "one dropped connection",
    persistent: false,
    inject: (interceptor, row) => interceptor.add({ route: row.route, count: 1, before: () => DROPPED }),
  },
  {
    title: "500",
    persistent: true,
    inject: (interceptor, row) =>
      interceptor.add({ route: row.route, count: Infinity, before: () => serviceFault(row.route.service, 500) }),
  },
  {
    title: "403",
    persistent: true,
    inject: (interceptor, row) =>
      interceptor.add({ route: row.route, count: Infinity, before: () => serviceFault(row.route.service, 403) }),
  },
  {
    title: "network down",
    persistent: true,
    inject: (interceptor, row) => interceptor.add({ route: row.route, count: Infinity, before: () => DROPPED }),
  },
];

/** A run that finished, in a world whose rollback calls the fault will meet. */
async function finishedRun() {
  const world = createWorld();
  const interceptor = intercept(world);
  const { ports } = cachingClients(world);
  const before = world.state();
  const run = world.provisioningRun(FORM(), { ports });
  const done = await within(HANG_MS, "the run", () => run.start());
  expect(done.status, JSON.stringify(done.problem)).toBe("succeeded");
  return { world, interceptor, before, run };
}

/** What a person reads about an object left behind: what, why and where, as sentences. */
function expectReadable(left: LeftObject): void {
  expect(left.object.trim().length, "what was left").toBeGreaterThan(10);
  expect(left.reason.trim().length, "why it was left").toBeGreaterThan(10);
  expect(`${left.object} ${left.reason}`, "raw JSON in a message").not.toMatch(/[{}[\]]|"\w+":/);
  expect(left.link, `where to remove ${left.object}`).toMatch(/^https:\/\//);
}

const HOSTS: Partial<Record<Route["service"], string>> = {
  graph: "graph.microsoft.com",
  arm: "management.azure.com",
  devops: "dev.azure.com",
};

/** Requests since `from` that went to the row's route: the cell's fault was met, not dodged. */
function callsTo(world: World, row: UndoRow, from: number): number {
  return world.requests.slice(from).filter((r) => {
    const url = new URL(r.url);
    return url.host === HOSTS[row.route.service] && r.method.toUpperCase() === row.route.method && row.route.path.test(url.pathname);
  }).length;
}

const cells: Cell[] = [];
const CASES = UNDO_CALLS.flatMap((row) => UNDO_FAULTS.map((fault) => ({ row, fault, name: `${row.call} × ${fault.title}` })));

describe("rollback under faults in its own calls", () => {
  afterAll(() =>
    printMatrix(
      "Rollback: undo call × fault → outcome",
      UNDO_CALLS.map((r) => r.call),
      UNDO_FAULTS.map((f) => f.title),
      cells,
    ),
  );

  it.each(CASES)("$name: rolls back, or names what it left and removes it on a second rollback", async ({ row, fault }) => {
    expect.hasAssertions();
    const cell: Cell = { row: row.call, column: fault.title, outcome: "FAIL" };
    cells.push(cell);
    const { world, interceptor, before, run } = await finishedRun();
    const seen = world.requests.length;
    fault.inject(interceptor, row);

    const rolledBack = await within(HANG_MS, "the rollback", () => run.rollback());

    expect(callsTo(world, row, seen), "the rollback made the call under test").toBeGreaterThan(0);
    if (!fault.persistent) {
      expect(rolledBack.status, JSON.stringify(rolledBack.leftBehind ?? rolledBack.problem)).toBe("rolledBack");
      expect(world.signIn.popups, "a sign-in popup").toBe(0);
      expectNothingLeftBehind(world, before);
      if (fault.title.startsWith("429"))
        expect(world.httpWaits.map((w) => w.delayMs)).toEqual([RETRY_AFTER_SECONDS * 1000, RETRY_AFTER_SECONDS * 1000]);
      const waits = world.httpWaits.length;
      cell.outcome = `rolled back${waits ? ` · ${waits} wait${waits > 1 ? "s" : ""}` : ""}`;
      return;
    }
    expect(rolledBack.status, JSON.stringify(rolledBack.problem)).toBe("rollbackIncomplete");
    const left = rolledBack.leftBehind ?? [];
    expect(left.length, "what was left is named").toBeGreaterThan(0);
    expect(
      left.some((l) => row.object.test(l.object)),
      `${row.call} failing leaves ${row.object}`,
    ).toBe(true);
    left.forEach(expectReadable);

    // The service recovers: rolling back again removes what was left, and only that.
    interceptor.clear();
    const again = await within(HANG_MS, "the second rollback", () => run.rollback());
    expect(again.status, JSON.stringify(again.leftBehind ?? again.problem)).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
    cell.outcome = `incomplete (${left.length} left) → rolled back`;
  });
});

/** A run that stopped at the connection (its app, principal, secret and role exist), and another, finished, beside it. */
async function stoppedRunBesideAnother() {
  const world = createWorld();
  world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: 1 });
  const stopped = world.provisioningRun(formFor("Subscription"));
  expect((await stopped.start()).status).toBe("failed");
  world.clearFaults();
  const other = world.provisioningRun(formFor("Subscription", { connection: { name: "someone-elses-connection" } }));
  expect((await other.start()).status).toBe("succeeded");
  const journal = (await world.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, stopped.runId))!;
  expect(journal.created.roleAssignment).toBeDefined();
  return { world, stopped, other, journal };
}

const rollBackFrom = (world: World, journal: ProvisioningJournal) =>
  within(HANG_MS, "the rollback", () => world.provisioningRun(journal.form, { runId: journal.id, journal }).rollback());

describe("a rollback from a journal someone edited", () => {
  it("removes the run's own role assignment, not the one the journal names", async () => {
    const { world, stopped, other, journal } = await stoppedRunBesideAnother();
    const own = journal.created.roleAssignment!;
    const theirs = other.created.roleAssignment!;
    expect(theirs.name).not.toBe(own.name);
    journal.created.roleAssignment = { ...theirs };

    await rollBackFrom(world, journal);

    const names = world.state().roleAssignments.map((r) => r.name);
    expect(names, "the other run's role assignment").toContain(theirs.name);
    expect(names, "the run's own role assignment").not.toContain(own.name);
    expect(world.appsOfRun(stopped.runId)).toHaveLength(0);
  });

  it("leaves alone an app the journal names that does not carry the run's tag", async () => {
    const { world, other, journal } = await stoppedRunBesideAnother();
    journal.created.appId = other.created.appId!;
    journal.created.appObjectId = other.created.appObjectId!;

    const rolledBack = await rollBackFrom(world, journal);

    expect(world.appsOfRun(other.runId), "the other run's app").toHaveLength(1);
    expect(world.state().devops.serviceEndpoints.map((e) => e.id)).toContain(other.created.endpointId);
    expect(JSON.stringify(rolledBack.steps.find((s) => s.id === "createApp"))).toMatch(/not created by this run/);
  });
});
