import { errorOf, GraphClient, listOf, newBox } from "./graphKit";

const credential = (name: string, subject = `sc://contoso/web/${name}`) => ({
  name,
  issuer: "https://vstoken.dev.azure.com/00000000-0000-0000-0000-00000000c0de",
  subject,
  audiences: ["api://AzureADTokenExchange"],
});

async function ownedApp() {
  const box = newBox();
  const owner = GraphClient.as(box, "developer");
  const app = await owner.createApp("federated");
  return { box, owner, app, base: `/applications/${app.id}/federatedIdentityCredentials` };
}

describe("federated identity credentials", () => {
  it("creates a credential and answers 201 with Graph's shape", async () => {
    const { owner, app, base } = await ownedApp();
    const res = await owner.post(base, credential("sc-web"));
    expect(res.status).toBe(201);
    const body = res.body as Record<string, unknown>;
    expect(body).toMatchObject({
      "@odata.context": `https://graph.microsoft.com/v1.0/$metadata#applications('${app.id}')/federatedIdentityCredentials/$entity`,
      name: "sc-web",
      issuer: "https://vstoken.dev.azure.com/00000000-0000-0000-0000-00000000c0de",
      subject: "sc://contoso/web/sc-web",
      audiences: ["api://AzureADTokenExchange"],
      description: null,
    });
    expect(body["@odata.id"]).toContain(
      `Microsoft.DirectoryServices.Application('${app.id}')/federatedIdentityCredentials/${String(body["id"])}`,
    );
  });

  it("lists, reads and deletes credentials", async () => {
    const { owner, base } = await ownedApp();
    const created = (await owner.post(base, credential("one"))).body as { id: string };
    expect(listOf(await owner.get(base)).value.map((f) => f["name"])).toEqual(["one"]);
    expect((await owner.get(`${base}/${created.id}`)).body).toMatchObject({ name: "one" });
    expect((await owner.delete(`${base}/${created.id}`)).status).toBe(204);
    expect(listOf(await owner.get(base)).value).toEqual([]);
    expect(errorOf(await owner.delete(`${base}/${created.id}`)).code).toBe("Request_ResourceNotFound");
  });

  it("refuses a second credential with the same name", async () => {
    const { owner, base } = await ownedApp();
    await owner.post(base, credential("dup", "subject-1"));
    const res = await owner.post(base, credential("dup", "subject-2"));
    expect(errorOf(res)).toEqual({
      status: 409,
      code: "Request_MultipleObjectsWithSameKeyValue",
      message: "FederatedIdentityCredential with name dup already exists.",
    });
  });

  it("refuses a second credential with the same issuer and subject", async () => {
    const { owner, base } = await ownedApp();
    await owner.post(base, credential("first", "same-subject"));
    expect((await owner.post(base, credential("second", "same-subject"))).status).toBe(409);
  });

  it("allows at most 20 credentials on an app", async () => {
    const { box, owner, base } = await ownedApp();
    for (let i = 0; i < 20; i++) expect((await owner.post(base, credential(`fic-${i}`))).status).toBe(201);
    const res = await owner.post(base, credential("fic-20"));
    expect(errorOf(res)).toMatchObject({ status: 400, code: "Request_BadRequest" });
    expect(box.state.applications[0]!.federatedIdentityCredentials).toHaveLength(20);
  });

  it("validates name, issuer, subject and audiences", async () => {
    const { owner, base } = await ownedApp();
    expect((await owner.post(base, { ...credential("x"), name: "has spaces" })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), name: "n".repeat(121) })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), issuer: "" })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), subject: undefined })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), audiences: [] })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), audiences: ["a", "b"] })).status).toBe(400);
    expect((await owner.post(base, { ...credential("x"), colour: "blue" })).status).toBe(400);
  });

  it("refuses a member who does not own the app", async () => {
    const { box, base } = await ownedApp();
    const res = await GraphClient.as(box, "member").post(base, credential("intruder"));
    expect(errorOf(res)).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });
});
