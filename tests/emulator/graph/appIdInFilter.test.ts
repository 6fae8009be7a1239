import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox } from "./graphKit";

const inFilter = (appIds: string[]) => encodeURIComponent(`appId in (${appIds.map((id) => `'${id}'`).join(",")})`);

describe("GET /applications?$filter=appId in (…)&$expand=owners", () => {
  it("answers the named apps of the caller's directory, each with its owners", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const first = await admin.createApp("first");
    const second = await admin.createApp("second");
    await admin.createApp("not asked for");
    const res = await admin.get(
      `/applications?$filter=${inFilter([first.appId, second.appId.toUpperCase(), "00000000-0000-0000-0000-000000000001"])}` +
        `&$select=id,appId&$expand=owners($select=id,displayName)`,
    );
    expect(res.status).toBe(200);
    const value = (res.body as { value: Array<{ appId: string; owners: unknown[] }> }).value;
    expect(value.map((a) => a.appId).sort()).toEqual([first.appId, second.appId].sort());
    expect(value[0]!.owners).toEqual([{ "@odata.type": "#microsoft.graph.user", id: SEED.users.admin, displayName: "Ada Admin" }]);
  });

  it("refuses more than 15 values in one in, as Graph does", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const ids = Array.from({ length: 16 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`);
    const error = errorOf(await admin.get(`/applications?$filter=${inFilter(ids)}`));
    expect(error).toMatchObject({ status: 400, code: "Request_UnsupportedQuery" });
    expect(error.message).toContain("Max allowed: 15");
    expect((await admin.get(`/applications?$filter=${inFilter(ids.slice(0, 15))}`)).status).toBe(200);
  });

  it("works inside a $batch", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin");
    const app = await admin.createApp("batched");
    const res = await admin.post("/$batch", {
      requests: [{ id: "1", method: "GET", url: `/applications?$filter=${inFilter([app.appId])}&$expand=owners($select=id)` }],
    });
    const [answer] = (res.body as { responses: Array<{ status: number; body: { value: Array<{ owners: unknown[] }> } }> }).responses;
    expect(answer).toMatchObject({ status: 200, body: { value: [{ owners: [{ id: SEED.users.admin }] }] } });
  });
});
