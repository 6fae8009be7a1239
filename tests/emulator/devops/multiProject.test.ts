import { AzureInABox } from "../../../emulator/model/azureInABox";
import { addSharedConnection } from "../../../emulator/model/scenarios";
import { projectAt } from "../../../emulator/model/seed";
import { handleControl } from "../../../emulator/server/control";
import { devops, NOW, ORG, OTHER_PROJECT, PROJECT } from "./helpers";

/** Groundwork for multi-project journeys: an organization with several projects and a connection shared by two. */
const inProject = (project: string) => `/${ORG}/${encodeURIComponent(project)}/_apis/serviceendpoint/endpoints`;
const PROXY = (project: string) => `/${ORG}/${encodeURIComponent(project)}/_apis/serviceendpoint/endpointproxy`;

describe("an organization with several projects and a shared connection", () => {
  it("seeds as many projects as asked (seed option projectCount; default 2)", async () => {
    expect(new AzureInABox({ now: NOW }).state.devops.projects.map((p) => p.name)).toEqual([PROJECT.name, OTHER_PROJECT.name]);
    const model = new AzureInABox({ now: NOW, seed: { projectCount: 4 } });
    const listed = await devops(model, "GET", `/${ORG}/_apis/projects`);
    expect((listed.body as Array<{ name: string }>).map((p) => p.name).sort()).toEqual(
      [PROJECT.name, OTHER_PROJECT.name, projectAt(2).name, projectAt(3).name].sort(),
    );
  });

  it("a connection shared between two projects is listed, read and verified in both, and in no other", async () => {
    const model = new AzureInABox({ now: NOW, seed: { projectCount: 3 } });
    const { endpoint } = addSharedConnection(model, { name: "shared-prod", projects: [PROJECT.id, OTHER_PROJECT.name] });
    for (const project of [PROJECT.name, OTHER_PROJECT.name]) {
      const list = await devops(model, "GET", inProject(project));
      expect((list.body as Array<{ id: string; isShared: boolean }>).map((e) => [e.id, e.isShared])).toEqual([[endpoint.id, true]]);
      expect((await devops(model, "GET", `${inProject(project)}/${endpoint.id}`)).status).toBe(200);
      const verify = await devops(model, "POST", PROXY(project), {
        query: { endpointId: endpoint.id },
        body: { dataSourceDetails: { dataSourceName: "TestConnection" }, resultTransformationDetails: {} },
      });
      expect(verify.body.statusCode).toBe(200);
    }
    expect(await devops(model, "GET", inProject(projectAt(2).name)).then((r) => r.body)).toEqual([]);
    expect((await devops(model, "GET", `${inProject(projectAt(2).name)}/${endpoint.id}`)).status).toBe(204);
  });

  it("removing it from one project keeps it in the other", async () => {
    const model = new AzureInABox({ now: NOW });
    const { endpoint } = addSharedConnection(model, { name: "shared-prod", projects: [PROJECT.id, OTHER_PROJECT.id] });
    expect(
      (await devops(model, "DELETE", `/${ORG}/_apis/serviceendpoint/endpoints/${endpoint.id}`, { query: { projectIds: OTHER_PROJECT.id } }))
        .status,
    ).toBe(204);
    expect((await devops(model, "GET", `${inProject(PROJECT.name)}/${endpoint.id}`)).body).toMatchObject({
      id: endpoint.id,
      isShared: false,
    });
    expect((await devops(model, "GET", `${inProject(OTHER_PROJECT.name)}/${endpoint.id}`)).status).toBe(204);
  });

  it("a project named in knobs.failingEndpointLists fails its list (403 or 500); the others still answer", async () => {
    const model = new AzureInABox({ now: NOW, seed: { projectCount: 3 } });
    addSharedConnection(model, { name: "shared-prod", projects: [PROJECT.id, OTHER_PROJECT.id] });
    model.knobs.failingEndpointLists = { [OTHER_PROJECT.name]: 403, [projectAt(2).id]: 500 };
    const refused = await devops(model, "GET", inProject(OTHER_PROJECT.name));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ typeKey: "AccessCheckException" });
    expect((await devops(model, "GET", inProject(projectAt(2).name))).status).toBe(500);
    const fine = await devops(model, "GET", inProject(PROJECT.name));
    expect((fine.body as unknown[]).length).toBe(1);
  });

  it("the HTTP control resets to a world with more projects", async () => {
    const model = new AzureInABox({ now: NOW });
    await handleControl(model, "POST", new URL("http://127.0.0.1:7000/_emulator/reset"), JSON.stringify({ projectCount: 5 }));
    expect(model.state.devops.projects).toHaveLength(5);
  });
});
