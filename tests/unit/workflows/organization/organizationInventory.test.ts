import { addSharedConnection } from "../../../../emulator/model/scenarios";
import { SEED, projectAt } from "../../../../emulator/model/seed";
import type { ServiceConnection } from "../../../../src/clients/devops/devopsTypes";
import { listOrganizationInventory, readOrganizationCredentials } from "../../../../src/workflows/organization/organizationInventory";
import { hubConnectionUrl } from "../../../../src/workflows/hub/hubLink";
import { MemoryDocumentStore } from "../../../support/inProcessAzure";
import { connectionWorld } from "../connections/connectionWorld";
import { addConnectionsInEveryProject } from "./organizationScenarios";

const portsOf = (c: ReturnType<typeof connectionWorld>) => ({
  projects: c.world.projects,
  connections: c.world.connections,
  journal: c.world.journal,
});

describe("the organization's connections across projects", () => {
  it("lists a connection shared between projects once, with all its projects, and each project's own", async () => {
    const c = connectionWorld({ seed: { projectCount: 3 } });
    const shared = addSharedConnection(c.world.model, { name: "shared-prod", projects: [SEED.otherProject.id, SEED.project.id] });
    addSharedConnection(c.world.model, { name: "web-only", projects: [SEED.project.id] });
    addSharedConnection(c.world.model, { name: "third-only", projects: [projectAt(2).id] });

    const inventory = await listOrganizationInventory(portsOf(c));

    expect(inventory.rows.map((r) => r.facts.name)).toEqual(["shared-prod", "third-only", "web-only"]);
    const row = inventory.rows.find((r) => r.facts.id === shared.endpoint.id)!;
    // Home: the first project in the organization's order that listed it; then the others it is shared with.
    expect(row.projects.map((p) => p.name).sort()).toEqual([SEED.otherProject.name, SEED.project.name].sort());
    expect(row.home.id).toBe(inventory.projects.find((p) => row.projects.some((r) => r.id === p.id))!.id);
    expect(inventory.rows.find((r) => r.facts.name === "third-only")!.projects).toEqual([projectAt(2)]);
    expect(inventory.failures).toEqual([]);
    expect(inventory.summary.total).toBe(3);
    expect(inventory.credentialsRead).toBe(false);
  });

  it("keeps a project whose list fails, with the reason, and lists the others", async () => {
    const c = connectionWorld({ seed: { projectCount: 3 } });
    addSharedConnection(c.world.model, { name: "web-only", projects: [SEED.project.id] });
    addSharedConnection(c.world.model, { name: "data-only", projects: [SEED.otherProject.id] });
    c.world.model.knobs.failingEndpointLists = { [SEED.otherProject.id]: 403 };
    const progress: number[] = [];

    const inventory = await listOrganizationInventory(portsOf(c), (p) => progress.push(p.done));

    expect(inventory.rows.map((r) => r.facts.name)).toEqual(["web-only"]);
    expect(inventory.failures).toHaveLength(1);
    expect(inventory.failures[0]!.project.name).toBe(SEED.otherProject.name);
    expect(`${inventory.failures[0]!.problem.title} ${inventory.failures[0]!.problem.detail}`).toMatch(/permission|denied|not allowed/i);
    expect(progress.at(-1)).toBe(3);
  });

  it("says why when the projects themselves cannot be listed", async () => {
    const c = connectionWorld();
    c.world.fail({ service: "devops", method: "GET", path: "_apis/projects$", status: 500, count: Infinity });
    await expect(listOrganizationInventory(portsOf(c))).rejects.toThrow();
  });

  it("lists at most the bound of projects at once, and reports progress to the last", async () => {
    const projects = Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, name: `Project ${i}` }));
    let inFlight = 0;
    let most = 0;
    const connections = {
      async listAzureRm(projectId: string): Promise<ServiceConnection[]> {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        if (projectId === "p7") throw new Error("boom");
        return [];
      },
    };
    const journal = new MemoryDocumentStore();
    const seen: Array<{ done: number; failed: number }> = [];

    const inventory = await listOrganizationInventory(
      { projects: { listProjects: async () => projects }, connections, journal },
      (p) => seen.push({ done: p.done, failed: p.failed }),
      5,
    );

    expect(most).toBe(5);
    expect(seen.at(-1)).toEqual({ done: 30, failed: 1 });
    expect(inventory.failures.map((f) => f.project.id)).toEqual(["p7"]);
  });

  it("reads every project's apps at once once signed in: 15 apps to a read, 20 reads to a Graph request", async () => {
    const c = connectionWorld({ seed: { projectCount: 4 } });
    addConnectionsInEveryProject(c.world.model, 10);
    const shared = addSharedConnection(c.world.model, { name: "shared-prod", projects: [SEED.project.id, projectAt(3).id] });
    await c.signIn();
    const listed = await listOrganizationInventory(portsOf(c));
    const before = c.graphRequests().length;

    const inventory = await readOrganizationCredentials(listed, (all) => c.services.readConnectionCredentials(all));

    const sent = c.graphRequests().slice(before);
    expect(sent).toHaveLength(1);
    // 41 apps: 15 + 15 + 11.
    expect(sent[0]!.batchUrls).toHaveLength(3);
    expect(inventory.credentialsRead).toBe(true);
    expect(inventory.rows.every((r) => r.access.state === "readable")).toBe(true);
    expect(inventory.rows.find((r) => r.facts.id === shared.endpoint.id)!.projects).toHaveLength(2);
    expect(inventory.summary.text).toMatch(/^41 Azure Resource Manager connections · /);
  });
});

describe("Open in project", () => {
  const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
  it("opens the project's hub on the connection, through the hub's one link builder", () => {
    expect(hubConnectionUrl("https://dev.azure.com/contoso/", "Fabrikam Web", "arm-connection-tools.arm-connection-hub", id)).toBe(
      `https://dev.azure.com/contoso/Fabrikam%20Web/_settings/arm-connection-tools.arm-connection-hub.azure-connections-hub?connection=${id}`,
    );
  });
  it("builds no link from an id that is not a GUID", () => {
    expect(hubConnectionUrl("https://dev.azure.com/contoso/", "Fabrikam Web", "a.b", "abc")).toBeUndefined();
  });
});
