import { redirectUriMatches } from "../../../emulator/model/entra/signInApps";
import { SEED } from "../../../emulator/model/seed";
import { authorize, CLIENT_ID, GRAPH_READ, newBox, redirectParams } from "./entraKit";

function pageCode(body: unknown): string | undefined {
  return /data-code="(AADSTS\d+)"/.exec(String(body))?.[1];
}

describe("the sign-in app registration", () => {
  it("shows AADSTS700016 on Entra's error page for an unknown client id, without redirecting", async () => {
    const box = newBox();
    const { response } = await authorize(box, { clientId: "0e0e0e0e-0000-4000-8000-000000000000" });
    expect(response.status).toBe(400);
    expect(response.headers?.["content-type"]).toContain("text/html");
    expect(pageCode(response.body)).toBe("AADSTS700016");
    expect(response.headers?.["location"]).toBeUndefined();
  });

  it("shows AADSTS50011 for a redirect URI the app does not list", async () => {
    const box = newBox();
    const { response } = await authorize(box, { redirectUri: "https://evil.example/callback" });
    expect(pageCode(response.body)).toBe("AADSTS50011");
    expect(String(response.body)).toContain("https://evil.example/callback");
  });

  it("refuses a single-tenant app through /organizations (AADSTS50194) and in another tenant (AADSTS700016)", async () => {
    const box = newBox();
    box.state.signInApps[0]!.signInAudience = "AzureADMyOrg";
    expect(pageCode((await authorize(box, { tenant: "organizations" })).response.body)).toBe("AADSTS50194");
    expect(pageCode((await authorize(box, { tenant: SEED.otherTenantId })).response.body)).toBe("AADSTS700016");
    expect(redirectParams((await authorize(box, { tenant: SEED.tenantId })).response).get("code")).toBeTruthy();
  });

  it("sends request errors back to the redirect URI with the state and an error_uri carrying the code", async () => {
    const box = newBox();
    const { response } = await authorize(box, { scope: "https://vault.azure.net/user_impersonation openid", state: "keep-me" });
    const params = redirectParams(response);
    expect(params.get("error")).toBe("invalid_resource");
    expect(params.get("error_description")).toMatch(/^AADSTS500011: /);
    expect(params.get("error_uri")).toBe("https://login.microsoftonline.com/error?code=500011");
    expect(params.get("state")).toBe("keep-me");
  });

  it("rejects a permission Graph does not have (AADSTS650053) and .default mixed with named scopes (AADSTS70011)", async () => {
    const box = newBox();
    expect(
      redirectParams((await authorize(box, { scope: "https://graph.microsoft.com/Nope.Read openid" })).response).get("error_description"),
    ).toMatch(/^AADSTS650053/);
    expect(
      redirectParams((await authorize(box, { scope: `https://graph.microsoft.com/.default ${GRAPH_READ}` })).response).get(
        "error_description",
      ),
    ).toMatch(/^AADSTS70011/);
  });

  it("answers /.default with the permissions configured on the registration, and AADSTS650057 for an unconfigured resource", async () => {
    const box = newBox();
    const ok = redirectParams((await authorize(box, { scope: "https://management.azure.com/.default openid" })).response);
    expect(ok.get("code")).toBeTruthy();
    const unconfigured = newBox();
    unconfigured.state.signInApps[0]!.requiredScopes = [GRAPH_READ];
    const missing = redirectParams((await authorize(unconfigured, { scope: "https://management.azure.com/.default openid" })).response);
    expect(missing.get("error")).toBe("invalid_client");
    expect(missing.get("error_description")).toMatch(/^AADSTS650057/);
  });

  it("names a missing parameter (AADSTS900144): on the error page before the redirect URI is trusted, in the redirect after", async () => {
    const box = newBox();
    expect(pageCode((await authorize(box, { clientId: "" })).response.body)).toBe("AADSTS900144");
    const noScope = redirectParams((await authorize(box, { scope: "" })).response);
    expect(noScope.get("error_description")).toMatch(/^AADSTS900144: The request body must contain the following parameter: 'scope'\./);
    expect(pageCode((await authorize(box, { responseMode: "web_message" })).response.body)).toBe("AADSTS90100");
  });

  it("refuses personal accounts (/consumers, AADSTS500200) and a signed-in user the directory does not have (AADSTS50034)", async () => {
    expect(pageCode((await authorize(newBox(), { tenant: "consumers" })).response.body)).toBe("AADSTS500200");
    expect(pageCode((await authorize(newBox("77777777-0000-4000-8000-000000000000"))).response.body)).toBe("AADSTS50034");
  });

  it("only issues codes (response_type=code) and checks the PKCE challenge's size", async () => {
    const box = newBox();
    expect(redirectParams((await authorize(box, { extra: { response_type: "token" } })).response).get("error")).toBe(
      "unsupported_response_type",
    );
    expect(redirectParams((await authorize(box, { challenge: "too-short" })).response).get("error_description")).toMatch(/^AADSTS501491/);
  });
});

describe("redirect URI matching (learn.microsoft.com: redirect URI restrictions)", () => {
  it("ignores the port of localhost and 127.0.0.1, as Entra does for loopback addresses", () => {
    expect(redirectUriMatches("http://localhost/", "http://localhost:5173/")).toBe(true);
    expect(redirectUriMatches("http://127.0.0.1/auth", "http://127.0.0.1:49152/auth")).toBe(true);
  });

  it("keeps every other part strict: host, scheme, the path's case, and the port of other hosts", () => {
    expect(redirectUriMatches("http://localhost/", "http://127.0.0.1:5173/")).toBe(false);
    expect(redirectUriMatches("http://localhost/", "https://localhost/")).toBe(false);
    expect(redirectUriMatches("https://app.example/Auth", "https://app.example/auth")).toBe(false);
    expect(redirectUriMatches("https://app.example:8443/", "https://app.example:9443/")).toBe(false);
    expect(redirectUriMatches("http://[::1]/", "http://[::1]:8080/")).toBe(false);
  });

  it("treats a URI without a path as ending in '/', and answers with the slash", async () => {
    expect(redirectUriMatches("https://app.example", "https://app.example/")).toBe(true);
    const box = newBox();
    const { response } = await authorize(box, { redirectUri: "http://localhost:3000" });
    expect(response.headers?.["location"]).toMatch(/^http:\/\/localhost:3000\/#code=/);
  });

  it("accepts the seeded app's loopback URIs for the client id exported from the seed", () => {
    expect(CLIENT_ID).toBe(SEED.signInClientId);
    expect(newBox().state.signInApps.map((a) => a.clientId)).toEqual([SEED.signInClientId]);
  });
});
