import { SEED } from "../../../emulator/model/seed";
import { errorOf, newBox, request } from "./entraKit";

interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
}

const LOCAL_ROOT = "http://127.0.0.1:7000/entra";

describe("metadata msal reads before signing in", () => {
  it("answers cloud instance discovery for the public cloud with its aliases", async () => {
    const endpoint = encodeURIComponent("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize");
    const answer = await newBox().handleService(
      request("GET", `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tenant_discovery_endpoint: "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration",
      "api-version": "1.1",
      metadata: expect.arrayContaining([
        {
          preferred_network: "login.microsoftonline.com",
          preferred_cache: "login.windows.net",
          aliases: ["login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net"],
        },
      ]),
    });
  });

  it("describes a local emulator root as an instance of its own", async () => {
    const endpoint = encodeURIComponent(`https://127.0.0.1:7000/entra/${SEED.tenantId}/oauth2/v2.0/authorize`);
    const answer = await newBox().handleService(
      request("GET", `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`),
    );
    expect(answer.body).toMatchObject({
      tenant_discovery_endpoint: `https://127.0.0.1:7000/entra/${SEED.tenantId}/v2.0/.well-known/openid-configuration`,
      metadata: expect.arrayContaining([
        { preferred_network: "127.0.0.1:7000", preferred_cache: "127.0.0.1:7000", aliases: ["127.0.0.1:7000"] },
      ]),
    });
  });

  it("calls any other instance invalid (AADSTS50049)", async () => {
    const endpoint = encodeURIComponent("https://login.example.com/common/oauth2/v2.0/authorize");
    const answer = await newBox().handleService(
      request("GET", `/common/discovery/instance?api-version=1.1&authorization_endpoint=${endpoint}`),
    );
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ error: "invalid_instance", error_codes: [50049] });
  });

  it("resolves a tenant domain to its id in every endpoint of the OpenID configuration", async () => {
    const answer = await newBox().handleService(request("GET", "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration"));
    const config = answer.body as OpenIdConfiguration;
    expect(config).toMatchObject({
      issuer: `https://login.microsoftonline.com/${SEED.tenantId}/v2.0`,
      authorization_endpoint: `https://login.microsoftonline.com/${SEED.tenantId}/oauth2/v2.0/authorize`,
      token_endpoint: `https://login.microsoftonline.com/${SEED.tenantId}/oauth2/v2.0/token`,
      end_session_endpoint: `https://login.microsoftonline.com/${SEED.tenantId}/oauth2/v2.0/logout`,
      jwks_uri: `https://login.microsoftonline.com/${SEED.tenantId}/discovery/v2.0/keys`,
    });
  });

  it("answers common and organizations with the {tenantid} issuer template", async () => {
    const config = (await newBox().handleService(request("GET", "/organizations/v2.0/.well-known/openid-configuration")))
      .body as OpenIdConfiguration;
    expect(config.issuer).toBe("https://login.microsoftonline.com/{tenantid}/v2.0");
    expect(config.token_endpoint).toBe("https://login.microsoftonline.com/organizations/oauth2/v2.0/token");
  });

  it("builds every URL from the root the request came in on, so the issuer passes msal's same-origin check locally", async () => {
    const config = (
      await newBox().handleService(request("GET", `/${SEED.tenantId}/v2.0/.well-known/openid-configuration`, { baseUrl: LOCAL_ROOT }))
    ).body as OpenIdConfiguration;
    expect(config.issuer).toBe(`${LOCAL_ROOT}/${SEED.tenantId}/v2.0`);
    expect(config.authorization_endpoint).toBe(`${LOCAL_ROOT}/${SEED.tenantId}/oauth2/v2.0/authorize`);
  });

  it("answers invalid_tenant (AADSTS90002) for an unknown tenant, and an empty key set for a known one", async () => {
    const box = newBox();
    const unknown = await box.handleService(request("GET", "/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration"));
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown)).toMatchObject({ error: "invalid_tenant", error_codes: [90002] });
    expect((await box.handleService(request("GET", `/${SEED.tenantId}/discovery/v2.0/keys`))).body).toEqual({ keys: [] });
  });

  it("answers 404 for routes Entra does not have", async () => {
    expect((await newBox().handleService(request("GET", "/organizations/oauth2/v2.0/nothing"))).status).toBe(404);
  });
});
