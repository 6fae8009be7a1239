// @vitest-environment jsdom
import type { FaultRule } from "../../../../emulator/model/core/knobs";
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { describeDeletion } from "../../../../src/workflows/connections/connectionDeletion";
import { addExistingConnection } from "./connectionScenarios";
import { appOf, connectionWorld, endpointIn, stepsWith } from "./connectionWorld";

const SUBSCRIPTION_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;

async function ours() {
  const c = connectionWorld();
  const before = c.state();
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const inventory = await c.inventory();
  const row = inventory.rows.find((r) => r.facts.id === endpointId)!;
  const app = appOf(c.state(), endpointId)!;
  const principal = c.state().servicePrincipals.find((p) => p.appId === app.appId)!;
  return { c, before, endpointId, inventory, row, app, principal };
}

describe("deleting a connection cleanly", () => {
  it("names the connection, its Reader role at the subscription and its app, all ticked for a connection the extension created", async () => {
    const { c, inventory, row, app } = await ours();

    const plan = await c.services.planConnectionDeletion(row, inventory);

    expect(plan.defaults).toEqual({ connection: true, roleAssignments: true, app: true });
    expect(plan.blocked).toEqual({});
    expect(plan.roleAssignments).toEqual([expect.objectContaining({ scope: SUBSCRIPTION_SCOPE, roleName: "Reader" })]);
    expect(describeDeletion(plan, plan.defaults)).toEqual([
      'The service connection "contoso-prod-reader"',
      "The Reader role of its service principal at the subscription Contoso Production",
      `The app registration "${app.displayName}" (client ID ${app.appId}), with its service principal and secrets`,
    ]);
  });

  it("leaves nothing behind: no connection, pipeline permission, role assignment, app, principal or secret", async () => {
    const { c, before, inventory, row } = await ours();
    const plan = await c.services.planConnectionDeletion(row, inventory);

    const snapshot = await c.services.startDeletion(plan, plan.defaults, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.map((s) => s.status)).toEqual(["done", "done", "done", "skipped"]);
    const after = c.state();
    expect(after.devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);
    expect(after.devops.pipelinePermissions).toEqual(before.devops.pipelinePermissions);
    expect(after.roleAssignments.map((r) => r.name).sort()).toEqual(before.roleAssignments.map((r) => r.name).sort());
    expect(after.applications).toEqual(before.applications);
    expect(after.servicePrincipals).toEqual(before.servicePrincipals);
  });

  it("ticks only the connection for one it did not create, and deletes only what is ticked", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy" });
    await c.signIn();
    const inventory = await c.inventory();
    const row = inventory.rows[0]!;

    const plan = await c.services.planConnectionDeletion(row, inventory);
    expect(plan.defaults).toEqual({ connection: true, roleAssignments: false, app: false });
    const snapshot = await c.services.startDeletion(plan, plan.defaults, c.onChange).start();

    expect(stepsWith(snapshot, "skipped")).toEqual(["deleteRoleAssignments", "deleteApp", "purgeApp"]);
    const after = c.state();
    expect(endpointIn(after, theirs.endpoint.id)).toBeUndefined();
    expect(after.applications.map((a) => a.id)).toContain(theirs.app.id);
    expect(after.roleAssignments.some((r) => r.principalId === theirs.principalId)).toBe(true);
  });

  it("while shared with another project, removes only this project's reference and keeps the role and app", async () => {
    const c = connectionWorld();
    const shared = addExistingConnection(c.world.model, { name: "shared-deploy", sharedWithOtherProject: true, tags: ["azconn:managed"] });
    await c.signIn();
    const inventory = await c.inventory();
    const row = inventory.rows[0]!;

    const plan = await c.services.planConnectionDeletion(row, inventory);
    expect(plan.blocked.app).toBe(
      `The connection is shared with ${SEED.otherProject.name}: deleting it here only removes it from this project, and ${SEED.otherProject.name} still needs its role and app.`,
    );
    expect(plan.blocked.roleAssignments).toBe(plan.blocked.app);
    expect(describeDeletion(plan, { connection: true, roleAssignments: false, app: false })).toEqual([
      `The service connection "shared-deploy" from this project only (it stays in ${SEED.otherProject.name})`,
    ]);
    // Even if asked, the role and the app stay.
    const deletion = c.services.startDeletion(plan, { connection: true, roleAssignments: true, app: true }, c.onChange);
    const snapshot = await deletion.start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps[0]!.title).toBe("Remove the service connection from this project");
    const endpoint = endpointIn(c.state(), shared.endpoint.id)!;
    expect(endpoint.serviceEndpointProjectReferences.map((r) => r.projectReference.id)).toEqual([SEED.otherProject.id]);
    expect(c.state().applications.map((a) => a.id)).toContain(shared.app.id);
    expect(c.state().roleAssignments.some((r) => r.principalId === shared.principalId)).toBe(true);
  });

  it("without a sign-in, deletes the connection alone and says why the role and app cannot be chosen", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy" });
    const inventory = await c.services.connectionInventory();

    const plan = await c.services.planConnectionDeletion(inventory.rows[0]!, inventory);
    expect(plan.blocked).toEqual({
      roleAssignments: "Sign in to Microsoft Entra ID to find and delete the role assignment.",
      app: "Sign in to Microsoft Entra ID to delete the app registration.",
    });
    const snapshot = await c.services.startDeletion(plan, plan.defaults, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(endpointIn(c.state(), theirs.endpoint.id)).toBeUndefined();
  });

  it("does not offer to delete an app another connection of the project also uses", async () => {
    const { c, endpointId, inventory } = await ours();
    const app = appOf(c.state(), endpointId)!;
    const twin = addExistingConnection(c.world.model, { name: "twin" });
    c.world.model.state.devops.serviceEndpoints.find((e) => e.id === twin.endpoint.id)!.authorization.parameters["serviceprincipalid"] =
      app.appId;
    const fresh = await c.inventory();

    const plan = await c.services.planConnectionDeletion(
      fresh.rows.find((r) => r.facts.id === endpointId)!,
      fresh,
    );

    expect(inventory.rows).toHaveLength(1);
    expect(plan.blocked.app).toBe('The app is also used by "twin".');
    expect(plan.defaults.app).toBe(false);
  });

  it("counts a connection already gone as deleted", async () => {
    const { c, inventory, row, endpointId } = await ours();
    const plan = await c.services.planConnectionDeletion(row, inventory);
    await c.world.connections.delete(endpointId, [SEED.project.id]);

    expect((await c.services.startDeletion(plan, plan.defaults, c.onChange).start()).status).toBe("succeeded");
    expect(c.state().applications).toEqual([]);
  });
});

const FAILURES: Array<{ step: string; fault: Omit<FaultRule, "count">; deletedBefore: string[] }> = [
  {
    step: "deleteConnection",
    fault: { service: "devops", method: "DELETE", path: "/serviceendpoint/endpoints/", status: 500 },
    deletedBefore: [],
  },
  {
    step: "deleteRoleAssignments",
    fault: { service: "arm", method: "DELETE", path: "/roleAssignments/", status: 500 },
    deletedBefore: ["connection"],
  },
  {
    step: "deleteApp",
    fault: { service: "graph", method: "DELETE", path: "^/v1\\.0/applications/", status: 500 },
    deletedBefore: ["connection", "role"],
  },
];

describe.each(FAILURES)("when $step keeps failing", ({ step, fault, deletedBefore }) => {
  it("stops there with a problem and Retry (no rollback: deleted things stay deleted), then finishes on Retry", async () => {
    const { c, before, inventory, row, endpointId, app, principal } = await ours();
    const plan = await c.services.planConnectionDeletion(row, inventory);
    c.world.fail({ ...fault, count: Infinity });
    const deletion = c.services.startDeletion(plan, plan.defaults, c.onChange);

    const failed = await deletion.start();

    expect(failed.status).toBe("failed");
    expect(stepsWith(failed, "failed")).toEqual([step]);
    expect(failed.problem?.action).toMatch(/Retry/);
    expect(deletion.canRollBack()).toBe(false);
    const mid = c.state();
    expect(endpointIn(mid, endpointId) === undefined).toBe(deletedBefore.includes("connection"));
    expect(mid.roleAssignments.some((r) => r.principalId === principal.id)).toBe(!deletedBefore.includes("role"));
    expect(mid.applications.some((a) => a.id === app.id)).toBe(true);

    c.world.clearFaults();
    expect((await deletion.retry()).status).toBe("succeeded");
    expect(c.state().applications).toEqual(before.applications);
    expect(c.state().devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);
  });
});

describe("when the app and its role cannot be read", () => {
  it("still offers to delete the connection on its own, and says why the rest cannot be chosen", async () => {
    const { c, inventory, row, endpointId } = await ours();
    c.world.fail({ service: "graph", method: "GET", path: "^/v1\\.0/applications\\(appId=", status: 500, count: Infinity });

    const plan = await c.services.planConnectionDeletion(row, inventory);

    expect(plan.defaults).toEqual({ connection: true, roleAssignments: false, app: false });
    expect(plan.blocked.app).toMatch(/^It cannot be read now: Microsoft Graph had a temporary failure \(500\)/);
    expect((await c.services.startDeletion(plan, plan.defaults, c.onChange).start()).status).toBe("succeeded");
    expect(endpointIn(c.state(), endpointId)).toBeUndefined();
  });
});
