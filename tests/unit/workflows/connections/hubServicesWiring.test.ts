// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { isProblemError } from "../../../../src/platform/problem";
import { createHubServices } from "../../../../src/workflows/hub/hubServices";
import { azureClients } from "../../../../src/entries/azureClients";
import { createWorld } from "../../../support/inProcessAzure";
import { addSharedConnection } from "../../../../emulator/model/scenarios";
import { addExistingConnection } from "./connectionScenarios";

/** The Connections tab's services as the hub composes them: Azure DevOps always, Graph and ARM once signed in. */
function hub() {
  const world = createWorld();
  const services = createHubServices({
    session: { organization: SEED.devopsOrganization, userDisplayName: "Ada Admin", extensionId: "hub", project: { ...SEED.project } },
    clouds: [AZURE_CLOUD],
    clock: world.clock,
    connections: world.connections,
    pipelinePermissions: world.pipelinePermissions,
    pipelines: { list: async () => [] },
    journal: world.journal,
    organizationUrl: `https://dev.azure.com/${SEED.devopsOrganization}/`,
    createSignIn: async () => world.signIn,
    azureClients: (signIn, cloud, tenantId) => azureClients(signIn, cloud, tenantId, { clock: world.clock, fetch: world.fetch }),
    randomId: () => world.newRunId(),
  });
  return { world, services };
}

describe("the hub's services for the Connections tab", () => {
  it("load on first use, list the connections without a sign-in, and read the apps only once signed in to the connection's cloud", async () => {
    const { world, services } = hub();
    addExistingConnection(world.model, { name: "legacy-deploy", secretDays: 12 });

    const tools = await services.connectionServices();
    const listed = await tools.connectionInventory();
    expect(listed.rows.map((r) => r.facts.name)).toEqual(["legacy-deploy"]);
    const refused = await tools.readConnectionCredentials(listed).catch((e: unknown) => e);
    expect(isProblemError(refused) && refused.problem.title).toBe("You are not signed in to Microsoft Entra ID.");

    await services.signIn(AZURE_CLOUD.id);
    const read = await tools.readConnectionCredentials(listed);
    expect(read.rows[0]).toMatchObject({ badges: ["expiresSoon"], ownedByYou: true, expiry: { daysLeft: 12 } });
  });

  it("delete a connection alone without a sign-in", async () => {
    const { world, services } = hub();
    const theirs = addExistingConnection(world.model, { name: "legacy-deploy" });
    const tools = await services.connectionServices();
    const inventory = await tools.connectionInventory();
    const plan = await tools.planConnectionDeletion(inventory.rows[0]!, inventory);
    expect((await tools.startDeletion(plan, plan.defaults, () => undefined).start()).status).toBe("succeeded");
    expect(world.state().devops.serviceEndpoints.find((e) => e.id === theirs.endpoint.id)).toBeUndefined();
  });

  it("give another project's services, which work in that project, once per project", async () => {
    const { world, services } = hub();
    const other = addSharedConnection(world.model, { name: "data-only", projects: [SEED.otherProject.id] });

    const tools = await services.connectionServicesFor(SEED.otherProject, { expiryIndex: false });
    expect(await services.connectionServicesFor(SEED.otherProject, { expiryIndex: false })).toBe(tools);
    expect(await services.connectionServices()).not.toBe(tools);
    const inventory = await tools.connectionInventory();
    expect(inventory.rows.map((r) => r.facts.id)).toEqual([other.endpoint.id]);
    // Deleting runs in the connection's own project.
    const plan = await tools.planConnectionDeletion(inventory.rows[0]!, inventory);
    expect(plan.target.projectId).toBe(SEED.otherProject.id);
    expect((await tools.startDeletion(plan, plan.defaults, () => undefined).start()).status).toBe("succeeded");
    expect(world.state().devops.serviceEndpoints.find((e) => e.id === other.endpoint.id)).toBeUndefined();
  });
});
