// @vitest-environment jsdom
import type { RunSnapshot, StepState } from "../../../../src/workflows/engine/workflowTypes";
import { REPLICATION_RETRY } from "../../../../src/platform/retry";
import { VERIFY_RETRY } from "../../../../src/workflows/engine/policy";
import { createWorld, formFor, type WorldOptions } from "../../../support/inProcessAzure";
import { expectProvisioned, stepsWithStatus } from "../../../support/provisioningState";

/**
 * Replication delay is normal: a new app unknown to the service-principal endpoint, a new principal unknown to ARM, a
 * new secret or role not yet accepted by Verify. The model counts it in calls, so these tests never sleep; the run
 * retries with backoff for a bounded time and says what it is waiting for.
 */
function replicatingWorld(consistency: NonNullable<WorldOptions["knobs"]>["consistency"]) {
  const world = createWorld({ knobs: { consistency } });
  const snapshots: RunSnapshot[] = [];
  return { world, snapshots, onChange: (snapshot: RunSnapshot) => snapshots.push(snapshot) };
}

/** Every wait a step reported, in order. */
function waitsOf(snapshots: RunSnapshot[], stepId: string): NonNullable<StepState["waiting"]>[] {
  const waits: NonNullable<StepState["waiting"]>[] = [];
  for (const snapshot of snapshots) {
    const waiting = snapshot.steps.find((s) => s.id === stepId)?.waiting;
    if (waiting && waits[waits.length - 1]?.waitedMs !== waiting.waitedMs) waits.push(waiting);
  }
  return waits;
}

const calls = (world: ReturnType<typeof createWorld>, method: string, path: RegExp) =>
  world.requests.filter((r) => r.method === method && path.test(new URL(r.url).pathname));

describe("waiting for Entra ID and Azure to replicate", () => {
  it("retries creating the service principal until the new app is known, and says so", async () => {
    const { world, snapshots, onChange } = replicatingWorld({ applicationToServicePrincipalCalls: 3 });
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { onChange });

    expect((await run.start()).status).toBe("succeeded");

    expect(calls(world, "POST", /^\/v1\.0\/servicePrincipals$/).map((r) => r.status)).toEqual([400, 400, 400, 201]);
    const waits = waitsOf(snapshots, "createServicePrincipal");
    expect(waits).toHaveLength(3);
    expect(waits[0]).toMatchObject({
      reason: "Entra ID is still replicating the new app registration",
      maxTotalWaitMs: REPLICATION_RETRY.maxTotalWaitMs,
    });
    expect(waits.map((w) => w.waitedMs)).toEqual([...waits.map((w) => w.waitedMs)].sort((a, b) => a - b));
    // The wait is over once the step is done.
    expect(run.snapshot().steps.every((s) => s.waiting === undefined)).toBe(true);
    await expectProvisioned(world, run, form, before);
  });

  it("retries the role assignment while ARM does not know the new principal (PrincipalNotFound)", async () => {
    const { world, snapshots, onChange } = replicatingWorld({ principalToRoleAssignmentCalls: 4 });
    const before = world.state();
    const form = formFor("ManagementGroup");
    const run = world.provisioningRun(form, { onChange });

    expect((await run.start()).status).toBe("succeeded");

    expect(calls(world, "PUT", /roleAssignments/).map((r) => r.status)).toEqual([400, 400, 400, 400, 201]);
    expect(waitsOf(snapshots, "assignRole")[0]?.reason).toBe("Azure is still replicating the new service principal");
    await expectProvisioned(world, run, form, before);
  });

  it("verifies again while a new secret and a new role are not yet accepted, then saves the connection as verified", async () => {
    const { world, snapshots, onChange } = replicatingWorld({ secretToTestConnectionCalls: 2, roleAssignmentToTestConnectionCalls: 3 });
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, { onChange });

    expect((await run.start()).status).toBe("succeeded");

    expect(calls(world, "POST", /endpointproxy$/)).toHaveLength(4);
    const waits = waitsOf(snapshots, "verify");
    expect(waits).toHaveLength(3);
    expect(waits[0]).toMatchObject({
      reason: "Azure has not yet accepted the new secret or role",
      maxTotalWaitMs: VERIFY_RETRY.maxTotalWaitMs,
    });
    expect(run.created.verified).toBe(true);
    await expectProvisioned(world, run, form, before);
  });

  it("all at once, still one of everything", async () => {
    const { world, onChange } = replicatingWorld({
      applicationToServicePrincipalCalls: 2,
      principalToRoleAssignmentCalls: 2,
      secretToTestConnectionCalls: 2,
      roleAssignmentToTestConnectionCalls: 2,
    });
    const before = world.state();
    const form = formFor("AzureMLWorkspace", { connection: { verify: false } });
    const run = world.provisioningRun(form, { onChange });

    expect((await run.start()).status).toBe("succeeded");
    await expectProvisioned(world, run, form, before);
  });

  it("gives up after a bounded wait when the principal never replicates, and can be retried later", async () => {
    const { world } = replicatingWorld({ principalToRoleAssignmentCalls: 1000 });
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    expect(stepsWithStatus(run, "failed")).toEqual(["assignRole"]);
    expect(snapshot.problem?.detail).toBe("Azure has not finished replicating the new service principal, even after waiting.");
    expect(world.clock.sleptMs).toBeLessThanOrEqual(REPLICATION_RETRY.maxTotalWaitMs);
    expect(calls(world, "PUT", /roleAssignments/).length).toBeLessThanOrEqual(REPLICATION_RETRY.maxAttempts);

    world.model.state.servicePrincipals.forEach((sp) => (sp.pendingRoleAssignmentCalls = 0));
    expect((await run.retry()).status).toBe("succeeded");
    await expectProvisioned(world, run, form, before);
  });

  it("stops waiting at once when cancelled, ready to retry", async () => {
    const { world } = replicatingWorld({ applicationToServicePrincipalCalls: 1000 });
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, {
      onChange: (snapshot) => {
        if (snapshot.steps.find((s) => s.id === "createServicePrincipal")?.waiting) run.cancel();
      },
    });

    const snapshot = await run.start();

    expect(snapshot.status).toBe("failed");
    expect(snapshot.problem?.title).toBe("Creating the service principal was cancelled.");
    expect(calls(world, "POST", /^\/v1\.0\/servicePrincipals$/)).toHaveLength(1);
  });
});
