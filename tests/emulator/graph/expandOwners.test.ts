import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox } from "./graphKit";

const ref = (userId: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });

describe("GET /applications/{id} with $expand=owners", () => {
  it("answers the app with its owners as directory objects", async () => {
    const box = newBox();
    const dev = GraphClient.as(box, "developer");
    const app = await dev.createApp("expanded");
    await dev.post(`/applications/${app.id}/owners/$ref`, ref(SEED.users.member));
    const res = await dev.get(`/applications(appId='${app.appId}')?$select=id,appId,passwordCredentials&$expand=owners`);
    expect(res.status).toBe(200);
    const body = res.body as { id: string; appId: string; displayName?: string; owners: Array<Record<string, unknown>> };
    expect(body).toMatchObject({ id: app.id, appId: app.appId });
    expect(body.displayName).toBeUndefined();
    expect(body.owners.map((o) => o["id"])).toEqual([SEED.users.developer, SEED.users.member]);
    expect(body.owners[0]).toMatchObject({ "@odata.type": "#microsoft.graph.user", userPrincipalName: "dev@contoso.onmicrosoft.com" });
  });

  it("answers only the owners' properties named in a nested $select", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const app = await admin.createApp("nested select");
    const res = await admin.get(`/applications/${app.id}?$select=id&$expand=owners($select=id,displayName)`);
    expect((res.body as { owners: unknown[] }).owners).toEqual([
      { "@odata.type": "#microsoft.graph.user", id: SEED.users.admin, displayName: "Ada Admin" },
    ]);
  });

  it("works inside a $batch, one request per app", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const app = await admin.createApp("batched");
    const res = await admin.post("/$batch", {
      requests: [{ id: "1", method: "GET", url: `/applications(appId='${app.appId}')?$select=id&$expand=owners($select=id)` }],
    });
    const [answer] = (res.body as { responses: Array<{ status: number; body: { owners: unknown[] } }> }).responses;
    expect(answer).toMatchObject({ status: 200, body: { owners: [{ id: SEED.users.admin }] } });
  });

  it("refuses relationships it does not model, and unknown owner properties", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const app = await admin.createApp("refused");
    expect(errorOf(await admin.get(`/applications/${app.id}?$expand=extensionProperties`))).toMatchObject({
      status: 400,
      code: "BadRequest",
    });
    expect(errorOf(await admin.get(`/applications/${app.id}?$expand=owners($select=shoeSize)`))).toMatchObject({
      status: 400,
      code: "BadRequest",
    });
  });

  it("answers at most 20 owners, as Graph does for an expanded relationship", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const app = await admin.createApp("crowded");
    const stored = box.state.applications.find((a) => a.id === app.id)!;
    for (let i = 0; i < 25; i++) stored.ownerIds.push(SEED.users.member);
    const res = await admin.get(`/applications/${app.id}?$expand=owners`);
    expect((res.body as { owners: unknown[] }).owners).toHaveLength(20);
  });
});
