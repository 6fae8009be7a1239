import {
  BrowserAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
  type PopupRequest,
  type SilentRequest,
} from "@azure/msal-browser";
import { cloudAllowsNestedAppAuth, createSignInClient } from "../../../../src/clients/auth/createSignInClient";
import { MsalSignInClient } from "../../../../src/clients/auth/msalSignInClient";
import { ARM_SCOPES, GRAPH_SCOPES, hubConsent } from "../../../../src/clients/auth/tokenScopes";
import { describeError } from "../../../../src/platform/describeError";
import { AZURE_CHINA_CLOUD, AZURE_CLOUD, AZURE_US_GOVERNMENT } from "../../../../src/platform/clouds";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const ACCOUNT: AccountInfo = {
  homeAccountId: `11111111-2222-4333-8444-555555555555.${TENANT}`,
  environment: "login.microsoftonline.com",
  tenantId: TENANT,
  username: "ada@contoso.com",
  localAccountId: "11111111-2222-4333-8444-555555555555",
  name: "Ada Admin",
};

function fakeApp(name: string, options: { silent?: () => Promise<AuthenticationResult> } = {}) {
  const popups: PopupRequest[] = [];
  const silents: SilentRequest[] = [];
  const app = {
    acquireTokenSilent: vi.fn(async (request: SilentRequest) => {
      silents.push(request);
      if (options.silent) return options.silent();
      return {
        accessToken: `${name}-silent`,
        account: ACCOUNT,
        tenantId: TENANT,
        scopes: request.scopes,
      } as unknown as AuthenticationResult;
    }),
    acquireTokenPopup: vi.fn(async (request: PopupRequest) => {
      popups.push(request);
      return {
        accessToken: `${name}-popup`,
        account: { ...ACCOUNT, username: "other@fabrikam.com" },
        tenantId: TENANT,
        scopes: request.scopes,
      } as unknown as AuthenticationResult;
    }),
    clearCache: vi.fn(async () => undefined),
  };
  return { app: app as unknown as IPublicClientApplication, popups, silents };
}

describe("where the hub signs in", () => {
  it("signs in at the organization's default directory when settings name one, else at /organizations", async () => {
    const single = fakeApp("popup");
    await new MsalSignInClient({
      app: single.app,
      method: "popup",
      cloud: AZURE_CLOUD,
      consent: hubConsent(AZURE_CLOUD),
      signInTenantId: TENANT,
    }).signIn();
    expect(single.popups[0]!.authority).toBe(`https://login.microsoftonline.com/${TENANT}`);

    const multi = fakeApp("popup");
    await new MsalSignInClient({
      app: multi.app,
      method: "popup",
      cloud: AZURE_US_GOVERNMENT,
      consent: hubConsent(AZURE_US_GOVERNMENT),
    }).signIn();
    expect(multi.popups[0]!.authority).toBe("https://login.microsoftonline.us/organizations");
  });

  it("keeps the hub's scopes with sign-in: Graph first, then ARM, qualified by the cloud", () => {
    expect(hubConsent(AZURE_CHINA_CLOUD)).toEqual([
      { resource: "https://microsoftgraph.chinacloudapi.cn", scopes: [...GRAPH_SCOPES] },
      { resource: "https://management.chinacloudapi.cn", scopes: [...ARM_SCOPES] },
    ]);
  });
});

describe("nested app authentication, cloud by cloud", () => {
  it("is used for Azure only; Azure Government and Azure operated by 21Vianet sign in through pop-ups", () => {
    expect(cloudAllowsNestedAppAuth(AZURE_CLOUD)).toBe(true);
    expect(cloudAllowsNestedAppAuth(AZURE_US_GOVERNMENT)).toBe(false);
    expect(cloudAllowsNestedAppAuth(AZURE_CHINA_CLOUD)).toBe(false);
  });

  it("does not even ask the host for its bridge in a sovereign cloud", async () => {
    const enable = vi.fn(async () => undefined);
    const client = await createSignInClient({
      cloud: AZURE_US_GOVERNMENT,
      clientId: "00000000-0000-0000-0000-000000000001",
      popupRelayUri: "https://publisher.gallerycdn.vsassets.io/popup-relay.html",
      redirectUri: "https://publisher.gallerycdn.vsassets.io/redirect-bridge.html",
      consent: hubConsent(AZURE_US_GOVERNMENT),
      enableNestedAppAuth: enable,
    });
    expect(enable).not.toHaveBeenCalled();
    expect(client.method).toBe("popup");
  });
});

describe("signing in with a pop-up window instead of the host", () => {
  it("signs in with another account through a pop-up even where nested sign-in works, and stays on pop-ups", async () => {
    const nested = fakeApp("nested");
    const popup = fakeApp("popup");
    const client = new MsalSignInClient({
      app: nested.app,
      method: "nested",
      cloud: AZURE_CLOUD,
      consent: hubConsent(AZURE_CLOUD),
      signInTenantId: TENANT,
      popupApp: async () => popup.app,
    });
    await client.signIn();
    expect(client.account()?.username).toBe("ada@contoso.com");

    const other = await client.signInWithPopup!();
    expect(other.username).toBe("other@fabrikam.com");
    expect(client.method).toBe("popup");
    expect(popup.popups).toHaveLength(1);
    expect(popup.popups[0]).toMatchObject({ prompt: "select_account", authority: `https://login.microsoftonline.com/${TENANT}` });
    // Later tokens come from the pop-up application, not from the host.
    expect(await client.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"] })).toBe("popup-silent");
  });

  it("says a pop-up can get past a nested sign-in the host could not complete", async () => {
    const nested = fakeApp("nested", { silent: () => Promise.reject(new BrowserAuthError("nested_app_auth_bridge_disabled", "")) });
    const popup = fakeApp("popup");
    const client = new MsalSignInClient({
      app: nested.app,
      method: "nested",
      cloud: AZURE_CLOUD,
      consent: hubConsent(AZURE_CLOUD),
      popupApp: async () => popup.app,
    });
    const failure = await client.signIn().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(describeError(failure, { step: "Signing in" }).remedy).toBe("signInWithPopup");
    await client.signInWithPopup!();
    expect(client.account()).toBeDefined();
  });
});
