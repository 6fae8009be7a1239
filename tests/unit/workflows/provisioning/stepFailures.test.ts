// @vitest-environment jsdom
import type { FaultRule } from "../../../../emulator/model/core/knobs";
import { SEED } from "../../../../emulator/model/seed";
import { armScope } from "../../../../src/workflows/provisioning/scope";
import { createWorld, formFor, SCOPES } from "../../../support/inProcessAzure";
import { expectNothingLeftBehind, expectProvisioned, stepsWithStatus } from "../../../support/provisioningState";

/**
 * Each step of the run failing for good (the service keeps answering an error), then either retried once the service
 * recovers, or rolled back. Retry must finish without a second object; rollback must leave nothing behind.
 */
interface StepFailure {
  step: string;
  /** What the failing service answers, on the step's own route only. */
  fault: Omit<FaultRule, "count">;
}

const FAILURES: StepFailure[] = [
  { step: "createApp", fault: { service: "graph", method: "POST", path: "^/v1\\.0/applications$", status: 500 } },
  { step: "addCoOwners", fault: { service: "graph", method: "POST", path: "/owners/\\$ref$", status: 503 } },
  { step: "createServicePrincipal", fault: { service: "graph", method: "POST", path: "^/v1\\.0/servicePrincipals$", status: 500 } },
  { step: "addSecret", fault: { service: "graph", method: "POST", path: "/addPassword$", status: 500 } },
  { step: "assignRole", fault: { service: "arm", method: "PUT", path: "/roleAssignments/", status: 500 } },
  { step: "verify", fault: { service: "devops", method: "POST", path: "/serviceendpoint/endpointproxy$", status: 500 } },
  { step: "createConnection", fault: { service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500 } },
  { step: "markApp", fault: { service: "graph", method: "PATCH", path: "^/v1\\.0/applications/", status: 500 } },
  { step: "authorizePipelines", fault: { service: "devops", method: "PATCH", path: "/pipelinePermissions/", status: 500 } },
];

/** Steps that need a step (directly or not) before they may start. */
const AFTER_CONNECTION = ["markApp", "authorizePipelines"];
const AFTER_ROLE = ["verify", "createConnection", ...AFTER_CONNECTION];
const DEPENDENTS: Record<string, string[]> = {
  createApp: ["addCoOwners", "createServicePrincipal", "addSecret", "assignRole", ...AFTER_ROLE],
  createServicePrincipal: ["assignRole", ...AFTER_ROLE],
  addSecret: AFTER_ROLE,
  assignRole: AFTER_ROLE,
  verify: ["createConnection", ...AFTER_CONNECTION],
  createConnection: AFTER_CONNECTION,
};

/** Co-owners on, so that every step of the run is exercised. */
const form = () => formFor("Subscription", { app: { coOwnerIds: [SEED.users.member] } });

async function failingRun(failure: StepFailure) {
  const world = createWorld();
  const before = world.state();
  world.fail({ ...failure.fault, count: Infinity });
  const run = world.provisioningRun(form());
  const snapshot = await run.start();
  return { world, before, run, snapshot };
}

describe.each(FAILURES)("when $step keeps failing", (failure) => {
  it("stops the run at that step with a problem that says what to do", async () => {
    const { run, snapshot } = await failingRun(failure);
    expect(snapshot.status).toBe("failed");
    expect(stepsWithStatus(run, "failed")).toEqual([failure.step]);
    expect(snapshot.problem?.title).toMatch(/failed\.$/);
    expect(snapshot.problem?.action).toMatch(/Retry/);
    // Nothing that depends on it ran.
    const done = stepsWithStatus(run, "done");
    for (const dependent of DEPENDENTS[failure.step] ?? []) expect(done).not.toContain(dependent);
  });

  it("finishes on Retry once the service recovers, without creating anything twice", async () => {
    const { world, before, run } = await failingRun(failure);
    world.clearFaults();
    const sentBefore = world.requests.length;

    const snapshot = await run.retry();

    expect(snapshot.status).toBe("succeeded");
    await expectProvisioned(world, run, form(), before);
    // Steps that were done are not repeated: the app is created once, by the retry only when creating it had failed.
    expect(
      world.requests.slice(sentBefore).filter((r) => r.method === "POST" && r.url.endsWith("/v1.0/applications") && r.status === 201),
    ).toHaveLength(failure.step === "createApp" ? 1 : 0);
  });

  it("leaves no app, principal, secret, role assignment or connection behind on Roll back, even while the service still fails", async () => {
    const { world, before, run } = await failingRun(failure);

    const snapshot = await run.rollback();

    expect(snapshot.status).toBe("rolledBack");
    expect(run.revealSecret()).toBeUndefined();
    expectNothingLeftBehind(world, before);
    for (const key of ["appObjectId", "appId", "servicePrincipalId", "secretKeyId", "roleAssignment", "endpointId"])
      expect(run.created).not.toHaveProperty(key);
  });
});

describe("when the signed-in person may not assign roles at the scope", () => {
  // The developer is Contributor on the production subscription: enough to deploy, not to grant access.
  const developerForm = () => formFor("Subscription");

  it("explains which roles are needed at the scope", async () => {
    const world = createWorld({ user: "developer" });
    const run = world.provisioningRun(developerForm());

    const snapshot = await run.start();

    expect(snapshot.status).toBe("failed");
    expect(stepsWithStatus(run, "failed")).toEqual(["assignRole"]);
    expect(snapshot.problem?.detail).toMatch(/Owner, User Access Administrator or Role Based Access Control Administrator/);
    expect(snapshot.problem?.detail).toContain(`at ${armScope(SCOPES.Subscription)}:`);
  });

  it("rolls back the app, its principal and its secret without trying to delete the role assignment it could not create", async () => {
    const world = createWorld({ user: "developer" });
    const before = world.state();
    const run = world.provisioningRun(developerForm());
    await run.start();

    const snapshot = await run.rollback();

    expect(snapshot.status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
    expect(world.requests.filter((r) => r.method === "DELETE" && r.url.includes("roleAssignments"))).toEqual([]);
  });
});

describe("a rollback that fails", () => {
  it("reports the step it could not undo and can be rolled back again", async () => {
    const world = createWorld();
    const before = world.state();
    world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: Infinity });
    const run = world.provisioningRun(formFor("Subscription"));
    await run.start();
    world.fail({ service: "graph", method: "DELETE", path: "^/v1\\.0/applications/", status: 500, count: Infinity });

    const failed = await run.rollback();

    expect(failed.status).toBe("rollbackIncomplete");
    expect(failed.problem?.title).toBe('Undoing "Create the app registration" failed.');
    // The rest was undone; the app is named as left, with why and where to remove it.
    expect(failed.leftBehind).toHaveLength(1);
    expect(failed.leftBehind![0]!.object).toMatch(/^The app registration ".*" \(client ID /);
    expect(failed.leftBehind![0]!.link).toMatch(/^https:\/\/entra\.microsoft\.com\/.*\/appId\//);
    expect(world.state().roleAssignments.filter((r) => r.name === run.created.roleAssignment?.name)).toHaveLength(0);
    expect(world.state().applications).toHaveLength(1);

    world.clearFaults();
    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });
});
