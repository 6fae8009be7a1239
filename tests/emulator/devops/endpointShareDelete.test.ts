import { guidFrom } from "../../../emulator/model/core/ids";
import { azureRmBody, createEndpoint, devops, newModel, ORG, OTHER_PROJECT, PROJECT } from "./helpers";

const endpointUrl = (id: string) => `/${ORG}/_apis/serviceendpoint/endpoints/${id}`;

async function sharedConnection() {
  const model = newModel();
  const created = (await createEndpoint(model)).body;
  const share = await devops(model, "PATCH", endpointUrl(created.id), {
    body: [{ projectReference: { id: OTHER_PROJECT.id, name: OTHER_PROJECT.name }, name: "prod-shared" }],
  });
  return { model, created, share };
}

describe("sharing and deleting a service connection", () => {
  it("shares a connection with another project (204)", async () => {
    const { model, share } = await sharedConnection();
    expect(share.status).toBe(204);
    const endpoint = model.state.devops.serviceEndpoints[0]!;
    expect(endpoint.isShared).toBe(true);
    expect(endpoint.serviceEndpointProjectReferences.map((r) => r.projectReference.id)).toEqual([PROJECT.id, OTHER_PROJECT.id]);
  });

  it("refuses to share under a name the other project already uses", async () => {
    const model = newModel();
    const created = (await createEndpoint(model)).body;
    await createEndpoint(model, azureRmBody({ name: "prod-shared", projectId: OTHER_PROJECT.id }));
    const res = await devops(model, "PATCH", endpointUrl(created.id), {
      body: [{ projectReference: { id: OTHER_PROJECT.id }, name: "prod-shared" }],
    });
    expect(res.status).toBe(409);
  });

  it("changes nothing when shared again with a project that has it", async () => {
    const { model, created } = await sharedConnection();
    const again = await devops(model, "PATCH", endpointUrl(created.id), {
      body: [{ projectReference: { id: OTHER_PROJECT.id }, name: "other-name" }],
    });
    expect(again.status).toBe(204);
    expect(model.state.devops.serviceEndpoints[0]!.serviceEndpointProjectReferences.map((r) => r.name)).toEqual([
      "contoso-prod-reader",
      "prod-shared",
    ]);
  });

  it("refuses to share with a project that does not exist", async () => {
    const model = newModel();
    const created = (await createEndpoint(model)).body;
    expect(
      (await devops(model, "PATCH", endpointUrl(created.id), { body: [{ projectReference: { id: guidFrom("nowhere") } }] })).status,
    ).toBe(404);
  });

  it("deletes a connection from its only project (204)", async () => {
    const model = newModel();
    const created = (await createEndpoint(model)).body;
    const res = await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: PROJECT.id } });
    expect(res.status).toBe(204);
    expect(model.state.devops.serviceEndpoints).toEqual([]);
  });

  it("removes a shared connection only from the projects named, and deletes it with its last one", async () => {
    const { model, created } = await sharedConnection();
    await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: OTHER_PROJECT.id } });
    const endpoint = model.state.devops.serviceEndpoints[0]!;
    expect(endpoint.serviceEndpointProjectReferences.map((r) => r.projectReference.id)).toEqual([PROJECT.id]);
    expect(endpoint.isShared).toBe(false);
    await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: PROJECT.id, deep: "true" } });
    expect(model.state.devops.serviceEndpoints).toEqual([]);
  });

  it("removes several projects at once with comma-joined ids", async () => {
    const { model, created } = await sharedConnection();
    await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: `${PROJECT.id},${OTHER_PROJECT.id}` } });
    expect(model.state.devops.serviceEndpoints).toEqual([]);
  });

  it("forgets the pipeline authorizations of the projects it leaves", async () => {
    const { model, created } = await sharedConnection();
    await devops(model, "PATCH", `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions/endpoint/${created.id}`, {
      body: { pipelines: [{ id: 11, authorized: true }] },
    });
    await devops(model, "PATCH", `/${ORG}/${OTHER_PROJECT.name}/_apis/pipelines/pipelinePermissions/endpoint/${created.id}`, {
      body: { pipelines: [{ id: 21, authorized: true }] },
    });
    await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: OTHER_PROJECT.id } });
    expect(model.state.devops.pipelinePermissions.map((p) => p.projectId)).toEqual([PROJECT.id]);
    await devops(model, "DELETE", endpointUrl(created.id), { query: { projectIds: PROJECT.id } });
    expect(model.state.devops.pipelinePermissions).toEqual([]);
  });

  it("needs projectIds", async () => {
    const model = newModel();
    const created = (await createEndpoint(model)).body;
    expect((await devops(model, "DELETE", endpointUrl(created.id))).status).toBe(400);
    expect(model.state.devops.serviceEndpoints).toHaveLength(1);
  });

  it("answers 404 for a connection that does not exist", async () => {
    expect((await devops(newModel(), "DELETE", endpointUrl(guidFrom("gone")), { query: { projectIds: PROJECT.id } })).status).toBe(404);
  });
});
