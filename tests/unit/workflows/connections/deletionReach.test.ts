// @vitest-environment jsdom
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { describeDeletion } from "../../../../src/workflows/connections/connectionDeletion";
import { addExistingConnection } from "./connectionScenarios";
import { appOf, connectionWorld } from "./connectionWorld";

/** #13.6: a deletion only removes what it may. */
async function ours() {
  const c = connectionWorld();
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const app = appOf(c.state(), endpointId)!;
  const principal = c.state().servicePrincipals.find((p) => p.appId === app.appId)!;
  const plan = async () => {
    const inventory = await c.inventory();
    return c.services.planConnectionDeletion(
      inventory.rows.find((r) => r.facts.id === endpointId)!,
      inventory,
    );
  };
  return { c, endpointId, app, principal, plan };
}

/** A connection of the seed's other project only, using `appId`. */
function connectionElsewhere(c: ReturnType<typeof connectionWorld>, appId: string) {
  const twin = addExistingConnection(c.world.model, { name: "twin-elsewhere", noRole: true });
  const endpoint = c.world.model.state.devops.serviceEndpoints.find((e) => e.id === twin.endpoint.id)!;
  endpoint.authorization.parameters["serviceprincipalid"] = appId;
  endpoint.serviceEndpointProjectReferences = [
    { projectReference: { id: SEED.otherProject.id, name: SEED.otherProject.name }, name: "twin-elsewhere", description: "" },
  ];
}

describe("what a deletion offers", () => {
  it("does not offer the app when a connection in another project uses it, and names that connection", async () => {
    const { c, app, plan } = await ours();
    connectionElsewhere(c, app.appId);

    const planned = await plan();

    expect(planned.blocked.app).toBe(`The app is also used by "twin-elsewhere" (project ${SEED.otherProject.name}).`);
    expect(planned.defaults.app).toBe(false);
  });

  it("does not offer the app when another project's connections cannot be listed (cannot tell), and says why", async () => {
    const { c, plan } = await ours();
    c.world.fail({
      service: "devops",
      method: "GET",
      path: `${SEED.otherProject.id}/_apis/serviceendpoint/endpoints`,
      status: 500,
      count: Infinity,
    });

    const planned = await plan();

    expect(planned.blocked.app).toMatch(new RegExp(`The connections of ${SEED.otherProject.name} could not be listed`));
    expect(planned.blocked.app).toMatch(/not offered for deletion/);
    expect(planned.defaults.app).toBe(false);
  });

  it("does not offer an app without the extension's markers", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "legacy-deploy" });
    await c.signIn();
    const inventory = await c.inventory();

    const planned = await c.services.planConnectionDeletion(inventory.rows[0]!, inventory);

    expect(planned.app).toBeDefined();
    expect(planned.blocked.app).toMatch(/does not carry this extension's markers/);
  });

  it("ticks the assignment the hub made, and lists the principal's other assignments unticked with scope and role", async () => {
    const { c, principal, plan } = await ours();
    const elsewhere = `/subscriptions/${subscriptionIdAt(1)}`;
    c.world.model.state.roleAssignments.push({
      name: "7d2b6a5e-0000-4000-8000-00000000c0c0",
      scope: elsewhere,
      roleDefinitionName: ROLE_IDS.contributor,
      principalId: principal.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: "2026-03-01T12:00:00Z",
      pendingTestConnectionCalls: 0,
    });

    const planned = await plan();

    expect(planned.roleAssignments).toEqual([
      expect.objectContaining({ scope: `/subscriptions/${subscriptionIdAt(0)}`, roleName: "Reader", ours: true }),
      expect.objectContaining({ scope: elsewhere, roleName: "Contributor", ours: false }),
    ]);
    expect(planned.defaults.roleAssignments).toBe(true);
    expect(describeDeletion(planned, planned.defaults).some((l) => l.includes(elsewhere))).toBe(false);

    expect((await c.services.startDeletion(planned, planned.defaults, c.onChange).start()).status).toBe("succeeded");
    const left = c.state().roleAssignments.filter((r) => r.principalId === principal.id);
    expect(left.map((r) => r.scope)).toEqual([elsewhere]);
  });

  it("deletes another assignment only when the person ticks it", async () => {
    const { c, principal, plan } = await ours();
    const elsewhere = `/subscriptions/${subscriptionIdAt(1)}`;
    const name = "7d2b6a5e-0000-4000-8000-00000000c0c1";
    c.world.model.state.roleAssignments.push({
      name,
      scope: elsewhere,
      roleDefinitionName: ROLE_IDS.reader,
      principalId: principal.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: "2026-03-01T12:00:00Z",
      pendingTestConnectionCalls: 0,
    });
    const planned = await plan();
    const choice = { ...planned.defaults, otherRoleAssignments: [name] };

    expect(describeDeletion(planned, choice)).toContain(`The Reader role of its service principal at ${elsewhere}`);
    expect((await c.services.startDeletion(planned, choice, c.onChange).start()).status).toBe("succeeded");
    expect(c.state().roleAssignments.filter((r) => r.principalId === principal.id)).toEqual([]);
  });
});

describe("Entra's deleted items", () => {
  it("keeps a deleted app in deleted items unless asked to remove it for good", async () => {
    const { c, app, plan } = await ours();
    const planned = await plan();

    await c.services.startDeletion(planned, planned.defaults, c.onChange).start();

    expect(c.state().deletedApplications?.map((a) => a.id)).toEqual([app.id]);
  });

  it("removes the app from deleted items for good when chosen, giving the creator's quota back", async () => {
    const { c, app, plan } = await ours();
    const creator = () => c.state().users.find((u) => u.id === app.ownerIds[0])!.createdObjectCount;
    const planned = await plan();
    const before = creator();
    const choice = { ...planned.defaults, purgeApp: true };
    expect(describeDeletion(planned, choice).at(-1)).toMatch(/from Entra's deleted items, for good/);

    const snapshot = await c.services.startDeletion(planned, choice, c.onChange).start();

    expect(snapshot.steps.find((s) => s.id === "purgeApp")?.status).toBe("done");
    expect(c.state().deletedApplications ?? []).toEqual([]);
    expect(creator()).toBe(before - 1);
  });
});
