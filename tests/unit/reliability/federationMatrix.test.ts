// @vitest-environment jsdom
/**
 * The federation path's own steps under every fault of the guided form's matrix (provisioningFaults.ts): creating the
 * connection with the federation scheme, adding the federated credential, verifying the saved connection. Each cell
 * either succeeds (a transient fault with no click), or stops with a clear Problem; Roll back then leaves nothing, and
 * Retry (once the service recovers) finishes with exactly one credential. An interrupted run resumes from its journal.
 * No cell may create a secret.
 */
import { SEED } from "../../../emulator/model/seed";
import type { State } from "../../../emulator/model/state";
import type { RunSnapshot } from "../../../src/workflows/engine/workflowTypes";
import { JOURNAL_COLLECTION, type ProvisioningJournal } from "../../../src/workflows/provisioning/journal";
import type { ProvisioningRun } from "../../../src/workflows/provisioning/provisioningRun";
import { createWorld, formFor, type World } from "../../support/inProcessAzure";
import { expectNothingLeftBehind } from "../../support/provisioningState";
import { FAULTS, type FaultColumn, type StepRow } from "./provisioningFaults";
import { cachingClients, intercept, within } from "./support/faultKit";
import { printMatrix, type Cell } from "./support/matrixTable";

const HANG_MS = 5_000;
const FORM = () => formFor("Subscription", { credential: "federation", app: { coOwnerIds: [SEED.users.member] } });

const FEDERATION_STEPS: StepRow[] = [
  { step: "createConnection", route: { service: "devops", method: "POST", path: /\/_apis\/serviceendpoint\/endpoints$/ } },
  {
    step: "addFederatedCredential",
    route: { service: "graph", method: "POST", path: /\/federatedIdentityCredentials$/ },
    replication: { notFoundCalls: 2 },
  },
  {
    step: "verify",
    route: { service: "devops", method: "POST", path: /\/serviceendpoint\/endpointproxy$/ },
    replication: { knob: "federatedCredentialToTestConnectionCalls" },
  },
];

interface Observed {
  world: World;
  run: ProvisioningRun;
  snapshot: RunSnapshot;
  before: State;
  recover: () => void;
  interrupted?: ProvisioningJournal;
  signInAgain: () => Promise<unknown>;
}

async function faultedRun(row: StepRow, column: FaultColumn): Promise<Observed> {
  const world = createWorld();
  const interceptor = intercept(world);
  const { ports, signIn } = cachingClients(world);
  const current: { run?: ProvisioningRun } = {};
  column.inject({ world, interceptor, row, cancelRun: () => current.run!.cancel() });
  const before = world.state();
  const run = (current.run = world.provisioningRun(FORM(), { ports }));
  const recover = () => {
    world.clearFaults();
    interceptor.clear();
  };
  const observed = { world, run, before, recover, signInAgain: () => signIn.signIn() };
  if (column.interruption) {
    void run.start();
    await within(HANG_MS, "the interrupted run", async () => {
      while (interceptor.hanging === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    });
    interceptor.reopen();
    const journal = await world.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, run.runId);
    return { ...observed, snapshot: run.snapshot(), interrupted: journal! };
  }
  return { ...observed, snapshot: await within(HANG_MS, "the run", () => run.start()) };
}

/** One federated connection, trusted by its app with exactly one credential, and no secret anywhere. */
function expectFederated(world: World, run: ProvisioningRun, before: State): void {
  const state = world.state();
  expect(state.applications.length).toBe(before.applications.length + 1);
  expect(state.devops.serviceEndpoints.length).toBe(before.devops.serviceEndpoints.length + 1);
  const app = state.applications.find((a) => a.id === run.created.appObjectId)!;
  const endpoint = state.devops.serviceEndpoints.find((e) => e.id === run.created.endpointId)!;
  expect(app.passwordCredentials).toEqual([]);
  expect(world.secretsIssued).toEqual([]);
  expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
  expect(app.federatedIdentityCredentials.map((f) => [f.issuer, f.subject])).toEqual([
    [
      endpoint.authorization.parameters["workloadIdentityFederationIssuer"],
      endpoint.authorization.parameters["workloadIdentityFederationSubject"],
    ],
  ]);
}

async function rollBackToNothing(world: World, before: State, run: ProvisioningRun): Promise<void> {
  const rolledBack = await within(HANG_MS, "the rollback", () => run.rollback());
  expect(rolledBack.status, JSON.stringify(rolledBack.problem)).toBe("rolledBack");
  expectNothingLeftBehind(world, before);
}

async function playCell(row: StepRow, column: FaultColumn): Promise<string> {
  const first = await faultedRun(row, column);
  if (first.interrupted) {
    const journal = first.interrupted;
    const resumed = first.world.provisioningRun(journal.form, { runId: journal.id, journal, ports: cachingClients(first.world).ports });
    const snapshot = await within(HANG_MS, "the resumed run", () => resumed.start());
    expect(snapshot.status, JSON.stringify(snapshot.problem)).toBe("succeeded");
    expectFederated(first.world, resumed, first.before);
    await rollBackToNothing(first.world, first.before, resumed);
    return "resume ✓ · rollback ✓";
  }
  const transient = typeof column.transient === "function" ? column.transient(row) : column.transient;
  if (transient) {
    expect(first.snapshot.status, `${column.title} on ${row.step}: ${JSON.stringify(first.snapshot.problem)}`).toBe("succeeded");
    expect(first.run.created.verified).toBe(true);
  }
  if (first.snapshot.status === "succeeded") {
    expect(column.persistent).toBe(false);
    expectFederated(first.world, first.run, first.before);
    await rollBackToNothing(first.world, first.before, first.run);
    return "ok";
  }
  expect(first.snapshot.status).toBe("failed");
  const problem = first.snapshot.problem!;
  for (const part of [problem.title, problem.detail, problem.action]) expect(part.trim().length).toBeGreaterThan(10);
  expect(first.world.secretsIssued).toEqual([]);
  await rollBackToNothing(first.world, first.before, first.run);
  const second = await faultedRun(row, column);
  expect(second.snapshot.status).toBe("failed");
  second.recover();
  if (second.snapshot.problem?.remedy === "signInAgain") await second.signInAgain();
  const retried = await within(HANG_MS, "the retry", () => second.run.retry());
  expect(retried.status, JSON.stringify(retried.problem)).toBe("succeeded");
  expectFederated(second.world, second.run, second.before);
  await rollBackToNothing(second.world, second.before, second.run);
  return "stop → retry ✓ · rollback ✓";
}

const cells: Cell[] = [];
const CASES = FEDERATION_STEPS.flatMap((row) =>
  FAULTS.filter((column) => !column.notApplicable?.(row)).map((column) => ({ row, column, name: `${row.step} × ${column.title}` })),
);

describe("the federation path under faults", () => {
  afterAll(() =>
    printMatrix(
      "Federation: step × fault → outcome",
      FEDERATION_STEPS.map((r) => r.step),
      FAULTS.map((f) => f.title),
      cells,
    ),
  );

  it.each(CASES)(
    "$name: succeeds, or stops clearly and then retries or rolls back to nothing, never with a secret",
    async ({ row, column }) => {
      expect.hasAssertions();
      const cell: Cell = { row: row.step, column: column.title, outcome: "FAIL" };
      cells.push(cell);
      cell.outcome = await playCell(row, column);
    },
  );
});
