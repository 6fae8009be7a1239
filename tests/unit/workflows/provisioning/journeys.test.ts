// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { createWorld, formFor, ML_SUBSCRIPTION_ID } from "../../../support/inProcessAzure";
import { expectProvisioned } from "../../../support/provisioningState";

/**
 * The seed article end to end, once per scope level: register the app, add its secret, give it Reader at the scope,
 * create the connection with "Verify and save", and authorize the chosen pipelines.
 */
describe("creating an Azure Resource Manager connection with a secret", () => {
  it("at a subscription: verifies, saves the connection and authorizes the chosen pipelines", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.find((s) => s.id === "verify")?.note).toBe("Verified");
    expect(run.created.verified).toBe(true);
    await expectProvisioned(world, run, form, before);
  });

  it("at a management group: assigns Reader at the management group and verifies there", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("ManagementGroup");
    const run = world.provisioningRun(form);

    expect((await run.start()).status).toBe("succeeded");

    const { roleAssignment, endpoint } = await expectProvisioned(world, run, form, before);
    expect(roleAssignment.scope).toBe(`/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}`);
    expect(endpoint.data).not.toHaveProperty("subscriptionId");
    expect(run.created.verified).toBe(true);
  });

  it("at a Machine Learning workspace with Reader there only: keeps the connection as not yet verified, without rolling back", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("AzureMLWorkspace");
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    // Verify reads the subscription, which Reader on the workspace does not allow.
    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.find((s) => s.id === "verify")).toMatchObject({ status: "done", note: "Not yet verified" });
    expect(run.created.verified).toBe(false);
    expect(run.created.verifyMessage).toContain("Microsoft.Resources/subscriptions/read");
    const { roleAssignment } = await expectProvisioned(world, run, form, before);
    expect(roleAssignment.scope).toBe(
      `/subscriptions/${ML_SUBSCRIPTION_ID}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`,
    );
    // No wait: a role at the workspace can never let Verify read the subscription, however long it replicates.
    expect(world.clock.sleptMs).toBe(0);
  });

  it("verifies the saved ML workspace connection once Reader is also given on the subscription (Verify again)", async () => {
    const world = createWorld();
    const form = formFor("AzureMLWorkspace");
    const run = world.provisioningRun(form);
    await run.start();
    const principalId = run.created.servicePrincipalId!;
    world.model.state.roleAssignments.push({
      name: "7d2b6a5e-0000-4000-8000-000000000001",
      scope: `/subscriptions/${ML_SUBSCRIPTION_ID}`,
      roleDefinitionName: form.role.id,
      principalId,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: "2026-03-01T12:00:00Z",
      pendingTestConnectionCalls: 0,
    });

    expect(await run.verifyAgain()).toBe(true);
    expect(run.created.verified).toBe(true);
  });

  it("saves without verification when asked, and still creates everything", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription", { connection: { verify: false } });
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    expect(snapshot.steps.find((s) => s.id === "verify")?.status).toBe("skipped");
    expect(world.requests.some((r) => r.url.includes("endpointproxy"))).toBe(false);
    await expectProvisioned(world, run, form, before);
  });

  it("adds the chosen co-owners to the app registration", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription", { app: { coOwnerIds: [SEED.users.member, SEED.users.developer] } });
    const run = world.provisioningRun(form);

    expect((await run.start()).status).toBe("succeeded");
    await expectProvisioned(world, run, form, before);
  });

  it("grants all pipelines only when asked", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription", { connection: { allPipelines: true, pipelineIds: [] } });
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    expect(snapshot.steps.find((s) => s.id === "authorizePipelines")?.title).toBe("Grant access to all pipelines");
    const { endpoint } = await expectProvisioned(world, run, form, before);
    expect(await world.pipelinePermissions.get(world.context.project.id, endpoint.id)).toEqual({ allPipelines: true, pipelineIds: [] });
  });

  it("authorizes no pipeline when none is chosen", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription", { connection: { pipelineIds: [] } });
    const run = world.provisioningRun(form);

    const snapshot = await run.start();

    expect(snapshot.steps.find((s) => s.id === "authorizePipelines")?.status).toBe("skipped");
    await expectProvisioned(world, run, form, before);
  });

  it("works for an Application Developer who may assign roles on the subscription (User Access Administrator)", async () => {
    const world = createWorld({ user: "developer" });
    const before = world.state();
    const subscription = world.state().subscriptions[1]!;
    const form = formFor("Subscription", {
      scope: { level: "Subscription", subscriptionId: subscription.subscriptionId, subscriptionName: subscription.displayName },
    });
    const run = world.provisioningRun(form);

    expect((await run.start()).status).toBe("succeeded");
    const { app } = await expectProvisioned(world, run, form, before);
    expect(app.ownerIds).toEqual([SEED.users.developer]);
  });

  it("runs the independent steps in parallel: principal, secret and co-owners start together once the app exists", async () => {
    const world = createWorld();
    const form = formFor("Subscription", { app: { coOwnerIds: [SEED.users.member] } });
    const running: string[][] = [];
    const run = world.provisioningRun(form, {
      onChange: (s) => running.push(s.steps.filter((x) => x.status === "running").map((x) => x.id)),
    });
    await run.start();
    expect(running.some((ids) => ["createServicePrincipal", "addSecret", "addCoOwners"].every((id) => ids.includes(id)))).toBe(true);
    expect(running.some((ids) => ids.includes("markApp") && ids.includes("authorizePipelines"))).toBe(true);
  });
});
