// @vitest-environment jsdom
import { subscriptionIdAt } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planBulk, type BulkPlan } from "../../../../src/workflows/bulk/bulkPlan";
import { BulkRun, summaryText, tallyRows, type PartRunFactory } from "../../../../src/workflows/bulk/bulkRun";
import type { ScopeChoice } from "../../../../src/workflows/provisioning/form";
import { createWorld, formFor, type World } from "../../../support/inProcessAzure";

const COUNT = 10;

function subscriptions(count: number): ScopeChoice[] {
  return Array.from({ length: count }, (_, i) => ({
    level: "Subscription" as const,
    subscriptionId: subscriptionIdAt(i),
    subscriptionName: `Subscription ${i}`,
  }));
}

function bulkWorld() {
  const world = createWorld({ seed: { subscriptionCount: COUNT } });
  const plan = planBulk({
    form: formFor("Subscription"),
    scopes: subscriptions(COUNT),
    context: world.context,
    cloud: AZURE_CLOUD,
    newRunId: world.newRunId,
  });
  return { world, plan };
}

/** Each part is the world's provisioning run of its plan; counts how many run at once. */
function countingFactory(world: World) {
  const flight = { now: 0, max: 0, started: [] as string[] };
  const factory: PartRunFactory = (plan, onChange) => {
    const run = world.provisioningRun(plan.form, { runId: plan.runId, onChange });
    const measured =
      <T>(work: () => Promise<T>) =>
      async () => {
        flight.now++;
        flight.max = Math.max(flight.max, flight.now);
        flight.started.push(plan.runId);
        try {
          // Gives the other lanes their turn, so a missing bound would show.
          await new Promise((resolve) => setTimeout(resolve, 1));
          return await work();
        } finally {
          flight.now--;
        }
      };
    const start = run.start.bind(run);
    // A retry is a start of the same run (done steps are not repeated).
    run.start = measured(start);
    return run;
  };
  return { flight, factory };
}

function refuseRoleAt(world: World, plan: BulkPlan, index: number) {
  const scope = plan.parts[index]!.plan.armScope;
  world.fail({
    service: "arm",
    method: "PUT",
    path: `^${scope}/providers/Microsoft.Authorization/roleAssignments/`,
    status: 403,
    count: Infinity,
  });
}

/** What the world holds now that it did not before: apps, principals, role assignments, connections. */
function newSince(world: World, before: ReturnType<World["state"]>) {
  const state = world.state();
  const key = (x: { id: string } | { name: string }) => ("id" in x ? x.id : x.name);
  const fresh = <T extends { id: string } | { name: string }>(now: T[], then: T[]) =>
    now.filter((x) => !then.some((y) => key(y) === key(x))).length;
  return {
    apps: fresh(state.applications, before.applications),
    principals: fresh(state.servicePrincipals, before.servicePrincipals),
    roleAssignments: fresh(state.roleAssignments, before.roleAssignments),
    connections: fresh(state.devops.serviceEndpoints, before.devops.serviceEndpoints),
  };
}

describe("a bulk run of many subscriptions", () => {
  it("names each part from the template and plans each exactly as a single run of its scope", () => {
    const { plan, world } = bulkWorld();
    expect(plan.parts).toHaveLength(COUNT);
    expect(new Set(plan.parts.map((p) => p.plan.runId)).size).toBe(COUNT);
    expect(plan.parts[3]!.plan.form.app.displayName).toBe(`${world.context.organization}-${world.context.project.name}-Subscription 3`);
    expect(plan.parts[3]!.plan.form.connection.name).toBe(plan.parts[3]!.plan.form.app.displayName);
    expect(plan.parts[3]!.plan.steps.map((s) => s.id)).toEqual(
      world
        .provisioningRun(plan.parts[3]!.plan.form)
        .snapshot()
        .steps.map((s) => s.id),
    );
  });

  it("keeps at most 4 scopes in flight, creates and verifies all 10", async () => {
    const { world, plan } = bulkWorld();
    const { flight, factory } = countingFactory(world);
    const bulk = new BulkRun(plan, factory);

    const snapshot = await bulk.start();

    expect(flight.max).toBe(4);
    expect(flight.started).toHaveLength(COUNT);
    expect(tallyRows(snapshot.rows)).toMatchObject({ verified: COUNT, failed: 0 });
    expect(summaryText(snapshot.rows)).toBe("10 created and verified");
    expect(world.state().devops.serviceEndpoints).toHaveLength(COUNT);
    expect(new Set(snapshot.rows.map((r) => r.created.appId)).size).toBe(COUNT);
  });

  it("honours a smaller bound", async () => {
    const { world, plan } = bulkWorld();
    const { flight, factory } = countingFactory(world);
    await new BulkRun(plan, factory, { concurrency: 2 }).start();
    expect(flight.max).toBe(2);
  });

  it("goes on past a failed scope, then Retry failed reruns only that one", async () => {
    const { world, plan } = bulkWorld();
    refuseRoleAt(world, plan, 6);
    const { flight, factory } = countingFactory(world);
    const bulk = new BulkRun(plan, factory);

    const first = await bulk.start();
    expect(summaryText(first.rows)).toBe("9 created and verified, 1 failed");
    expect(first.rows[6]).toMatchObject({ status: "failed" });
    expect(first.rows[6]!.problem?.title).toBeTruthy();
    expect(world.state().devops.serviceEndpoints).toHaveLength(9);

    world.clearFaults();
    flight.started.length = 0;
    const second = await bulk.retryFailed();

    expect(flight.started).toEqual([plan.parts[6]!.plan.runId]);
    expect(summaryText(second.rows)).toBe("10 created and verified");
    expect(world.state().devops.serviceEndpoints).toHaveLength(COUNT);
    // The retried part kept its app: one app per scope, none twice.
    expect(world.state().applications.filter((a) => a.displayName === plan.parts[6]!.plan.form.app.displayName)).toHaveLength(1);
  });

  it("Roll back failed removes only the failed scope's objects", async () => {
    const { world, plan } = bulkWorld();
    refuseRoleAt(world, plan, 2);
    const bulk = new BulkRun(plan, countingFactory(world).factory);
    await bulk.start();
    const failedRunId = plan.parts[2]!.plan.runId;
    expect(world.appsOfRun(failedRunId)).toHaveLength(1);

    const after = await bulk.rollbackFailed();

    expect(after.rows[2]!.status).toBe("rolledBack");
    expect(world.appsOfRun(failedRunId)).toHaveLength(0);
    expect(summaryText(after.rows)).toBe("9 created and verified, 1 rolled back");
    expect(world.state().devops.serviceEndpoints).toHaveLength(9);
  });

  it("Roll back all leaves nothing: no app, principal, role assignment or connection", async () => {
    const { world, plan } = bulkWorld();
    const before = world.state();
    refuseRoleAt(world, plan, 4);
    const bulk = new BulkRun(plan, countingFactory(world).factory);
    await bulk.start();
    expect(newSince(world, before)).toEqual({ apps: 10, principals: 10, roleAssignments: 9, connections: 9 });

    const after = await bulk.rollbackAll();

    expect(after.rows.every((r) => r.status === "rolledBack")).toBe(true);
    expect(newSince(world, before)).toEqual({ apps: 0, principals: 0, roleAssignments: 0, connections: 0 });
  });

  it("journals each scope's run like a single run, so each can be resumed or rolled back after a closed tab", async () => {
    const { world, plan } = bulkWorld();
    refuseRoleAt(world, plan, 1);
    await new BulkRun(plan, countingFactory(world).factory).start();
    const journals = await world.journal.list<{ id: string; status: string }>("provisioning-runs");
    expect(journals.map((j) => j.id).sort()).toEqual(plan.parts.map((p) => p.plan.runId).sort());
    expect(journals.find((j) => j.id === plan.parts[1]!.plan.runId)?.status).toBe("failed");
  });

  it("Cancel stops the parts in flight and starts no more; the rest can be started and the cancelled retried", async () => {
    const { world, plan } = bulkWorld();
    const { factory } = countingFactory(world);
    let cancelled = false;
    const bulk = new BulkRun(plan, factory, {
      // Cancel once, as soon as the first part has a run under way.
      onChange: (s) => {
        if (cancelled || !s.rows.some((r) => r.status === "running")) return;
        cancelled = true;
        bulk.cancel();
      },
    });

    const stopped = await bulk.start();

    const tally = tallyRows(stopped.rows);
    expect(tally.verified).toBeLessThan(COUNT);
    expect(stopped.rows.filter((r) => r.status === "ready").length).toBeGreaterThan(0);
    await bulk.start();
    const done = await bulk.retryFailed();
    expect(summaryText(done.rows)).toBe("10 created and verified");
    expect(world.state().devops.serviceEndpoints).toHaveLength(COUNT);
  });
});
