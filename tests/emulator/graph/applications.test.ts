import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED } from "../../../emulator/model/seed";
import type { User } from "../../../emulator/model/state";
import { errorOf, GraphClient, graphToken, listOf, newBox, type AppBody } from "./graphKit";

function userIn(box: AzureInABox, key: keyof typeof SEED.users): User {
  return box.state.users.find((u) => u.id === SEED.users[key])!;
}

/** Adds a user to the box and returns a client signed in as them. */
function addUser(box: AzureInABox, user: Partial<User> & { id: string }, tid = SEED.tenantId): GraphClient {
  box.state.users.push({
    tenantId: tid,
    userPrincipalName: `${user.id}@contoso.onmicrosoft.com`,
    displayName: "Extra",
    userType: "Member",
    directoryRoles: [],
    mfa: false,
    createdObjectCount: 0,
    ...user,
  });
  return new GraphClient(box, graphToken(box, "admin", { oid: user.id, tid }));
}

describe("POST /applications", () => {
  it("creates the app registration with the full application shape, the caller as its owner", async () => {
    const box = newBox();
    const res = await GraphClient.as(box, "developer").post("/applications", {
      displayName: "sc-fabrikam-web",
      signInAudience: "AzureADMyOrg",
      notes: "Created by the service connection hub",
      tags: ["sc-hub", "project:web"],
    });
    expect(res.status).toBe(201);
    const app = res.body as AppBody;
    expect(app).toMatchObject({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications/$entity",
      displayName: "sc-fabrikam-web",
      signInAudience: "AzureADMyOrg",
      notes: "Created by the service connection hub",
      tags: ["sc-hub", "project:web"],
      createdDateTime: "2026-03-01T12:00:00Z",
      publisherDomain: "contoso.onmicrosoft.com",
      passwordCredentials: [],
      keyCredentials: [],
      identifierUris: [],
      web: { redirectUris: [], implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false } },
    });
    expect(app.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(app.appId).not.toBe(app.id);
    const stored = box.state.applications.find((a) => a.id === app.id)!;
    expect(stored.ownerIds).toEqual([SEED.users.developer]);
    expect(userIn(box, "developer").createdObjectCount).toBe(1);
  });

  it("defaults signInAudience to work, school and personal accounts when the body leaves it out", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/applications", { displayName: "No audience" });
    expect(res.body).toMatchObject({ signInAudience: "AzureADandPersonalMicrosoftAccount", api: { requestedAccessTokenVersion: 2 } });
  });

  it("refuses an unknown signInAudience", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/applications", { displayName: "x", signInAudience: "Everyone" });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "Request_BadRequest",
      message: "Invalid value specified for property 'signInAudience' of resource 'Application'.",
    });
  });

  it("requires a displayName", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/applications", { signInAudience: "AzureADMyOrg" });
    expect(errorOf(res)).toMatchObject({
      status: 400,
      message: "Invalid value specified for property 'displayName' of resource 'Application'.",
    });
  });

  it("refuses properties applications do not have, and names real ones the emulator does not keep", async () => {
    const client = GraphClient.as(newBox(), "admin");
    const unknown = await client.post("/applications", { displayName: "x", colour: "blue" });
    expect(errorOf(unknown)).toMatchObject({ status: 400, code: "BadRequest" });
    expect(errorOf(unknown).message).toContain("Property 'colour' does not exist on type 'microsoft.graph.application'");
    const unmodelled = await client.post("/applications", { displayName: "x", web: { redirectUris: [] } });
    expect(errorOf(unmodelled).message).toContain("not supported by the Azure-in-a-box emulator");
  });

  it("refuses a body that is not JSON", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/applications", "{not json");
    expect(res.status).toBe(400);
  });

  it("lets an ordinary member register apps only while the tenant allows it", async () => {
    const box = newBox();
    expect((await GraphClient.as(box, "member").post("/applications", { displayName: "allowed" })).status).toBe(201);
    box.state.tenants.find((t) => t.id === SEED.tenantId)!.usersCanRegisterApps = false;
    const denied = await GraphClient.as(box, "member").post("/applications", { displayName: "denied" });
    expect(errorOf(denied)).toEqual({
      status: 403,
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
    expect((await GraphClient.as(box, "developer").post("/applications", { displayName: "app developer" })).status).toBe(201);
    expect((await GraphClient.as(box, "admin").post("/applications", { displayName: "global admin" })).status).toBe(201);
  });

  it("does not let a guest register apps", async () => {
    const res = await GraphClient.as(newBox(), "guest").post("/applications", { displayName: "guest app" });
    expect(errorOf(res)).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });

  it("stops a non-admin at 250 created directory objects, with Graph's quota error", async () => {
    const box = newBox();
    userIn(box, "member").createdObjectCount = 249;
    const member = GraphClient.as(box, "member");
    expect((await member.post("/applications", { displayName: "250th" })).status).toBe(201);
    const res = await member.post("/applications", { displayName: "251st" });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "Directory_QuotaExceeded",
      message:
        "The directory object quota limit for the Principal has been exceeded. Please ask your administrator to increase the quota limit or delete objects to reduce the used quota.",
    });
  });

  it("applies the quota to application developers but not to administrators", async () => {
    const box = newBox();
    userIn(box, "developer").createdObjectCount = 250;
    userIn(box, "admin").createdObjectCount = 250;
    expect(errorOf(await GraphClient.as(box, "developer").post("/applications", { displayName: "d" })).code).toBe(
      "Directory_QuotaExceeded",
    );
    expect((await GraphClient.as(box, "admin").post("/applications", { displayName: "a" })).status).toBe(201);
  });

  it("keeps counting a deleted app toward the creator's quota", async () => {
    const box = newBox();
    const member = GraphClient.as(box, "member");
    const app = await member.createApp("short-lived");
    expect((await member.delete(`/applications/${app.id}`)).status).toBe(204);
    expect(userIn(box, "member").createdObjectCount).toBe(1);
  });

  it("marks a new app as not yet visible to the next N service principal calls (replication knob)", async () => {
    const box = newBox();
    box.knobs.consistency.applicationToServicePrincipalCalls = 3;
    const app = await GraphClient.as(box, "admin").createApp("replicating");
    expect(box.state.applications.find((a) => a.id === app.id)!.pendingServicePrincipalCalls).toBe(3);
  });
});

describe("GET /applications/{id} and /applications(appId='…')", () => {
  it("reads an app by object id and by appId", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const app = await client.createApp("Readable");
    const byId = await client.get(`/applications/${app.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: app.id, appId: app.appId, displayName: "Readable" });
    const byAppId = await client.get(`/applications(appId='${app.appId.toUpperCase()}')`);
    expect(byAppId.body).toMatchObject({ id: app.id });
  });

  it("answers only the $select-ed properties", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const app = await client.createApp("Selected");
    const res = await client.get(`/applications(appId='${app.appId}')?$select=id,appId,displayName,passwordCredentials`);
    expect(res.body).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications(id,appId,displayName,passwordCredentials)/$entity",
      id: app.id,
      appId: app.appId,
      displayName: "Selected",
      passwordCredentials: [],
    });
    expect(errorOf(await client.get(`/applications/${app.id}?$select=id,secret`)).status).toBe(400);
  });

  it("answers Request_ResourceNotFound for an unknown id", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/applications/00000000-0000-0000-0000-000000000001");
    expect(errorOf(res)).toEqual({
      status: 404,
      code: "Request_ResourceNotFound",
      message:
        "Resource '00000000-0000-0000-0000-000000000001' does not exist or one of its queried reference-property objects are not present.",
    });
    expect((await GraphClient.as(newBox(), "admin").get("/applications(appId='nope')")).status).toBe(404);
  });

  it("does not show apps of another tenant", async () => {
    const box = newBox();
    const fabrikam = addUser(box, { id: guidFrom("user:fabrikam-dev"), directoryRoles: ["ApplicationDeveloper"] }, SEED.otherTenantId);
    const foreign = await fabrikam.createApp("Fabrikam app");
    const contoso = GraphClient.as(box, "admin");
    expect((await contoso.get(`/applications/${foreign.id}`)).status).toBe(404);
    expect(listOf(await contoso.get("/applications")).value).toEqual([]);
  });
});

describe("GET /applications (list)", () => {
  async function threeApps(): Promise<{ client: GraphClient; apps: AppBody[] }> {
    const client = GraphClient.as(newBox(), "admin");
    const apps = [
      await client.createApp("sc-web-prod", { tags: ["sc-hub", "project:web"] }),
      await client.createApp("sc-web-dev", { tags: ["sc-hub"] }),
      await client.createApp("legacy-tool", { tags: [] }),
    ];
    return { client, apps };
  }

  it("filters by appId", async () => {
    const { client, apps } = await threeApps();
    const res = await client.get(`/applications?$filter=appId eq '${apps[1]!.appId}'`);
    expect(listOf<AppBody>(res).value.map((a) => a.displayName)).toEqual(["sc-web-dev"]);
  });

  it("filters by tag with tags/any", async () => {
    const { client } = await threeApps();
    const res = await client.get("/applications?$filter=tags/any(t:t eq 'sc-hub')");
    expect(listOf<AppBody>(res).value.map((a) => a.displayName)).toEqual(["sc-web-prod", "sc-web-dev"]);
  });

  it("filters by a displayName prefix, without regard to case", async () => {
    const { client } = await threeApps();
    const res = await client.get("/applications?$filter=startswith(displayName,'SC-WEB')");
    expect(listOf<AppBody>(res).value).toHaveLength(2);
  });

  it("combines conditions with and, or and parentheses", async () => {
    const { client } = await threeApps();
    const and = await client.get("/applications?$filter=startswith(displayName,'sc-') and tags/any(x:x eq 'project:web')");
    expect(listOf<AppBody>(and).value.map((a) => a.displayName)).toEqual(["sc-web-prod"]);
    const or = await client.get("/applications?$filter=(displayName eq 'legacy-tool' or displayName eq 'sc-web-dev')");
    expect(listOf<AppBody>(or).value).toHaveLength(2);
  });

  it("answers $select-ed properties for each app", async () => {
    const { client } = await threeApps();
    const res = await client.get("/applications?$select=displayName&$filter=displayName eq 'legacy-tool'");
    expect(res.body).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#applications(displayName)",
      value: [{ displayName: "legacy-tool" }],
    });
  });

  it("pages with $top and an absolute @odata.nextLink that keeps the filter", async () => {
    const { client } = await threeApps();
    const first = listOf<AppBody>(
      await client.get("/applications?$top=2&$filter=startswith(displayName,'sc-') or displayName eq 'legacy-tool'"),
    );
    expect(first.value).toHaveLength(2);
    const next = new URL(first["@odata.nextLink"]!);
    expect(next.origin + next.pathname).toBe("https://graph.microsoft.com/v1.0/applications");
    expect(next.searchParams.get("$filter")).toContain("legacy-tool");
    const second = listOf<AppBody>(await client.get(`/applications?${next.searchParams.toString()}`));
    expect(second.value.map((a) => a.displayName)).toEqual(["legacy-tool"]);
    expect(second["@odata.nextLink"]).toBeUndefined();
  });

  it("refuses a page size outside 1–999 and a page token it did not issue", async () => {
    const { client } = await threeApps();
    expect((await client.get("/applications?$top=1000")).status).toBe(400);
    expect((await client.get("/applications?$top=0")).status).toBe(400);
    expect((await client.get("/applications?$skiptoken=garbage")).status).toBe(400);
  });

  it("answers Request_UnsupportedQuery for a filter it cannot evaluate, and BadRequest for one it cannot parse", async () => {
    const { client } = await threeApps();
    expect(errorOf(await client.get("/applications?$filter=notes eq 'x'"))).toMatchObject({
      status: 400,
      code: "Request_UnsupportedQuery",
    });
    expect(errorOf(await client.get("/applications?$filter=endswith(displayName,'prod')"))).toMatchObject({
      code: "Request_UnsupportedQuery",
    });
    expect(errorOf(await client.get("/applications?$filter=displayName eq 'unterminated"))).toMatchObject({
      status: 400,
      code: "BadRequest",
    });
  });
});

describe("PATCH /applications/{id}", () => {
  it("updates notes, tags and displayName for an owner", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "developer");
    const app = await owner.createApp("before");
    const res = await owner.patch(`/applications/${app.id}`, { displayName: "after", notes: "rotated 2026-03", tags: ["sc-hub"] });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await owner.get(`/applications/${app.id}`)).body).toMatchObject({
      displayName: "after",
      notes: "rotated 2026-03",
      tags: ["sc-hub"],
    });
  });

  it("refuses a member who does not own the app", async () => {
    const box = newBox();
    const app = await GraphClient.as(box, "developer").createApp("not yours");
    const res = await GraphClient.as(box, "member").patch(`/applications/${app.id}`, { notes: "mine now" });
    expect(errorOf(res)).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });

  it("lets an Application Administrator or a Global Administrator change any app", async () => {
    const box = newBox();
    const app = await GraphClient.as(box, "developer").createApp("managed");
    const appAdmin = addUser(box, { id: guidFrom("user:app-admin"), directoryRoles: ["ApplicationAdministrator"] });
    expect((await appAdmin.patch(`/applications/${app.id}`, { notes: "by app admin" })).status).toBe(204);
    expect((await GraphClient.as(box, "admin").patch(`/applications/${app.id}`, { notes: "by global admin" })).status).toBe(204);
  });

  it("refuses invalid values and properties it cannot change", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("strict");
    expect(errorOf(await owner.patch(`/applications/${app.id}`, { tags: "sc-hub" })).message).toContain("'tags'");
    expect(errorOf(await owner.patch(`/applications/${app.id}`, { notes: "x".repeat(1025) })).message).toContain("'notes'");
    expect((await owner.patch(`/applications/${app.id}`, { appId: "new" })).status).toBe(400);
    expect((await owner.patch("/applications/00000000-0000-0000-0000-000000000000", { notes: "x" })).status).toBe(404);
  });
});

describe("DELETE /applications/{id}", () => {
  it("deletes the app and its service principal but leaves the principal's role assignments in ARM", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("to delete");
    const sp = (await owner.post("/servicePrincipals", { appId: app.appId })).body as { id: string };
    box.state.roleAssignments.push({
      name: guidFrom("ra:test"),
      scope: "/subscriptions/x",
      roleDefinitionName: ROLE_IDS.reader,
      principalId: sp.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: "2026-03-01T12:00:00Z",
      pendingTestConnectionCalls: 0,
    });
    const res = await owner.delete(`/applications/${app.id}`);
    expect(res.status).toBe(204);
    expect(box.state.applications).toEqual([]);
    expect(box.state.servicePrincipals).toEqual([]);
    expect(box.state.roleAssignments.some((ra) => ra.principalId === sp.id)).toBe(true);
    expect((await owner.get(`/applications/${app.id}`)).status).toBe(404);
  });

  it("refuses a member who does not own the app", async () => {
    const box = newBox();
    const app = await GraphClient.as(box, "developer").createApp("kept");
    expect((await GraphClient.as(box, "member").delete(`/applications/${app.id}`)).status).toBe(403);
    expect(box.state.applications).toHaveLength(1);
  });
});
