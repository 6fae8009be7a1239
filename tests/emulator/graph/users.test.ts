import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox } from "./graphKit";

/** GET /users/{id | userPrincipalName}: how the hub looks up a co-owner before adding them to the app. */
describe("reading one user", () => {
  const READ_BASIC = "User.Read User.ReadBasic.All Application.ReadWrite.All";

  it("finds a colleague by user principal name with User.ReadBasic.All, answering $select", async () => {
    const dev = GraphClient.as(newBox(), "developer", { scp: READ_BASIC });
    const res = await dev.get("/users/member@contoso.onmicrosoft.com?$select=id,displayName,userPrincipalName");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,userPrincipalName)/$entity",
      id: SEED.users.member,
      displayName: "Mo Member",
      userPrincipalName: "member@contoso.onmicrosoft.com",
    });
  });

  it("finds a colleague by object id, with Graph's default properties when there is no $select", async () => {
    const dev = GraphClient.as(newBox(), "developer", { scp: READ_BASIC });
    const res = await dev.get(`/users/${SEED.users.admin}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: SEED.users.admin, userPrincipalName: "admin@contoso.onmicrosoft.com", displayName: "Ada Admin" });
    expect(res.body).not.toHaveProperty("userType");
  });

  it("answers properties outside the basic profile as null to a caller with User.ReadBasic.All alone", async () => {
    const dev = GraphClient.as(newBox(), "developer", { scp: READ_BASIC });
    const guest = await dev.get(`/users/${encodeURIComponent("guest_fabrikam.com#EXT#@contoso.onmicrosoft.com")}?$select=id,userType`);
    expect(guest.body).toMatchObject({ id: SEED.users.guest, userType: null });
    const admin = GraphClient.as(newBox(), "admin", { scp: "User.Read.All" });
    expect((await admin.get(`/users/${SEED.users.guest}?$select=userType`)).body).toMatchObject({ userType: "Guest" });
  });

  it("lets User.Read read only the signed-in user", async () => {
    const box = newBox();
    const dev = GraphClient.as(box, "developer", { scp: "User.Read Application.ReadWrite.All" });
    expect((await dev.get(`/users/${SEED.users.developer}?$select=id,userType`)).body).toMatchObject({
      id: SEED.users.developer,
      userType: "Member",
    });
    expect(errorOf(await dev.get("/users/member@contoso.onmicrosoft.com"))).toEqual({
      status: 403,
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
  });

  it("answers 404 for a user that is not in the caller's tenant", async () => {
    const dev = GraphClient.as(newBox(), "developer", { scp: READ_BASIC });
    const res = await dev.get("/users/nobody@contoso.onmicrosoft.com");
    expect(errorOf(res)).toMatchObject({ status: 404, code: "Request_ResourceNotFound" });
    expect(errorOf(await dev.get(`/users/${SEED.guestHomeUserId}`)).status).toBe(404);
  });

  it("refuses an unknown $select property and a path below the user", async () => {
    const dev = GraphClient.as(newBox(), "developer", { scp: READ_BASIC });
    expect(errorOf(await dev.get(`/users/${SEED.users.member}?$select=shoeSize`))).toMatchObject({ status: 400, code: "BadRequest" });
    expect(errorOf(await dev.get(`/users/${SEED.users.member}/manager`))).toMatchObject({
      status: 400,
      message: "Resource not found for the segment 'manager'.",
    });
  });
});
