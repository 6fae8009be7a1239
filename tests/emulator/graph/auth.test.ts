import { mintJwt } from "../../../emulator/model/core/tokens";
import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, graphToken, newBox } from "./graphKit";

describe("Graph authentication", () => {
  it("refuses a request without a bearer token", async () => {
    const box = newBox();
    const res = await new GraphClient(box, undefined).get("/me");
    expect(errorOf(res)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(res.headers?.["www-authenticate"]).toContain("Bearer");
  });

  it("refuses a token that is not a JWT", async () => {
    const res = await new GraphClient(newBox(), "not-a-jwt").get("/me");
    expect(errorOf(res)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
  });

  it("refuses a token issued for another resource, such as ARM", async () => {
    const box = newBox();
    const res = await GraphClient.as(box, "admin", { aud: "https://management.azure.com" }).get("/me");
    expect(errorOf(res)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken", message: "Invalid audience." });
  });

  it.each(["https://graph.microsoft.com", "https://graph.microsoft.com/", "00000003-0000-0000-c000-000000000000"])(
    "accepts the Graph audience %s",
    async (aud) => {
      const box = newBox();
      const res = await GraphClient.as(box, "admin", { aud }).get("/me");
      expect(res.status).toBe(200);
    },
  );

  it("takes a Graph token on a local root too (npm start), and refuses one minted for the local address", async () => {
    const box = newBox();
    const root = "http://127.0.0.1:7000/graph";
    expect((await new GraphClient(box, graphToken(box, "admin"), root).get("/me")).status).toBe(200);
    expect((await new GraphClient(box, graphToken(box, "admin", { aud: root }), root).get("/me")).status).toBe(401);
  });

  it("refuses a token whose issuer is not its tenant's", async () => {
    const box = newBox();
    const now = Math.floor(box.clock.nowMs() / 1000);
    const token = mintJwt({
      aud: "https://graph.microsoft.com",
      iss: "https://sts.windows.net/someone-else/",
      tid: SEED.tenantId,
      oid: SEED.users.admin,
      sub: "s",
      scp: "User.Read",
      iat: now,
      nbf: now,
      exp: now + 3600,
    });
    expect(errorOf(await new GraphClient(box, token).get("/me"))).toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
  });

  it("judges expiry by the emulator's clock, not the wall clock", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin", { expiresIn: 600 });
    expect((await client.get("/me")).status).toBe(200);
    box.clock.advance(600 * 1000);
    const res = await client.get("/me");
    expect(errorOf(res)).toMatchObject({
      status: 401,
      code: "InvalidAuthenticationToken",
      message: "Lifetime validation failed, the token is expired.",
    });
  });

  it("refuses a token that is not valid yet", async () => {
    const box = newBox();
    const now = Math.floor(box.clock.nowMs() / 1000);
    const token = mintJwt({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${SEED.tenantId}/`,
      tid: SEED.tenantId,
      oid: SEED.users.admin,
      sub: "s",
      scp: "User.Read",
      iat: now,
      nbf: now + 60,
      exp: now + 3600,
    });
    expect((await new GraphClient(box, token).get("/me")).status).toBe(401);
  });

  it("refuses a user who does not exist in the token's tenant", async () => {
    const box = newBox();
    const stranger = await GraphClient.as(box, "admin", { oid: "11111111-1111-1111-1111-111111111111" }).get("/me");
    expect(errorOf(stranger)).toMatchObject({ status: 401, code: "InvalidAuthenticationToken" });
    const wrongTenant = await GraphClient.as(box, "admin", { tid: SEED.otherTenantId }).get("/me");
    expect(wrongTenant.status).toBe(401);
  });

  it("denies every write without Application.ReadWrite.All", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("Scoped app");
    const readOnly = GraphClient.as(box, "admin", { scp: "User.Read Application.Read.All" });
    const writes = [
      readOnly.post("/applications", { displayName: "x" }),
      readOnly.patch(`/applications/${app.id}`, { notes: "n" }),
      readOnly.delete(`/applications/${app.id}`),
      readOnly.post(`/applications/${app.id}/addPassword`, {}),
      readOnly.post(`/applications/${app.id}/removePassword`, { keyId: "k" }),
      readOnly.post(`/applications/${app.id}/federatedIdentityCredentials`, {}),
      readOnly.post(`/applications/${app.id}/owners/$ref`, {}),
      readOnly.delete(`/applications/${app.id}/owners/${SEED.users.admin}/$ref`),
      readOnly.post("/servicePrincipals", { appId: app.appId }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(errorOf(res)).toEqual({
        status: 403,
        code: "Authorization_RequestDenied",
        message: "Insufficient privileges to complete the operation.",
      });
    }
    expect((await readOnly.get(`/applications/${app.id}`)).status).toBe(200);
  });

  it("needs a read scope for reads: User.Read alone cannot list applications", async () => {
    const box = newBox();
    const userReadOnly = GraphClient.as(box, "admin", { scp: "User.Read" });
    expect((await userReadOnly.get("/me")).status).toBe(200);
    expect(errorOf(await userReadOnly.get("/applications")).code).toBe("Authorization_RequestDenied");
    expect(errorOf(await userReadOnly.get("/servicePrincipals")).code).toBe("Authorization_RequestDenied");
    const noScopes = GraphClient.as(box, "admin", { scp: "" });
    expect((await noScopes.get("/me")).status).toBe(403);
  });
});

describe("Graph routing", () => {
  it("answers an unknown segment the way Graph does", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/me/memberOf");
    expect(errorOf(res)).toEqual({ status: 400, code: "BadRequest", message: "Resource not found for the segment 'memberOf'." });
  });

  it("answers 405 for a method the resource does not take", async () => {
    const res = await GraphClient.as(newBox(), "admin").request("PUT", "/applications");
    expect(errorOf(res)).toMatchObject({ status: 405, code: "Request_BadRequest" });
  });

  it("serves v1.0 only", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/beta/me");
    expect(errorOf(res)).toMatchObject({ status: 400, code: "BadRequest" });
  });

  it("matches collection names without regard to case", async () => {
    const res = await GraphClient.as(newBox(), "admin").get("/Applications");
    expect(res.status).toBe(200);
  });
});
