import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import { addUser, body, call, grant, newBox, readAllPages, tokenFor, V } from "./support/armKit";

const SUB = subscriptionIdAt(0);
const groups = (sub: string, segment = "resourcegroups"): string => `/subscriptions/${sub}/${segment}?api-version=${V.resourceGroups}`;
const wsInSub = (sub: string): string =>
  `/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${V.workspaces}`;
const wsInGroup = (rg: string, name = ""): string =>
  `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces${name ? `/${name}` : ""}?api-version=${V.workspaces}`;

describe("GET /subscriptions/{sub}/resourcegroups", () => {
  it("lists the subscription's resource groups in the spec's shape", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, groups(SUB), tokenFor(box, SEED.users.member));
    expect(items).toEqual([
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg-ml`,
        name: "rg-ml",
        type: "Microsoft.Resources/resourceGroups",
        location: "westeurope",
        properties: { provisioningState: "Succeeded" },
      },
      {
        id: `/subscriptions/${SUB}/resourceGroups/rg-web`,
        name: "rg-web",
        type: "Microsoft.Resources/resourceGroups",
        location: "northeurope",
        properties: { provisioningState: "Succeeded" },
      },
    ]);
  });

  it.each(["resourcegroups", "resourceGroups", "RESOURCEGROUPS"])("accepts the path segment spelled %s, as ARM does", async (segment) => {
    const box = newBox();
    const res = await call(box, "GET", groups(SUB, segment), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(200);
  });

  it("shows a caller with a role on one group only that group", async () => {
    const box = newBox();
    const user = addUser(box, "web-reader");
    grant(box, user, ROLE_IDS.reader, `/subscriptions/${SUB}/resourceGroups/rg-web`);
    const { items } = await readAllPages(box, groups(SUB), tokenFor(box, user));
    expect(items.map((g: { name: string }) => g.name)).toEqual(["rg-web"]);
  });

  it("answers 403 AuthorizationFailed to a caller without any role in the subscription", async () => {
    const box = newBox();
    const res = await call(box, "GET", groups(subscriptionIdAt(1)), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(403);
    expect(body(res).error.message).toContain("'Microsoft.Resources/subscriptions/resourceGroups/read'");
  });

  it("answers 404 SubscriptionNotFound for an unknown subscription", async () => {
    const box = newBox();
    const res = await call(box, "GET", groups(guidFrom("nope")), { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(404);
    expect(body(res).error.code).toBe("SubscriptionNotFound");
  });

  it("answers one group, and 404 ResourceGroupNotFound for a missing one", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    const one = await call(box, "GET", `/subscriptions/${SUB}/resourcegroups/RG-ML?api-version=${V.resourceGroups}`, { token });
    expect(body(one).name).toBe("rg-ml");
    const missing = await call(box, "GET", `/subscriptions/${SUB}/resourcegroups/rg-none?api-version=${V.resourceGroups}`, { token });
    expect(missing.status).toBe(404);
    expect(body(missing).error).toEqual({ code: "ResourceGroupNotFound", message: "Resource group 'rg-none' could not be found." });
  });
});

describe("Machine Learning workspaces", () => {
  it("lists the subscription's workspaces with id, name, type, location and properties", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, wsInSub(SUB), tokenFor(box, SEED.users.member));
    expect(items).toHaveLength(1);
    const [ws] = items;
    expect(ws).toMatchObject({
      id: `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`,
      name: "mlw-forecasting",
      type: "Microsoft.MachineLearningServices/workspaces",
      location: "westeurope",
      properties: {
        friendlyName: "Forecasting",
        provisioningState: "Succeeded",
        discoveryUrl: "https://westeurope.api.azureml.ms/discovery",
      },
    });
    expect(ws.properties.keyVault).toMatch(new RegExp(`^/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.KeyVault/vaults/`));
  });

  it("lists a resource group's workspaces and reads one by name", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    expect(body(await call(box, "GET", wsInGroup("rg-ml"), { token })).value).toHaveLength(1);
    expect(body(await call(box, "GET", wsInGroup("rg-web"), { token })).value).toEqual([]);
    const one = await call(box, "GET", wsInGroup("rg-ml", "MLW-Forecasting"), { token });
    expect(one.status).toBe(200);
    expect(body(one).name).toBe("mlw-forecasting");
  });

  it("answers 404 ResourceNotFound for a missing workspace and ResourceGroupNotFound for a missing group", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    const ws = await call(box, "GET", wsInGroup("rg-ml", "nope"), { token });
    expect(ws.status).toBe(404);
    expect(body(ws).error.code).toBe("ResourceNotFound");
    expect(body(ws).error.message).toContain("'Microsoft.MachineLearningServices/workspaces/nope' under resource group 'rg-ml'");
    expect(body(await call(box, "GET", wsInGroup("rg-none"), { token })).error.code).toBe("ResourceGroupNotFound");
  });

  it("shows a caller with a role on one workspace only that workspace, and refuses the rest", async () => {
    const box = newBox();
    box.state.mlWorkspaces.push({ subscriptionId: SUB, resourceGroupName: "rg-ml", name: "mlw-other", location: "westeurope" });
    const user = addUser(box, "ws-reader");
    grant(
      box,
      user,
      ROLE_IDS.reader,
      `/subscriptions/${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`,
    );
    const token = tokenFor(box, user);
    expect(body(await call(box, "GET", wsInSub(SUB), { token })).value.map((w: { name: string }) => w.name)).toEqual(["mlw-forecasting"]);
    expect((await call(box, "GET", wsInGroup("rg-ml", "mlw-other"), { token })).status).toBe(403);
    expect((await call(box, "GET", wsInSub(subscriptionIdAt(1)), { token })).status).toBe(403);
  });

  it("pages many workspaces by nextLink", async () => {
    const box = newBox();
    for (let i = 0; i < 120; i++)
      box.state.mlWorkspaces.push({ subscriptionId: SUB, resourceGroupName: "rg-ml", name: `mlw-${i}`, location: "westeurope" });
    const token = tokenFor(box, SEED.users.member);
    const first = body(await call(box, "GET", wsInSub(SUB), { token }));
    expect(first.value).toHaveLength(100);
    expect(typeof first.nextLink).toBe("string");
    expect((await readAllPages(box, wsInSub(SUB), token)).items).toHaveLength(121);
  });
});
