// @vitest-environment jsdom
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { ProvisioningRun } from "../../../../src/workflows/provisioning/provisioningRun";
import { createWorld, formFor } from "../../../support/inProcessAzure";
import { expectNothingLeftBehind } from "../../../support/provisioningState";

/** A refused delete is not a rollback: the rest is undone, and the run names what was left, why, and where. */
describe("a rollback whose role-assignment delete is refused", () => {
  async function failedRun() {
    const world = createWorld();
    const before = world.state();
    world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: Infinity });
    const run = world.provisioningRun(formFor("Subscription"));
    expect((await run.start()).status).toBe("failed");
    world.fail({ service: "arm", method: "DELETE", path: "roleAssignments/", status: 403, count: Infinity });
    return { world, before, run };
  }

  it("undoes the rest, then ends rollbackIncomplete naming the role assignment with a portal link", async () => {
    const { world, run } = await failedRun();
    const name = run.created.roleAssignment!.name;

    const snapshot = await run.rollback();

    expect(snapshot.status).toBe("rollbackIncomplete");
    expect(snapshot.leftBehind).toEqual([
      expect.objectContaining({
        object: expect.stringMatching(/^The Reader role assignment at \/subscriptions\//),
        link: expect.stringMatching(/^https:\/\/portal\.azure\.com\/#@\/resource\/subscriptions\//),
      }),
    ]);
    expect(snapshot.leftBehind![0]!.reason).toMatch(/403|permission|authoriz/i);
    // The app (with its principal and secret) went; only the role assignment is left.
    expect(world.appsOfRun(run.runId)).toHaveLength(0);
    expect(world.state().roleAssignments.filter((r) => r.name === name)).toHaveLength(1);
    expect(snapshot.steps.find((s) => s.id === "assignRole")?.status).toBe("failed");
    expect(snapshot.steps.find((s) => s.id === "createApp")?.status).toBe("undone");
  });

  it("rolls back again only what was left once the delete is allowed", async () => {
    const { world, before, run } = await failedRun();
    await run.rollback();
    world.clearFaults();
    const deletes = () => world.requests.filter((r) => r.method === "DELETE").map((r) => new URL(r.url).pathname);
    const seen = deletes().length;

    expect((await run.rollback()).status).toBe("rolledBack");

    expect(
      deletes()
        .slice(seen)
        .every((path) => /roleAssignments\//.test(path)),
    ).toBe(true);
    expectNothingLeftBehind(world, before);
  });
});

describe("the plan is what runs", () => {
  it("runs the reviewed plan's steps, step for step, with the same titles", async () => {
    const world = createWorld();
    const form = formFor("Subscription", { connection: { pipelineIds: [11] } });
    const plan = planProvisioning(form, world.context, AZURE_CLOUD, world.newRunId());
    const run = new ProvisioningRun(plan, AZURE_CLOUD, world.ports);

    const snapshot = await run.start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.map((s) => [s.id, s.title])).toEqual(plan.steps.map((s) => [s.id, s.title]));
    expect(snapshot.steps.filter((s) => s.status === "done").map((s) => s.id)).toEqual(
      plan.steps.filter((s) => s.applies).map((s) => s.id),
    );
    expect(run.runId).toBe(plan.runId);
    expect(world.appsOfRun(plan.runId)).toHaveLength(1);
  });
});
