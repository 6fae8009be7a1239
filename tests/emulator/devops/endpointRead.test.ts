import { azureRmBody, createEndpoint, devops, newModel, ORG, OTHER_PROJECT, PROJECT } from "./helpers";

const inProject = (project: string = PROJECT.name) => `/${ORG}/${project}/_apis/serviceendpoint/endpoints`;

const genericBody = (name: string) => ({
  name,
  type: "generic",
  url: "https://nexus.contoso.com",
  authorization: { scheme: "UsernamePassword", parameters: { username: "ci", password: "pw" } },
  serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name }],
});

async function threeConnections() {
  const model = newModel();
  const prod = (await createEndpoint(model, azureRmBody({ name: "prod" }))).body;
  const wif = (await createEndpoint(model, azureRmBody({ name: "dev", scheme: "WorkloadIdentityFederation" }))).body;
  const nexus = (await createEndpoint(model, genericBody("nexus"))).body;
  return { model, prod, wif, nexus };
}

describe("reading service connections", () => {
  it("finds connections by comma-joined names, case-insensitively", async () => {
    const { model } = await threeConnections();
    const res = await devops(model, "GET", inProject(), { query: { endpointNames: "PROD,nexus" } });
    expect(res.body.map((e: { name: string }) => e.name).sort()).toEqual(["nexus", "prod"]);
  });

  it("finds nothing for a name that does not exist", async () => {
    const { model } = await threeConnections();
    expect((await devops(model, "GET", inProject(), { query: { endpointNames: "staging" } })).body).toEqual([]);
  });

  it("filters by type and by authorization schemes", async () => {
    const { model } = await threeConnections();
    expect((await devops(model, "GET", inProject(), { query: { type: "azurerm" } })).body).toHaveLength(2);
    const wifOnly = await devops(model, "GET", inProject(), { query: { type: "azurerm", authSchemes: "WorkloadIdentityFederation" } });
    expect(wifOnly.body.map((e: { name: string }) => e.name)).toEqual(["dev"]);
  });

  it("filters by endpoint ids and by owner", async () => {
    const { model, prod, nexus } = await threeConnections();
    const byIds = await devops(model, "GET", inProject(), { query: { endpointIds: `${prod.id},${nexus.id}` } });
    expect(byIds.body).toHaveLength(2);
    expect((await devops(model, "GET", inProject(), { query: { owner: "agentcloud" } })).body).toEqual([]);
    expect((await devops(model, "GET", inProject(), { query: { owner: "Library" } })).body).toHaveLength(3);
  });

  it("hides failed connections unless includeFailed is set", async () => {
    const { model, prod } = await threeConnections();
    model.state.devops.serviceEndpoints.find((e) => e.id === prod.id)!.operationStatus = { state: "Failed", statusMessage: "broken" };
    expect((await devops(model, "GET", inProject())).body).toHaveLength(2);
    expect((await devops(model, "GET", inProject(), { query: { includeFailed: "true" } })).body).toHaveLength(3);
  });

  it("lists only the project's connections", async () => {
    const { model } = await threeConnections();
    expect((await devops(model, "GET", inProject(OTHER_PROJECT.name))).body).toEqual([]);
  });

  it("reads one connection's details by id", async () => {
    const { model, prod } = await threeConnections();
    const res = await devops(model, "GET", `${inProject()}/${prod.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: prod.id, name: "prod", authorization: { parameters: { serviceprincipalkey: null } } });
  });

  it("answers no content for an id that does not exist or is not shared with the project", async () => {
    const { model, prod } = await threeConnections();
    expect((await devops(model, "GET", `${inProject()}/00000000-0000-0000-0000-000000000001`)).status).toBe(204);
    const other = await devops(model, "GET", `${inProject(OTHER_PROJECT.id)}/${prod.id}`);
    expect(other.status).toBe(204);
    expect(other.body).toBeUndefined();
  });

  it("answers 404 ServiceEndpointNotFoundException instead with knobs.missingEndpointRead = notFound, for a deleted one too", async () => {
    const { model, prod } = await threeConnections();
    model.knobs.missingEndpointRead = "notFound";
    await devops(model, "DELETE", `/${ORG}/_apis/serviceendpoint/endpoints/${prod.id}`, { query: { projectIds: PROJECT.id } });
    const gone = await devops(model, "GET", `${inProject()}/${prod.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ typeKey: "ServiceEndpointNotFoundException" });
    model.knobs.missingEndpointRead = "noContent";
    expect((await devops(model, "GET", `${inProject()}/${prod.id}`)).status).toBe(204);
  });

  it("shows a shared connection under the name it has in each project", async () => {
    const { model, prod } = await threeConnections();
    await devops(model, "PATCH", `/${ORG}/_apis/serviceendpoint/endpoints/${prod.id}`, {
      body: [{ projectReference: { id: OTHER_PROJECT.id, name: OTHER_PROJECT.name }, name: "prod-from-web" }],
    });
    expect((await devops(model, "GET", `${inProject(OTHER_PROJECT.name)}/${prod.id}`)).body.name).toBe("prod-from-web");
    expect((await devops(model, "GET", `${inProject()}/${prod.id}`)).body.name).toBe("prod");
    const byName = await devops(model, "GET", inProject(OTHER_PROJECT.name), { query: { endpointNames: "prod-from-web" } });
    expect(byName.body).toHaveLength(1);
  });

  it("lists connections of every project by type and owner at the organization", async () => {
    const { model } = await threeConnections();
    const res = await devops(model, "GET", `/${ORG}/_apis/serviceendpoint/endpoints`, { query: { type: "azurerm", owner: "library" } });
    expect(res.body).toHaveLength(2);
  });
});
