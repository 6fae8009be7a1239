import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, listOf, newBox } from "./graphKit";

describe("GET /me", () => {
  it("answers the signed-in user with Graph's default properties", async () => {
    const res = await GraphClient.as(newBox(), "developer").get("/me");
    expect(res.status).toBe(200);
    const body = res.body as Record<string, unknown>;
    expect(body).toMatchObject({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users/$entity",
      id: SEED.users.developer,
      displayName: "Dev Developer",
      userPrincipalName: "dev@contoso.onmicrosoft.com",
      businessPhones: [],
    });
    // userType is not a default property: a client that needs it must $select it.
    expect(body).not.toHaveProperty("userType");
  });

  it("answers only the $select-ed properties, userType included", async () => {
    const res = await GraphClient.as(newBox(), "guest").get("/me?$select=id,displayName,userPrincipalName,userType");
    expect(res.body).toEqual({
      "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,userPrincipalName,userType)/$entity",
      id: SEED.users.guest,
      displayName: "Gus Guest",
      userPrincipalName: "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com",
      userType: "Guest",
    });
  });

  it("refuses a $select of a property users do not have", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/me?$select=id,favouriteColour");
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "BadRequest",
      message: "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.",
    });
  });

  it("refuses query options the emulator does not implement instead of ignoring them", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/me?$expand=manager");
    expect(res.status).toBe(400);
  });
});

describe("GET /organization", () => {
  it("lists the caller's tenant with its default domain", async () => {
    const res = await GraphClient.as(newBox(), "member").get("/organization");
    expect(res.status).toBe(200);
    const [org] = listOf(res).value;
    expect(org).toMatchObject({
      id: SEED.tenantId,
      displayName: "Contoso",
      verifiedDomains: [expect.objectContaining({ name: "contoso.onmicrosoft.com", isDefault: true })],
    });
  });

  it("honours $select", async () => {
    const res = await GraphClient.as(newBox(), "member").get("/organization?$select=id,displayName");
    expect(listOf(res).value).toEqual([{ id: SEED.tenantId, displayName: "Contoso" }]);
    expect(listOf(res)["@odata.context"]).toBe("https://graph.microsoft.com/v1.0/$metadata#organization(id,displayName)");
  });
});
