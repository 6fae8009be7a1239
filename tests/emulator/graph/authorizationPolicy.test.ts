import { errorOf, GraphClient, newBox } from "./graphKit";

/** GET /policies/authorizationPolicy: whether ordinary users may register apps, readable only by a reading admin. */
describe("the tenant's authorization policy", () => {
  const POLICY_READ = "User.Read Policy.Read.All";

  it("tells an administrator with Policy.Read.All whether users may register applications", async () => {
    const box = newBox();
    const admin = GraphClient.as(box, "admin", { scp: POLICY_READ });
    const res = await admin.get("/policies/authorizationPolicy");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy/$entity",
      id: "authorizationPolicy",
      displayName: "Authorization Policy",
      defaultUserRolePermissions: { allowedToCreateApps: true },
    });
    box.state.tenants[0]!.usersCanRegisterApps = false;
    expect((await admin.get("/policies/authorizationPolicy")).body).toMatchObject({
      defaultUserRolePermissions: { allowedToCreateApps: false },
    });
  });

  it("answers $select", async () => {
    const admin = GraphClient.as(newBox(), "admin", { scp: POLICY_READ });
    expect((await admin.get("/policies/authorizationPolicy?$select=defaultUserRolePermissions")).body).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/authorizationPolicy(defaultUserRolePermissions)/$entity",
      defaultUserRolePermissions: expect.objectContaining({ allowedToCreateApps: true }),
    });
  });

  it("refuses users without a reading directory role, even with the scope", async () => {
    const box = newBox();
    for (const user of ["developer", "member", "guest"] as const) {
      expect(errorOf(await GraphClient.as(box, user, { scp: POLICY_READ }).get("/policies/authorizationPolicy"))).toEqual({
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      });
    }
  });

  it("refuses the hub's own token (Application.ReadWrite.All, User.Read), even for an administrator", async () => {
    const admin = GraphClient.as(newBox(), "admin");
    expect(errorOf(await admin.get("/policies/authorizationPolicy")).status).toBe(403);
  });

  it("has no other policy routes", async () => {
    const admin = GraphClient.as(newBox(), "admin", { scp: POLICY_READ });
    expect((await admin.request("PATCH", "/policies/authorizationPolicy", {})).status).toBe(405);
    expect(errorOf(await admin.get("/policies/tokenLifetimePolicies")).status).toBe(400);
  });
});
