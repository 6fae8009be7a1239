import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox } from "./graphKit";

/**
 * Replication after POST /applications (msgraph-sdk-javascript issue 1999; the azuread Terraform provider retries):
 * the next N writes to the new app answer 404 Request_ResourceNotFound, N = knobs.consistency.applicationToWriteCalls.
 */
describe("writes to a new application while it replicates", () => {
  it("answers 404 Request_ResourceNotFound to the next N writes of any kind, then succeeds", async () => {
    const box = newBox();
    box.knobs.consistency.applicationToWriteCalls = 4;
    const graph = GraphClient.as(box, "admin");
    const app = await graph.createApp("contoso-prod-reader");

    const writes = [
      () => graph.post(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: "hub" } }),
      () =>
        graph.post(`/applications/${app.id}/owners/$ref`, {
          "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${SEED.users.developer}`,
        }),
      () => graph.patch(`/applications/${app.id}`, { notes: "made by the hub" }),
      () =>
        graph.post(`/applications/${app.id}/federatedIdentityCredentials`, {
          name: "fic",
          issuer: "https://login.microsoftonline.com/t/v2.0",
          subject: "s",
          audiences: ["api://AzureADTokenExchange"],
        }),
    ];
    for (const write of writes) {
      const res = await write();
      expect(errorOf(res)).toEqual({
        status: 404,
        code: "Request_ResourceNotFound",
        message: `Resource '${app.id}' does not exist or one of its queried reference-property objects are not present.`,
      });
    }
    // Nothing was written while the app was not there.
    const stored = box.state.applications.find((a) => a.id === app.id)!;
    expect(stored.passwordCredentials).toEqual([]);
    expect(stored.federatedIdentityCredentials).toEqual([]);
    expect(stored.notes).toBeNull();

    expect((await graph.post(`/applications/${app.id}/addPassword`, { passwordCredential: { displayName: "hub" } })).status).toBe(200);
  });

  it("does not delay reads, nor writes to apps created before, and is off by default", async () => {
    const box = newBox();
    const graph = GraphClient.as(box, "admin");
    const before = await graph.createApp("before");
    box.knobs.consistency.applicationToWriteCalls = 1;
    expect((await graph.patch(`/applications/${before.id}`, { notes: "x" })).status).toBe(204);
    const fresh = await graph.createApp("fresh");
    expect((await graph.get(`/applications/${fresh.id}`)).status).toBe(200);
    expect((await graph.patch(`/applications/${fresh.id}`, { notes: "x" })).status).toBe(404);
    expect((await graph.patch(`/applications/${fresh.id}`, { notes: "x" })).status).toBe(204);

    const defaults = newBox();
    const other = await GraphClient.as(defaults, "admin").createApp("default");
    expect((await GraphClient.as(defaults, "admin").post(`/applications/${other.id}/addPassword`, { passwordCredential: {} })).status).toBe(
      200,
    );
  });
});
