import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, listOf, newBox, type GraphErrorBody } from "./graphKit";

async function appOf(user: "admin" | "developer" | "member" = "admin") {
  const box = newBox();
  const client = GraphClient.as(box, user);
  const app = await client.createApp("sc-web");
  return { box, client, app };
}

describe("POST /servicePrincipals", () => {
  it("creates the app's service principal; its id is the principalId ARM needs", async () => {
    const { box, client, app } = await appOf();
    const res = await client.post("/servicePrincipals", { appId: app.appId });
    expect(res.status).toBe(201);
    const sp = res.body as Record<string, unknown>;
    expect(sp).toMatchObject({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity",
      appId: app.appId,
      displayName: "sc-web",
      appDisplayName: "sc-web",
      appOwnerOrganizationId: SEED.tenantId,
      accountEnabled: true,
      servicePrincipalType: "Application",
      servicePrincipalNames: [app.appId],
      passwordCredentials: [],
    });
    expect(sp["id"]).not.toBe(app.id);
    expect(box.state.servicePrincipals.map((s) => s.id)).toEqual([sp["id"]]);
  });

  it("answers 'does not reference a valid application object' while the new app replicates, counting the calls down", async () => {
    const box = newBox();
    box.knobs.consistency.applicationToServicePrincipalCalls = 2;
    const client = GraphClient.as(box, "admin");
    const app = await client.createApp("slow to replicate");
    for (const remaining of [1, 0]) {
      const res = await client.post("/servicePrincipals", { appId: app.appId });
      expect(errorOf(res)).toEqual({
        status: 400,
        code: "Request_BadRequest",
        message: `The appId '${app.appId}' of the service principal does not reference a valid application object.`,
      });
      expect((res.body as GraphErrorBody).error.details).toEqual([
        expect.objectContaining({ code: "NoBackingApplicationObject", target: "appId" }),
      ]);
      expect(box.state.applications[0]!.pendingServicePrincipalCalls).toBe(remaining);
    }
    expect((await client.post("/servicePrincipals", { appId: app.appId })).status).toBe(201);
  });

  it("answers the same 400 for an appId no app has", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/servicePrincipals", { appId: "65415bb1-9267-4313-bbf5-ae259732ee12" });
    expect(errorOf(res)).toMatchObject({
      status: 400,
      message: "The appId '65415bb1-9267-4313-bbf5-ae259732ee12' of the service principal does not reference a valid application object.",
    });
  });

  it("refuses a second service principal for the same app with 409", async () => {
    const { client, app } = await appOf();
    await client.post("/servicePrincipals", { appId: app.appId });
    const res = await client.post("/servicePrincipals", { appId: app.appId });
    expect(errorOf(res)).toEqual({
      status: 409,
      code: "Request_MultipleObjectsWithSameKeyValue",
      message: `The service principal cannot be created, updated, or restored because the service principal name ${app.appId} is already in use.`,
    });
  });

  it("marks a new principal as unknown to the next N role-assignment calls (replication knob)", async () => {
    const { box, client, app } = await appOf();
    box.knobs.consistency.principalToRoleAssignmentCalls = 4;
    await client.post("/servicePrincipals", { appId: app.appId });
    expect(box.state.servicePrincipals[0]!.pendingRoleAssignmentCalls).toBe(4);
  });

  it("counts the principal toward the creator's object quota", async () => {
    const { box, client, app } = await appOf("member");
    const member = box.state.users.find((u) => u.id === SEED.users.member)!;
    expect(member.createdObjectCount).toBe(1);
    member.createdObjectCount = 250;
    expect(errorOf(await client.post("/servicePrincipals", { appId: app.appId })).code).toBe("Directory_QuotaExceeded");
    member.createdObjectCount = 249;
    expect((await client.post("/servicePrincipals", { appId: app.appId })).status).toBe(201);
    expect(member.createdObjectCount).toBe(250);
  });

  it("needs the same right as registering an app", async () => {
    const { box, app } = await appOf();
    expect(errorOf(await GraphClient.as(box, "guest").post("/servicePrincipals", { appId: app.appId })).status).toBe(403);
  });

  it("requires an appId and refuses other properties", async () => {
    const { client, app } = await appOf();
    expect((await client.post("/servicePrincipals", {})).status).toBe(400);
    expect((await client.post("/servicePrincipals", { appId: app.appId, tags: ["x"] })).status).toBe(400);
  });
});

describe("reading service principals", () => {
  it("reads by id, by appId and by $filter=appId eq", async () => {
    const { client, app } = await appOf();
    const sp = (await client.post("/servicePrincipals", { appId: app.appId })).body as { id: string };
    expect((await client.get(`/servicePrincipals/${sp.id}`)).body).toMatchObject({ id: sp.id, appId: app.appId });
    expect((await client.get(`/servicePrincipals(appId='${app.appId}')`)).body).toMatchObject({ id: sp.id });
    const listed = listOf(await client.get(`/servicePrincipals?$filter=appId eq '${app.appId}'&$select=id,appId`));
    expect(listed.value).toEqual([{ id: sp.id, appId: app.appId }]);
    expect(listOf(await client.get("/servicePrincipals?$filter=appId eq 'other'")).value).toEqual([]);
  });

  it("answers 404 for an unknown principal", async () => {
    const client = GraphClient.as(newBox(), "admin");
    expect(errorOf(await client.get("/servicePrincipals/00000000-0000-0000-0000-000000000000")).code).toBe("Request_ResourceNotFound");
    expect((await client.get("/servicePrincipals(appId='nope')")).status).toBe(404);
  });
});
