import { guidFrom } from "../../../emulator/model/core/ids";
import { clientAccept, createEndpoint, devops, newModel, NOW, ORG, OTHER_PROJECT, PROJECT } from "./helpers";
import type { AzureInABox } from "../../../emulator/model/azureInABox";

const ACCEPT = clientAccept("7.1-preview.1");
const permissionsUrl = (id: string, project: string = PROJECT.name) =>
  `/${ORG}/${project}/_apis/pipelines/pipelinePermissions/endpoint/${id}`;

async function withConnection(): Promise<{ model: AzureInABox; id: string }> {
  const model = newModel();
  return { model, id: (await createEndpoint(model)).body.id };
}

describe("pipeline permissions of a service connection", () => {
  it("starts with no pipeline authorized", async () => {
    const { model, id } = await withConnection();
    const res = await devops(model, "GET", permissionsUrl(id), { accept: ACCEPT });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ resource: { type: "endpoint", id }, pipelines: [] });
  });

  it("authorizes chosen pipelines and says who and when", async () => {
    const { model, id } = await withConnection();
    const res = await devops(model, "PATCH", permissionsUrl(id), {
      accept: ACCEPT,
      body: {
        pipelines: [
          { id: 11, authorized: true },
          { id: 13, authorized: true },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.pipelines).toEqual([
      {
        id: 11,
        authorized: true,
        authorizedBy: expect.objectContaining({ id: model.state.devops.user.id, displayName: "Ada Admin" }),
        authorizedOn: `/Date(${NOW.getTime()})/`,
      },
      { id: 13, authorized: true, authorizedBy: expect.any(Object), authorizedOn: `/Date(${NOW.getTime()})/` },
    ]);
    expect(res.body.allPipelines).toBeUndefined();
    expect((await devops(model, "GET", permissionsUrl(id), { accept: ACCEPT })).body.pipelines).toHaveLength(2);
  });

  it("keeps the time of the first authorization", async () => {
    const { model, id } = await withConnection();
    await devops(model, "PATCH", permissionsUrl(id), { accept: ACCEPT, body: { pipelines: [{ id: 11, authorized: true }] } });
    model.clock.advance(60_000);
    const res = await devops(model, "PATCH", permissionsUrl(id), {
      accept: ACCEPT,
      body: {
        pipelines: [
          { id: 11, authorized: true },
          { id: 12, authorized: true },
        ],
      },
    });
    expect(res.body.pipelines.map((p: { authorizedOn: string }) => p.authorizedOn)).toEqual([
      `/Date(${NOW.getTime()})/`,
      `/Date(${NOW.getTime() + 60_000})/`,
    ]);
  });

  it("withdraws a pipeline's authorization", async () => {
    const { model, id } = await withConnection();
    await devops(model, "PATCH", permissionsUrl(id), {
      accept: ACCEPT,
      body: {
        pipelines: [
          { id: 11, authorized: true },
          { id: 12, authorized: true },
        ],
      },
    });
    const res = await devops(model, "PATCH", permissionsUrl(id), { accept: ACCEPT, body: { pipelines: [{ id: 11, authorized: false }] } });
    expect(res.body.pipelines.map((p: { id: number }) => p.id)).toEqual([12]);
  });

  it("authorizes all pipelines and withdraws that again", async () => {
    const { model, id } = await withConnection();
    const granted = await devops(model, "PATCH", permissionsUrl(id), { accept: ACCEPT, body: { allPipelines: { authorized: true } } });
    expect(granted.body.allPipelines).toMatchObject({ authorized: true, authorizedOn: expect.stringMatching(/^\/Date\(/) });
    const withdrawn = await devops(model, "PATCH", permissionsUrl(id), { accept: ACCEPT, body: { allPipelines: { authorized: false } } });
    expect(withdrawn.body.allPipelines).toBeUndefined();
  });

  it("refuses a pipeline id that is not a pipeline of the project, changing nothing", async () => {
    const { model, id } = await withConnection();
    const res = await devops(model, "PATCH", permissionsUrl(id), {
      accept: ACCEPT,
      body: {
        pipelines: [
          { id: 11, authorized: true },
          { id: 21, authorized: true },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("21");
    expect(model.state.devops.pipelinePermissions).toEqual([]);
  });

  it("answers 404 for a connection that does not exist or is not in the project", async () => {
    const { model, id } = await withConnection();
    expect((await devops(model, "GET", permissionsUrl(guidFrom("none")), { accept: ACCEPT })).status).toBe(404);
    expect((await devops(model, "GET", permissionsUrl(id, OTHER_PROJECT.name), { accept: ACCEPT })).status).toBe(404);
  });

  it("accepts api-version 7.1-preview.1 and 7.2-preview.1", async () => {
    const { model, id } = await withConnection();
    expect((await devops(model, "GET", permissionsUrl(id), { accept: clientAccept("7.2-preview.1") })).status).toBe(200);
    expect((await devops(model, "GET", permissionsUrl(id), { accept: clientAccept("7.1-preview.1") })).status).toBe(200);
  });

  it("refuses a resource type Azure DevOps does not protect", async () => {
    const { model } = await withConnection();
    expect(
      (await devops(model, "GET", `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions/widget/1`, { accept: ACCEPT })).status,
    ).toBe(400);
  });

  it("changes no resource of a batch when one entry is refused", async () => {
    const { model, id } = await withConnection();
    const res = await devops(model, "PATCH", `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions`, {
      accept: ACCEPT,
      body: [
        { resource: { type: "endpoint", id }, pipelines: [{ id: 11, authorized: true }] },
        { resource: { type: "queue", id: "1" }, pipelines: [{ id: 99, authorized: true }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(model.state.devops.pipelinePermissions).toEqual([]);
  });

  it("updates several resources at once and answers the list", async () => {
    const { model, id } = await withConnection();
    const res = await devops(model, "PATCH", `/${ORG}/${PROJECT.name}/_apis/pipelines/pipelinePermissions`, {
      accept: ACCEPT,
      body: [
        { resource: { type: "endpoint", id }, pipelines: [{ id: 11, authorized: true }] },
        { resource: { type: "queue", id: "1" }, pipelines: [{ id: 12, authorized: true }] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.map((r: { resource: { type: string } }) => r.resource.type)).toEqual(["endpoint", "queue"]);
  });
});
