import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, listOf, newBox } from "./graphKit";

const ref = (userId: string) => ({ "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${userId}` });

async function devApp() {
  const box = newBox();
  const dev = GraphClient.as(box, "developer");
  const app = await dev.createApp("shared");
  return { box, dev, app };
}

describe("application owners", () => {
  it("lists the creator as the first owner", async () => {
    const { dev, app } = await devApp();
    const res = await dev.get(`/applications/${app.id}/owners`);
    expect(res.status).toBe(200);
    const body = listOf(res);
    expect(body["@odata.context"]).toBe("https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
    expect(body.value).toEqual([
      expect.objectContaining({
        "@odata.type": "#microsoft.graph.user",
        id: SEED.users.developer,
        userPrincipalName: "dev@contoso.onmicrosoft.com",
      }),
    ]);
  });

  it("adds an owner by reference, who may then change the app", async () => {
    const { box, dev, app } = await devApp();
    const member = GraphClient.as(box, "member");
    expect((await member.patch(`/applications/${app.id}`, { notes: "before" })).status).toBe(403);
    const res = await dev.post(`/applications/${app.id}/owners/$ref`, ref(SEED.users.member));
    expect(res.status).toBe(204);
    expect((await member.patch(`/applications/${app.id}`, { notes: "co-owner" })).status).toBe(204);
  });

  it("accepts a reference to /users/{id} as well", async () => {
    const { dev, app } = await devApp();
    const res = await dev.post(`/applications/${app.id}/owners/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/users/${SEED.users.member}`,
    });
    expect(res.status).toBe(204);
  });

  it("refuses to add an owner twice", async () => {
    const { dev, app } = await devApp();
    const res = await dev.post(`/applications/${app.id}/owners/$ref`, ref(SEED.users.developer));
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "Request_BadRequest",
      message: "One or more added object references already exist for the following modified properties: 'owners'.",
    });
  });

  it("answers 404 for a user that does not exist and 400 for a reference that is not one", async () => {
    const { dev, app } = await devApp();
    expect(errorOf(await dev.post(`/applications/${app.id}/owners/$ref`, ref("99999999-9999-9999-9999-999999999999"))).status).toBe(404);
    expect((await dev.post(`/applications/${app.id}/owners/$ref`, { "@odata.id": "nobody" })).status).toBe(400);
  });

  it("removes an owner, who then may no longer change the app", async () => {
    const { box, dev, app } = await devApp();
    await dev.post(`/applications/${app.id}/owners/$ref`, ref(SEED.users.member));
    const res = await dev.delete(`/applications/${app.id}/owners/${SEED.users.member}/$ref`);
    expect(res.status).toBe(204);
    expect((await GraphClient.as(box, "member").patch(`/applications/${app.id}`, { notes: "x" })).status).toBe(403);
  });

  it("answers 400 when removing someone who is not an owner", async () => {
    const { dev, app } = await devApp();
    const res = await dev.delete(`/applications/${app.id}/owners/${SEED.users.member}/$ref`);
    expect(errorOf(res)).toMatchObject({
      status: 400,
      message: "One or more removed object references do not exist for the following modified properties: 'owners'.",
    });
  });

  it("does not let a non-owner add themselves", async () => {
    const { box, app } = await devApp();
    const res = await GraphClient.as(box, "member").post(`/applications/${app.id}/owners/$ref`, ref(SEED.users.member));
    expect(errorOf(res)).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });
});
