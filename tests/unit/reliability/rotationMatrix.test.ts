// @vitest-environment jsdom
/**
 * Secret rotation's fault matrix (src/workflows/connections/secretRotation.ts): every step × every fault, in process.
 * Rotation has its own rules: before the connection is updated, a failure removes the new secret again and ends rolled
 * back (the connection untouched); after it, the old secret stays until the saved connection verifies, and the step
 * can be retried but not rolled back. In every cell the connection must keep working (it verifies), the app must end
 * with no secret nobody holds, and the secret must appear in no journal write.
 */
import { hashSecret } from "../../../emulator/model/core/ids";
import { SEED } from "../../../emulator/model/seed";
import type { State } from "../../../emulator/model/state";
import type { Problem } from "../../../src/platform/problem";
import { unfinishedActions } from "../../../src/workflows/connections/actionEngine";
import type { ActionTarget, ConnectionActionPorts } from "../../../src/workflows/connections/ports";
import { SecretRotation } from "../../../src/workflows/connections/secretRotation";
import type { RunSnapshot } from "../../../src/workflows/engine/workflowTypes";
import { readSecretMarker } from "../../../src/workflows/provisioning/markers";
import { createWorld, DAY_MS, formFor, NOW, type World } from "../../support/inProcessAzure";
import { FAULTS, RETRY_AFTER_SECONDS, type FaultColumn, type StepRow } from "./provisioningFaults";
import { cachingClients, intercept, within, type Interceptor } from "./support/faultKit";
import { printMatrix, type Cell } from "./support/matrixTable";

const HANG_MS = 5_000;
const saved = (id: string) => (query: URLSearchParams) => query.get("endpointId") === id;

/** The rotation's steps and their routes (both verifications go to one path: endpoint id "0" is the unsaved one). */
const ROTATION_STEPS: StepRow[] = [
  { step: "readApp", route: { service: "graph", method: "GET", path: /^\/v1\.0\/applications\(appId=/ } },
  { step: "addSecret", route: { service: "graph", method: "POST", path: /\/addPassword$/ } },
  {
    step: "verifyNew",
    route: { service: "devops", method: "POST", path: /\/serviceendpoint\/endpointproxy$/, query: saved("0") },
    replication: { knob: "secretToTestConnectionCalls" },
  },
  { step: "updateConnection", route: { service: "devops", method: "PUT", path: /\/serviceendpoint\/endpoints\/[0-9a-f-]{36}$/ } },
  {
    step: "verifySaved",
    route: { service: "devops", method: "POST", path: /\/serviceendpoint\/endpointproxy$/, query: (q) => q.get("endpointId") !== "0" },
  },
  { step: "removeOldSecrets", route: { service: "graph", method: "POST", path: /\/removePassword$/ } },
];

interface RotationScene {
  world: World;
  interceptor: Interceptor;
  target: ActionTarget;
  ports: ConnectionActionPorts;
  oldKeyId: string;
  before: State;
  problems: Problem[];
  signInAgain: () => Promise<unknown>;
  recover: () => void;
}

/** A connection the extension made, then the fault, then a rotation that removes the old secret once the new one works. */
async function scene(row: StepRow, column: FaultColumn, cancel: () => void): Promise<RotationScene> {
  const world = createWorld();
  const provisioning = world.provisioningRun(formFor("Subscription", { connection: { name: "contoso-prod-reader", pipelineIds: [] } }));
  expect((await provisioning.start()).status).toBe("succeeded");
  const { created } = provisioning;
  const target: ActionTarget = {
    projectId: SEED.project.id,
    endpointId: created.endpointId!,
    connectionName: "contoso-prod-reader",
    appId: created.appId!,
    tenantId: SEED.tenantId,
  };
  const interceptor = intercept(world);
  const { ports: azure, signIn } = cachingClients(world);
  const ports: ConnectionActionPorts = {
    connections: world.connections,
    graph: azure.graph,
    arm: azure.arm,
    clock: world.clock,
    journal: world.journal,
  };
  column.inject({ world, interceptor, row, cancelRun: cancel });
  return {
    world,
    interceptor,
    target,
    ports,
    oldKeyId: created.secretKeyId!,
    before: world.state(),
    problems: [],
    signInAgain: () => signIn.signIn(),
    recover: () => {
      world.clearFaults();
      interceptor.clear();
    },
  };
}

function rotation(s: RotationScene): SecretRotation {
  return new SecretRotation(
    s.target,
    { description: "Azure Pipelines", endDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString(), removeKeyIds: [s.oldKeyId] },
    s.ports,
    {
      runId: s.world.newRunId(),
      onChange: (snapshot: RunSnapshot) => {
        if (snapshot.problem) s.problems.push(snapshot.problem);
      },
    },
  );
}

const appOf = (s: RotationScene) => s.world.state().applications.find((a) => a.appId === s.target.appId)!;
const endpointOf = (s: RotationScene) => s.world.state().devops.serviceEndpoints.find((e) => e.id === s.target.endpointId)!;

/** The saved connection still works: TestConnection with its stored secret, once the services answer again. */
async function expectConnectionWorks(s: RotationScene): Promise<void> {
  const verdict = await s.world.connections.verify(s.target.projectId, s.target.endpointId);
  expect(verdict.ok, verdict.message).toBe(true);
  const held = endpointOf(s).secretHash;
  expect(
    appOf(s).passwordCredentials.map((p) => p.secretHash),
    "the connection holds one of the app's secrets",
  ).toContain(held);
}

function expectSecretKept(s: RotationScene): void {
  for (const secret of s.world.secretsIssued) {
    for (const write of s.world.journalWrites)
      expect(write.text.includes(secret), `journal write ${write.collection}/${write.id} holds a secret`).toBe(false);
    for (const problem of s.problems) expect(JSON.stringify(problem).includes(secret)).toBe(false);
  }
}

/** Rotated: the app has exactly the new secret, the connection holds it, and it verifies. */
async function expectRotated(s: RotationScene, run: SecretRotation): Promise<void> {
  const app = appOf(s);
  expect(app.passwordCredentials.map((p) => p.keyId)).toEqual([run.created.newSecretKeyId]);
  expect(endpointOf(s).secretHash).toBe(app.passwordCredentials[0]!.secretHash);
  expect(hashSecret(s.world.secretsIssued.at(-1)!)).toBe(app.passwordCredentials[0]!.secretHash);
  await expectConnectionWorks(s);
}

/** Rolled back: the app's secrets and the connection are exactly as before the rotation. */
async function expectUntouched(s: RotationScene): Promise<void> {
  const before = s.before;
  expect(appOf(s).passwordCredentials).toEqual(before.applications.find((a) => a.appId === s.target.appId)!.passwordCredentials);
  expect(endpointOf(s)).toEqual(before.devops.serviceEndpoints.find((e) => e.id === s.target.endpointId));
  await expectConnectionWorks(s);
}

function expectClearProblem(problem: Problem | undefined): void {
  expect(problem, "a stopped rotation says why").toBeDefined();
  for (const part of ["title", "detail", "action"] as const) expect(problem![part].trim().length).toBeGreaterThan(10);
}

async function settled(world: World): Promise<void> {
  let seen = -1;
  while (seen !== world.requests.length) {
    seen = world.requests.length;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

async function playCell(row: StepRow, column: FaultColumn): Promise<string> {
  // Cancel is pressed from inside a request of the rotation, so the scene is set before the rotation exists.
  const current: { run?: SecretRotation } = {};
  const s = await scene(row, column, () => current.run?.cancel());
  const run = (current.run = rotation(s));

  if (column.interruption) {
    void run.start();
    await within(HANG_MS, "the interrupted rotation", async () => {
      while (s.interceptor.hanging === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      await settled(s.world);
    });
    s.interceptor.reopen();
    s.recover();
    // Nothing is lost: the connection works with the secret it holds. The person is told the rotation did not finish.
    await expectConnectionWorks(s);
    expect((await unfinishedActions(s.world.journal)).map((j) => j.id)).toContain(run.runId);
    // A secret the rotation added that the connection does not hold carries the connection's marker, so the
    // Connections tab can tell it apart and offer to remove it.
    const held = endpointOf(s).secretHash;
    const strays = appOf(s).passwordCredentials.filter((p) => p.keyId !== s.oldKeyId && p.secretHash !== held);
    for (const stray of strays) expect(readSecretMarker(stray.displayName)).toBe(s.target.endpointId);
    expectSecretKept(s);
    return `connection works ✓ · listed unfinished ✓${strays.length ? ` · ${strays.length} marked stray secret` : ""}`;
  }

  const first = await within(HANG_MS, "the rotation", () => run.start());
  expectSecretKept(s);
  if (typeof column.transient === "function" ? column.transient(row) : column.transient)
    expect(first.status, `${column.title} on ${row.step} needed a click: ${JSON.stringify(first.problem)}`).toBe("succeeded");

  if (first.status === "succeeded") {
    expect(column.persistent, "a persistent fault cannot be ridden through").toBe(false);
    s.recover();
    await expectRotated(s, run);
    if (column.id === "429" && row.route.service !== "devops")
      expect(s.world.httpWaits.map((w) => w.delayMs)).toEqual([RETRY_AFTER_SECONDS * 1000, RETRY_AFTER_SECONDS * 1000]);
    return "ok";
  }

  expectClearProblem(first.problem);
  const problem = first.problem!;
  if (first.status === "rolledBack") {
    // Failed before the connection changed: the new secret was removed again.
    s.recover();
    await expectUntouched(s);
    // "Retry" is rotating again once the service answers.
    if (problem.remedy === "signInAgain") await s.signInAgain();
    const again = rotation(s);
    const snapshot = await within(HANG_MS, "the second rotation", () => again.start());
    expect(snapshot.status, JSON.stringify(snapshot.problem)).toBe("succeeded");
    await expectRotated(s, again);
    expectSecretKept(s);
    return "stop, new secret removed ✓ → rotate again ✓";
  }

  // Failed after the update: the connection holds the new secret and works; nothing to roll back, Retry finishes.
  expect(first.status).toBe("failed");
  expect(run.canRollBack()).toBe(false);
  s.recover();
  await expectConnectionWorks(s);
  if (problem.remedy === "signInAgain") await s.signInAgain();
  const retried = await within(HANG_MS, "the retry", () => run.retry());
  expect(retried.status, JSON.stringify(retried.problem)).toBe("succeeded");
  await expectRotated(s, run);
  expectSecretKept(s);
  return "stop, connection works ✓ → retry ✓";
}

const cells: Cell[] = [];
/** Only the cells that apply: a cell that cannot happen is not a test that passes without checking anything. */
const CASES = ROTATION_STEPS.flatMap((row) =>
  FAULTS.filter((column) => !column.notApplicable?.(row)).map((column) => ({ row, column, name: `${row.step} × ${column.title}` })),
);
const NOT_APPLICABLE: Cell[] = ROTATION_STEPS.flatMap((row) =>
  FAULTS.flatMap((column) => {
    const reason = column.notApplicable?.(row);
    return reason ? [{ row: row.step, column: column.title, outcome: `n/a (${reason})` }] : [];
  }),
);

describe("secret rotation under faults", () => {
  afterAll(() =>
    printMatrix(
      "Secret rotation: step × fault → outcome",
      ROTATION_STEPS.map((r) => r.step),
      FAULTS.map((f) => f.title),
      [...cells, ...NOT_APPLICABLE],
    ),
  );

  it.each(CASES)("$name: keeps the connection working and leaves no secret nobody holds", async ({ row, column }) => {
    expect.hasAssertions();
    const cell: Cell = { row: row.step, column: column.title, outcome: "FAIL" };
    cells.push(cell);
    cell.outcome = await playCell(row, column);
  });
});
