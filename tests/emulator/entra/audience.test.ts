import { audienceOf, readAccessToken, resourceOfAudience } from "../../../emulator/model/entra";
import { SEED } from "../../../emulator/model/seed";
import { ARM, GRAPH_WRITE, newBox, signIn } from "./entraKit";

describe("which resource a token is for", () => {
  it("maps Graph scopes to Graph's audience: its URI for URI-form scopes, its app id for short ones", () => {
    expect(audienceOf([GRAPH_WRITE])).toBe("https://graph.microsoft.com");
    expect(audienceOf("https://graph.microsoft.com/.default")).toBe("https://graph.microsoft.com");
    expect(audienceOf(["User.Read", "Application.ReadWrite.All"])).toBe("00000003-0000-0000-c000-000000000000");
    expect(audienceOf(["openid", "profile"])).toBe("00000003-0000-0000-c000-000000000000");
  });

  it("maps ARM scopes to the identifier as written", () => {
    expect(audienceOf([ARM])).toBe("https://management.azure.com");
    expect(audienceOf(["https://management.azure.com//.default"])).toBe("https://management.azure.com/");
    expect(audienceOf(["https://management.core.windows.net//user_impersonation"])).toBe("https://management.core.windows.net/");
  });

  it("names no audience for two resources or an unknown one", () => {
    expect(audienceOf([GRAPH_WRITE, ARM])).toBeUndefined();
    expect(audienceOf(["https://vault.azure.net/user_impersonation"])).toBeUndefined();
  });

  it("tells the resource of every audience spelling it mints", () => {
    expect(resourceOfAudience("00000003-0000-0000-c000-000000000000")).toBe("graph");
    expect(resourceOfAudience("https://graph.microsoft.com/")).toBe("graph");
    expect(resourceOfAudience("https://management.azure.com/")).toBe("arm");
    expect(resourceOfAudience("https://vault.azure.net")).toBeUndefined();
  });
});

describe("reading an access token the way Graph and ARM would", () => {
  it("gives the caller, the client and the delegated scopes of a valid token", async () => {
    const box = newBox();
    const tokens = await signIn(box);
    expect(readAccessToken(box, tokens.access_token, "graph")).toEqual({
      resource: "graph",
      tenantId: SEED.tenantId,
      objectId: SEED.users.admin,
      clientId: SEED.signInClientId,
      scopes: ["Application.ReadWrite.All"],
      mfa: true,
      acrs: [],
    });
  });

  it("rejects a token for another resource, an expired one and a non-token", async () => {
    const box = newBox();
    const tokens = await signIn(box);
    expect(readAccessToken(box, tokens.access_token, "arm")).toEqual({ problem: "wrongAudience" });
    expect(readAccessToken(box, "garbage", "graph")).toEqual({ problem: "malformed" });
    box.clock.advance(60 * 60 * 1000);
    expect(readAccessToken(box, tokens.access_token, "graph")).toEqual({ problem: "expired" });
  });
});
