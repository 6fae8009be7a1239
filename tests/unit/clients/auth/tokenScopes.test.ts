import { AZURE_CHINA_CLOUD, AZURE_CLOUD } from "../../../../src/platform/clouds";
import { homeTenantOf, resourceScopes, tenantAuthority } from "../../../../src/clients/auth/tokenScopes";

describe("token scopes: one resource per token", () => {
  it("qualifies Graph permissions with the cloud's Graph resource", () => {
    expect(resourceScopes({ resource: AZURE_CLOUD.graph.resource, scopes: ["Application.ReadWrite.All", "User.Read"] })).toEqual([
      "https://graph.microsoft.com/Application.ReadWrite.All",
      "https://graph.microsoft.com/User.Read",
    ]);
  });

  it("asks ARM for user_impersonation of the cloud's management resource", () => {
    expect(resourceScopes({ resource: AZURE_CHINA_CLOUD.arm.resource, scopes: ["user_impersonation"] })).toEqual([
      "https://management.chinacloudapi.cn/user_impersonation",
    ]);
  });

  it("writes one slash between resource and scope, and keeps .default and already qualified scopes", () => {
    expect(
      resourceScopes({
        resource: "https://management.azure.com/",
        scopes: [".default", "/user_impersonation", "https://graph.microsoft.com/User.Read"],
      }),
    ).toEqual([
      "https://management.azure.com/.default",
      "https://management.azure.com/user_impersonation",
      "https://graph.microsoft.com/User.Read",
    ]);
  });

  it("asks for each scope once", () => {
    expect(resourceScopes({ resource: AZURE_CLOUD.graph.resource, scopes: ["User.Read", "User.Read"] })).toEqual([
      "https://graph.microsoft.com/User.Read",
    ]);
  });
});

describe("tenant authority", () => {
  it("signs in through /organizations before a tenant is chosen", () => {
    expect(tenantAuthority(AZURE_CLOUD)).toBe("https://login.microsoftonline.com/organizations");
    expect(tenantAuthority(AZURE_CLOUD, "")).toBe("https://login.microsoftonline.com/organizations");
  });

  it("asks the chosen tenant's authority for its tokens", () => {
    expect(tenantAuthority(AZURE_CLOUD, "72F988BF-86F1-41AF-91AB-2D7CD011DB47")).toBe(
      "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47",
    );
    expect(tenantAuthority(AZURE_CHINA_CLOUD, "contoso.partner.onmschina.cn")).toBe(
      "https://login.chinacloudapi.cn/contoso.partner.onmschina.cn",
    );
  });

  it("refuses a tenant that would change the authority's path", () => {
    expect(() => tenantAuthority(AZURE_CLOUD, "../common")).toThrow(/not a tenant id/);
    expect(() => tenantAuthority(AZURE_CLOUD, "x/oauth2")).toThrow(/not a tenant id/);
  });

  it("reads the home tenant out of msal's homeAccountId", () => {
    expect(homeTenantOf("0c0b3cde-9e4a-4a5e-9f08-4f3a3b2c1d0e.72f988bf-86f1-41af-91ab-2d7cd011db47")).toBe(
      "72f988bf-86f1-41af-91ab-2d7cd011db47",
    );
    expect(homeTenantOf("not-an-account")).toBeUndefined();
  });
});
