import { clientAccept, devops, newModel, ORG } from "./helpers";
import type { AzureInABox } from "../../../emulator/model/azureInABox";

const ACCEPT = clientAccept("7.2-preview.1");
const documents = (collection: string, scope = "Default/Current") =>
  `/${ORG}/_apis/ExtensionManagement/InstalledExtensions/contoso-tools/arm-secret-connection-hub/Data/Scopes/${scope}/Collections/${encodeURIComponent(collection)}/Documents`;

const call = (model: AzureInABox, method: string, path: string, body?: unknown) =>
  devops(model, method, path, { accept: ACCEPT, ...(body !== undefined ? { body } : {}) });

describe("extension data", () => {
  it("stores a setting as the SDK's setValue does (PUT with __etag -1) and reads it back", async () => {
    const model = newModel();
    const put = await call(model, "PUT", documents("$settings"), { id: "clientId", value: "abc", __etag: -1 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ id: "clientId", value: "abc", __etag: 1 });
    const get = await call(model, "GET", `${documents("$settings")}/clientId`);
    expect(get.body.value).toBe("abc");
    expect(model.state.devops.extensionData["Default/Current/$settings"]?.["clientId"]).toBeDefined();
  });

  it("counts versions in __etag and refuses a write based on an old one", async () => {
    const model = newModel();
    await call(model, "PUT", documents("runs"), { id: "run-1", step: 1 });
    const second = await call(model, "PUT", documents("runs"), { id: "run-1", step: 2, __etag: 1 });
    expect(second.body.__etag).toBe(2);
    const stale = await call(model, "PUT", documents("runs"), { id: "run-1", step: 3, __etag: 1 });
    expect(stale.status).toBe(409);
    expect((await call(model, "GET", `${documents("runs")}/run-1`)).body.step).toBe(2);
  });

  it("refuses to overwrite an existing document sent without __etag", async () => {
    const model = newModel();
    await call(model, "PUT", documents("runs"), { id: "run-1" });
    expect((await call(model, "PUT", documents("runs"), { id: "run-1", step: 9 })).status).toBe(409);
  });

  it("creates documents, making up an id when none is given, and refuses an id that exists", async () => {
    const model = newModel();
    const made = await call(model, "POST", documents("runs"), { step: 1 });
    expect(made.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(model, "POST", documents("runs"), { id: made.body.id })).status).toBe(409);
  });

  it("updates only a document that exists", async () => {
    const model = newModel();
    expect((await call(model, "PATCH", documents("runs"), { id: "run-1", __etag: -1 })).status).toBe(404);
    await call(model, "POST", documents("runs"), { id: "run-1" });
    expect((await call(model, "PATCH", documents("runs"), { id: "run-1", step: 2, __etag: 1 })).body.__etag).toBe(2);
  });

  it("needs the id to update a document", async () => {
    expect((await call(newModel(), "PATCH", documents("runs"), { step: 1 })).status).toBe(400);
  });

  it("lists a collection's documents and answers 404 for a collection that was never written", async () => {
    const model = newModel();
    expect((await call(model, "GET", documents("runs"))).status).toBe(404);
    await call(model, "POST", documents("runs"), { id: "a" });
    await call(model, "POST", documents("runs"), { id: "b" });
    expect((await call(model, "GET", documents("runs"))).body.map((d: { id: string }) => d.id)).toEqual(["a", "b"]);
  });

  it("deletes a document, and answers 404 for one that is not there", async () => {
    const model = newModel();
    await call(model, "POST", documents("runs"), { id: "a" });
    expect((await call(model, "DELETE", `${documents("runs")}/a`)).status).toBe(204);
    expect((await call(model, "GET", `${documents("runs")}/a`)).status).toBe(404);
    expect((await call(model, "DELETE", `${documents("runs")}/a`)).status).toBe(404);
  });

  it("keeps the user scope apart from the organization scope, under the user's id", async () => {
    const model = newModel();
    await call(model, "PUT", documents("$settings", "User/Me"), { id: "theme", value: "dark", __etag: -1 });
    expect((await call(model, "GET", `${documents("$settings")}/theme`)).status).toBe(404);
    expect((await call(model, "GET", `${documents("$settings", "User/Me")}/theme`)).body.value).toBe("dark");
    expect(model.state.devops.extensionData[`User/${model.state.devops.user.id}/$settings`]).toBeDefined();
  });

  it("refuses a scope type other than Default and User", async () => {
    expect((await call(newModel(), "GET", documents("runs", "Project/Current"))).status).toBe(400);
  });

  it("answers a collection query with the collections that exist", async () => {
    const model = newModel();
    await call(model, "POST", documents("runs"), { id: "a" });
    const res = await call(
      model,
      "POST",
      `/${ORG}/_apis/ExtensionManagement/InstalledExtensions/contoso-tools/arm-secret-connection-hub/ExtensionDataCollectionQuery`,
      {
        collections: [
          { collectionName: "runs", scopeType: "Default", scopeValue: "Current" },
          { collectionName: "missing", scopeType: "Default", scopeValue: "Current" },
        ],
      },
    );
    expect(res.body).toEqual([
      { collectionName: "runs", scopeType: "Default", scopeValue: "Current", documents: [{ id: "a", __etag: 1 }] },
    ]);
  });
});
