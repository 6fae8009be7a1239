import { clientAccept, devops, newModel, ORG, OTHER_PROJECT, PROJECT } from "./helpers";

const DEFINITIONS = `/${ORG}/${PROJECT.name}/_apis/build/definitions`;
const ACCEPT = clientAccept("7.2-preview.8");

describe("build definitions (the pipelines to authorize)", () => {
  it("lists the project's pipelines ordered by name", async () => {
    const res = await devops(newModel(), "GET", DEFINITIONS, { accept: ACCEPT });
    expect(res.status).toBe(200);
    expect(res.body.map((d: { name: string }) => d.name)).toEqual(["infra-plan", "web-ci", "web-deploy"]);
    expect(res.body[0]).toMatchObject({ id: 13, path: "\\infra", type: 2, queueStatus: 0, quality: 1, project: { id: PROJECT.id } });
  });

  it("filters by name with wildcards, case-insensitively", async () => {
    const res = await devops(newModel(), "GET", DEFINITIONS, { accept: ACCEPT, query: { name: "WEB-*" } });
    expect(res.body.map((d: { id: number }) => d.id)).toEqual([11, 12]);
  });

  it("pages with $top and hands the next page's token in x-ms-continuationtoken", async () => {
    const model = newModel();
    const first = await devops(model, "GET", DEFINITIONS, { accept: ACCEPT, query: { $top: "2" } });
    expect(first.body.map((d: { name: string }) => d.name)).toEqual(["infra-plan", "web-ci"]);
    const token = first.headers["x-ms-continuationtoken"];
    expect(token).toBeDefined();
    const second = await devops(model, "GET", DEFINITIONS, { accept: ACCEPT, query: { $top: "2", continuationToken: token! } });
    expect(second.body.map((d: { name: string }) => d.name)).toEqual(["web-deploy"]);
    expect(second.headers["x-ms-continuationtoken"]).toBeUndefined();
  });

  it("orders by name descending when asked", async () => {
    const res = await devops(newModel(), "GET", DEFINITIONS, { accept: ACCEPT, query: { queryOrder: "4" } });
    expect(res.body.map((d: { name: string }) => d.name)).toEqual(["web-deploy", "web-ci", "infra-plan"]);
  });

  it("filters by definition ids and by path", async () => {
    const model = newModel();
    expect((await devops(model, "GET", DEFINITIONS, { accept: ACCEPT, query: { definitionIds: "12,13,21" } })).body).toHaveLength(2);
    expect(
      (await devops(model, "GET", DEFINITIONS, { accept: ACCEPT, query: { path: "\\release" } })).body.map((d: { id: number }) => d.id),
    ).toEqual([12]);
  });

  it("refuses a $top that is not a number", async () => {
    expect((await devops(newModel(), "GET", DEFINITIONS, { accept: ACCEPT, query: { $top: "ten" } })).status).toBe(400);
  });

  it("shows only the project's own pipelines", async () => {
    const res = await devops(newModel(), "GET", `/${ORG}/${OTHER_PROJECT.id}/_apis/build/definitions`, { accept: ACCEPT });
    expect(res.body.map((d: { id: number }) => d.id)).toEqual([21]);
  });
});

describe("projects", () => {
  it("lists the organization's projects", async () => {
    const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual([OTHER_PROJECT.name, PROJECT.name]);
    expect(res.body[0]).toMatchObject({ id: OTHER_PROJECT.id, state: 1, visibility: 0, revision: 1 });
  });

  it("pages with $top and $skip", async () => {
    const res = await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { query: { $top: "1", $skip: "1" } });
    expect(res.body.map((p: { name: string }) => p.name)).toEqual([PROJECT.name]);
  });

  it("refuses paging values that are not numbers", async () => {
    expect((await devops(newModel(), "GET", `/${ORG}/_apis/projects`, { query: { $skip: "-1" } })).status).toBe(400);
  });

  it("reads one project by name or id", async () => {
    const model = newModel();
    expect((await devops(model, "GET", `/${ORG}/_apis/projects/${encodeURIComponent(PROJECT.name)}`)).body.id).toBe(PROJECT.id);
    expect((await devops(model, "GET", `/${ORG}/_apis/projects/${PROJECT.id}`)).body.name).toBe(PROJECT.name);
    expect((await devops(model, "GET", `/${ORG}/_apis/projects/nope`)).status).toBe(404);
  });
});
