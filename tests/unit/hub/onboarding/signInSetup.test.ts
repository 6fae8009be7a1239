// @vitest-environment node
import { AZURE_CHINA_CLOUD, AZURE_CLOUD, AZURE_US_GOVERNMENT } from "../../../../src/platform/clouds";
import { ARM_SCOPES, GRAPH_SCOPES } from "../../../../src/workflows/session/azureSession";
import {
  adminConsentUrl,
  isVersionedContentUrl,
  NESTED_APP_AUTH_REDIRECT_URI,
  newAppRegistrationUrl,
  popupRedirectUri,
  popupRelayUri,
  SIGN_IN_API_PERMISSIONS,
} from "../../../../src/workflows/settings/settingsSignInSetup";

/** What registering the sign-in app takes, computed for where the hub runs. */
const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const MARKETPLACE_PAGE =
  "https://arm-connection-tools.gallerycdn.vsassets.io/extensions/arm-connection-tools/arm-connection-hub/0.1.0/1764158400000/dist/hub.html";

describe("the sign-in app's registration", () => {
  it("keeps nested app authentication's redirect URI, which belongs to Azure DevOps, in one constant", () => {
    expect(NESTED_APP_AUTH_REDIRECT_URI).toBe("https://dev.azure.com/_public/_MsalPopup");
  });

  it("computes the popup redirect URI from where the hub is served", () => {
    expect(popupRedirectUri(MARKETPLACE_PAGE)).toBe(MARKETPLACE_PAGE.replace("hub.html", "redirect-bridge.html"));
    expect(popupRedirectUri("https://localhost:7443/dist/settings.html?x=1#y")).toBe("https://localhost:7443/dist/redirect-bridge.html");
    expect(popupRelayUri("http://localhost:7001/hub.html")).toBe("http://localhost:7001/popup-relay.html");
  });

  it("warns that the Marketplace's content address changes with each version, and not for self-hosted content", () => {
    expect(isVersionedContentUrl(MARKETPLACE_PAGE)).toBe(true);
    expect(isVersionedContentUrl("https://localhost:7443/dist/hub.html")).toBe(false);
    expect(isVersionedContentUrl("not a url")).toBe(false);
  });

  it("lists exactly the delegated permissions the hub asks tokens for, saying which need admin consent and why", () => {
    expect(SIGN_IN_API_PERMISSIONS.map((p) => p.permission)).toEqual([...GRAPH_SCOPES, ...ARM_SCOPES]);
    for (const permission of SIGN_IN_API_PERMISSIONS) {
      expect(permission.api).not.toBe("");
      expect(permission.why).not.toBe("");
    }
    expect(SIGN_IN_API_PERMISSIONS.filter((p) => p.adminConsentRequired).map((p) => p.permission)).toEqual(["Application.ReadWrite.All"]);
    expect(SIGN_IN_API_PERMISSIONS.find((p) => p.permission === "user_impersonation")?.api).toBe("Azure Service Management");
  });

  it.each([
    [AZURE_CLOUD, "https://login.microsoftonline.com"],
    [AZURE_US_GOVERNMENT, "https://login.microsoftonline.us"],
    [AZURE_CHINA_CLOUD, "https://login.chinacloudapi.cn"],
  ])("builds the admin-consent link on %s's authority", (cloud, authority) => {
    expect(adminConsentUrl(cloud, CLIENT_ID, "72f988bf-86f1-41af-91ab-2d7cd011db47")).toBe(
      `${authority}/72f988bf-86f1-41af-91ab-2d7cd011db47/adminconsent?client_id=${CLIENT_ID}`,
    );
    expect(adminConsentUrl(cloud, CLIENT_ID)).toBe(`${authority}/organizations/adminconsent?client_id=${CLIENT_ID}`);
  });

  it("gives no link without a client ID, and lets no typed directory change the link's host or path", () => {
    expect(adminConsentUrl(AZURE_CLOUD, "not-a-guid")).toBeUndefined();
    expect(adminConsentUrl(AZURE_CLOUD, CLIENT_ID, "evil.example/../x?")).toBe(
      `https://login.microsoftonline.com/organizations/adminconsent?client_id=${CLIENT_ID}`,
    );
    expect(adminConsentUrl(AZURE_CLOUD, CLIENT_ID, "contoso.onmicrosoft.com")).toBe(
      `https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=${CLIENT_ID}`,
    );
  });

  it("points at each cloud's own Entra admin center to register the app", () => {
    expect(newAppRegistrationUrl(AZURE_CLOUD)).toMatch(
      /^https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_RegisteredApps\/CreateApplicationBlade$/,
    );
    expect(newAppRegistrationUrl(AZURE_US_GOVERNMENT)).toMatch(/^https:\/\/entra\.microsoft\.us\//);
    expect(newAppRegistrationUrl(AZURE_CHINA_CLOUD)).toMatch(/^https:\/\/entra\.microsoftonline\.cn\//);
  });
});
