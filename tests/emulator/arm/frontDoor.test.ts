import { mintJwt } from "../../../emulator/model/core/tokens";
import { REAL_ROOTS } from "../../../emulator/model/routing";
import { SEED } from "../../../emulator/model/seed";
import { body, call, newBox, tokenFor, V } from "./support/armKit";

const SUBSCRIPTIONS = `/subscriptions?api-version=${V.subscriptions}`;

describe("ARM front door: authentication", () => {
  it("answers 401 AuthenticationFailed with a Bearer challenge when the Authorization header is missing", async () => {
    const res = await call(newBox(), "GET", SUBSCRIPTIONS);
    expect(res.status).toBe(401);
    expect(body(res).error.code).toBe("AuthenticationFailed");
    expect(body(res).error.message).toBe("Authentication failed. The 'Authorization' header is missing.");
    expect(res.headers?.["www-authenticate"]).toMatch(/^Bearer authorization_uri="https:\/\/login\.windows\.net\/", error="invalid_token"/);
  });

  it("answers 401 InvalidAuthenticationToken for a token that is not a JWT", async () => {
    const res = await call(newBox(), "GET", SUBSCRIPTIONS, { token: "not-a-jwt" });
    expect(res.status).toBe(401);
    expect(body(res).error).toEqual({ code: "InvalidAuthenticationToken", message: "The access token is invalid." });
  });

  it("answers 401 InvalidAuthenticationTokenAudience for a Graph token", async () => {
    const box = newBox();
    const res = await call(box, "GET", SUBSCRIPTIONS, { token: tokenFor(box, SEED.users.admin, { aud: "https://graph.microsoft.com" }) });
    expect(res.status).toBe(401);
    expect(body(res).error.code).toBe("InvalidAuthenticationTokenAudience");
    expect(body(res).error.message).toContain("wrong audience or resource 'https://graph.microsoft.com'");
  });

  it.each(["https://management.azure.com", "https://management.azure.com/", "https://management.core.windows.net/"])(
    "accepts the audience %s",
    async (aud) => {
      const box = newBox();
      const res = await call(box, "GET", SUBSCRIPTIONS, { token: tokenFor(box, SEED.users.admin, { aud }) });
      expect(res.status).toBe(200);
    },
  );

  it("judges expiry by the world's clock, not the wall clock", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.admin, { expiresIn: 600 });
    expect((await call(box, "GET", SUBSCRIPTIONS, { token })).status).toBe(200);
    box.clock.advance(601_000);
    const res = await call(box, "GET", SUBSCRIPTIONS, { token });
    expect(res.status).toBe(401);
    expect(body(res).error.code).toBe("ExpiredAuthenticationToken");
    expect(body(res).error.message).toMatch(
      /^The access token expiry UTC time '3\/1\/2026 10:10:00 AM' is earlier than current UTC time '3\/1\/2026 10:10:01 AM'\.$/,
    );
  });

  it("refuses a token used before its nbf, and one whose issuer is not its tenant's", async () => {
    const box = newBox();
    const now = Math.floor(box.clock.nowMs() / 1000);
    const base = {
      aud: "https://management.azure.com",
      tid: SEED.tenantId,
      oid: SEED.users.admin,
      sub: SEED.users.admin,
      iat: now,
      exp: now + 3600,
    };
    const early = mintJwt({ ...base, iss: `https://sts.windows.net/${SEED.tenantId}/`, nbf: now + 600 });
    expect(body(await call(box, "GET", SUBSCRIPTIONS, { token: early })).error).toEqual({
      code: "InvalidAuthenticationToken",
      message: "The access token is not yet valid.",
    });
    const foreign = mintJwt({ ...base, iss: "https://sts.example.test/", nbf: now });
    expect((await call(box, "GET", SUBSCRIPTIONS, { token: foreign })).status).toBe(401);
  });

  it("authenticates before it looks at the route or the api-version", async () => {
    const res = await call(newBox(), "GET", "/no/such/route");
    expect(res.status).toBe(401);
  });

  it("refuses a token without tenant or object id", async () => {
    const box = newBox();
    const token = mintJwt({ aud: "https://management.azure.com", iss: "x", sub: "x", iat: 0, nbf: 0, exp: 4_000_000_000 } as never);
    expect((await call(box, "GET", SUBSCRIPTIONS, { token })).status).toBe(401);
  });
});

describe("ARM front door: api-version", () => {
  it("answers 400 MissingApiVersionParameter without api-version", async () => {
    const box = newBox();
    const res = await call(box, "GET", "/subscriptions", { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(400);
    expect(body(res).error).toEqual({
      code: "MissingApiVersionParameter",
      message: "The api-version query parameter (?api-version=) is required for all requests.",
    });
  });

  it("answers 400 InvalidApiVersionParameter naming the supported versions", async () => {
    const box = newBox();
    const res = await call(box, "GET", "/subscriptions?api-version=2099-01-01", { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(400);
    expect(body(res).error).toEqual({
      code: "InvalidApiVersionParameter",
      message: "The api-version '2099-01-01' is invalid. The supported versions are '2022-12-01'.",
    });
  });

  it("checks the version per family: the authorization version is not a subscriptions version", async () => {
    const box = newBox();
    const res = await call(box, "GET", `/subscriptions?api-version=${V.authorization}`, { token: tokenFor(box, SEED.users.admin) });
    expect(body(res).error.code).toBe("InvalidApiVersionParameter");
  });

  it("reads the api-version parameter name case-insensitively", async () => {
    const box = newBox();
    const res = await call(box, "GET", `/subscriptions?API-VERSION=${V.subscriptions}`, { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(200);
  });

  it("answers 405 for a method a route does not support and 404 outside the modelled surface", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.admin);
    expect((await call(box, "POST", SUBSCRIPTIONS, { token })).status).toBe(405);
    expect((await call(box, "GET", `/providers/Microsoft.Compute/operations?api-version=${V.subscriptions}`, { token })).status).toBe(404);
  });
});

describe("ARM through the box's door", () => {
  it("answers an absolute URL with an encoded $filter as a browser would send it", async () => {
    const box = newBox();
    const res = await box.handle(
      {
        method: "GET",
        url: `https://management.azure.com/subscriptions/${box.state.subscriptions[0]!.subscriptionId}/providers/Microsoft.Authorization/roleDefinitions?%24filter=roleName%20eq%20%27Reader%27&api-version=${V.authorization}`,
        headers: { Authorization: `Bearer ${tokenFor(box, SEED.users.member)}` },
      },
      REAL_ROOTS,
    );
    expect(res?.status).toBe(200);
    expect(body(res!).value.map((r: { properties: { roleName: string } }) => r.properties.roleName)).toEqual(["Reader"]);
  });
});
