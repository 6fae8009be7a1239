import {
  BrowserAuthError,
  InteractionRequiredAuthError,
  type AccountInfo,
  type AuthenticationResult,
  type IPublicClientApplication,
  type PopupRequest,
  type SilentRequest,
} from "@azure/msal-browser";
import { MsalSignInClient } from "../../../../src/clients/auth/msalSignInClient";
import { SignInCancelledError } from "../../../../src/clients/auth/signInErrors";
import type { SignInMethod } from "../../../../src/clients/auth/signInTypes";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";

const HOME = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
const ACCOUNT: AccountInfo = {
  homeAccountId: `11111111-2222-4333-8444-555555555555.${HOME}`,
  environment: "login.microsoftonline.com",
  tenantId: HOME,
  username: "ada@contoso.com",
  localAccountId: "11111111-2222-4333-8444-555555555555",
  name: "Ada Admin",
};
const CONSENT = [
  { resource: AZURE_CLOUD.graph.resource, scopes: ["Application.ReadWrite.All", "User.Read"] },
  { resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"] },
];
const GRAPH = ["https://graph.microsoft.com/Application.ReadWrite.All", "https://graph.microsoft.com/User.Read"];
const ARM = ["https://management.azure.com/user_impersonation"];

function result(request: { scopes: string[] }, token: string): AuthenticationResult {
  return { accessToken: token, account: ACCOUNT, tenantId: HOME, scopes: request.scopes } as unknown as AuthenticationResult;
}

/** msal as the sign-in client uses it: silent answers come from `silent`, popups are recorded and answered. */
function fakeMsal(silent: (request: SilentRequest) => Promise<AuthenticationResult>) {
  const calls: Array<{ kind: "silent" | "popup"; request: SilentRequest | PopupRequest }> = [];
  let popups = 0;
  const app = {
    acquireTokenSilent: vi.fn(async (request: SilentRequest) => {
      calls.push({ kind: "silent", request });
      return silent(request);
    }),
    acquireTokenPopup: vi.fn(async (request: PopupRequest) => {
      calls.push({ kind: "popup", request });
      popups += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return result(request, `popup-token-${popups}`);
    }),
    clearCache: vi.fn(async () => undefined),
  };
  return {
    app,
    calls,
    client: (method: SignInMethod) =>
      new MsalSignInClient({ app: app as unknown as IPublicClientApplication, method, cloud: AZURE_CLOUD, consent: CONSENT }),
  };
}

const interactionRequired = () => Promise.reject(new InteractionRequiredAuthError("consent_required", "", "AADSTS65001: consent needed"));

describe("the msal sign-in client", () => {
  it("signs in with popups in one window that consents to Graph and ARM at once", async () => {
    const { client, calls } = fakeMsal(interactionRequired);
    const account = await client("popup").signIn();
    expect(account).toEqual({ username: "ada@contoso.com", name: "Ada Admin", tenantId: HOME, objectId: ACCOUNT.localAccountId });
    expect(calls).toEqual([
      {
        kind: "popup",
        request: {
          scopes: GRAPH,
          authority: "https://login.microsoftonline.com/organizations",
          extraScopesToConsent: ARM,
          prompt: "select_account",
        },
      },
    ]);
  });

  it("takes the host's account silently with nested app authentication, then makes sure ARM is consented", async () => {
    const { client, calls } = fakeMsal(async (request) => result(request, "silent"));
    const signIn = client("nested");
    expect((await signIn.signIn()).username).toBe("ada@contoso.com");
    expect(calls.map((c) => [c.kind, c.request.scopes])).toEqual([
      ["silent", GRAPH],
      ["silent", ARM],
    ]);
    expect(calls[1]!.request).toMatchObject({ account: ACCOUNT, authority: `https://login.microsoftonline.com/${HOME}` });
  });

  it("asks the host interactively at sign-in when consent is missing", async () => {
    let consented = false;
    const { app, client, calls } = fakeMsal((request) => (consented ? Promise.resolve(result(request, "silent")) : interactionRequired()));
    app.acquireTokenPopup.mockImplementationOnce(async (request: PopupRequest) => {
      calls.push({ kind: "popup", request });
      consented = true;
      return result(request, "popup");
    });
    await client("nested").signIn();
    // Graph: silent, then the host's prompt; ARM: silent again, already consented by the administrator's prompt.
    expect(calls.map((c) => c.kind)).toEqual(["silent", "popup", "silent"]);
  });

  it("gets a token per resource silently, from the chosen tenant's authority", async () => {
    const { client, calls } = fakeMsal(async (request) => result(request, `token for ${request.scopes.join(" ")} at ${request.authority}`));
    const signIn = client("popup");
    await signIn.signIn();
    const token = await signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"], tenantId: OTHER });
    expect(token).toBe(`token for ${ARM[0]} at https://login.microsoftonline.com/${OTHER}`);
    expect(calls.map((c) => c.kind)).toEqual(["popup", "silent"]);
  });

  it("goes interactive only when Entra requires it", async () => {
    const { client, calls } = fakeMsal(interactionRequired);
    const signIn = client("popup");
    await signIn.signIn();
    expect(await signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"] })).toBe("popup-token-2");
    expect(calls.map((c) => c.kind)).toEqual(["popup", "silent", "popup"]);
    expect(calls[2]!.request).toMatchObject({ scopes: ARM, account: ACCOUNT, authority: `https://login.microsoftonline.com/${HOME}` });
  });

  it("meets a claims challenge interactively, with the claims, never from the cache", async () => {
    const { client, calls } = fakeMsal(async (request) => result(request, "cached"));
    const signIn = client("popup");
    await signIn.signIn();
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    await signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"], claims });
    expect(calls.slice(1)).toEqual([
      { kind: "popup", request: { scopes: ARM, account: ACCOUNT, authority: `https://login.microsoftonline.com/${HOME}`, claims } },
    ]);
  });

  it("opens one window at a time, and a request that waited tries silently again first", async () => {
    let consented = false;
    const { app, client, calls } = fakeMsal((request) =>
      consented ? Promise.resolve(result(request, "silent after consent")) : interactionRequired(),
    );
    const signIn = client("popup");
    await signIn.signIn();
    app.acquireTokenPopup.mockImplementation(async (request: PopupRequest) => {
      calls.push({ kind: "popup", request });
      await new Promise((resolve) => setTimeout(resolve, 5));
      consented = true;
      return result(request, "popup");
    });
    const tokens = await Promise.all([
      signIn.getToken({ resource: AZURE_CLOUD.graph.resource, scopes: ["User.Read"] }),
      signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"] }),
    ]);
    expect(tokens).toEqual(["popup", "silent after consent"]);
    expect(calls.filter((c) => c.kind === "popup")).toHaveLength(2); // the sign-in's and one more, not two more
  });

  it("asks the host for another tenant's token instead of taking the home tenant's from its cache", async () => {
    const { client, calls } = fakeMsal(async (request) => result(request, "t"));
    const signIn = client("nested");
    await signIn.signIn();
    await signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"], tenantId: OTHER });
    expect(calls.at(-1)!.request).toMatchObject({ authority: `https://login.microsoftonline.com/${OTHER}`, cacheLookupPolicy: 5 });
    await signIn.getToken({ resource: AZURE_CLOUD.arm.resource, scopes: ["user_impersonation"] });
    expect(calls.at(-1)!.request).not.toHaveProperty("cacheLookupPolicy");
  });

  it("turns a closed sign-in window into a cancellation", async () => {
    const { app, client } = fakeMsal(interactionRequired);
    app.acquireTokenPopup.mockRejectedValueOnce(new BrowserAuthError("user_cancelled", ""));
    await expect(client("popup").signIn()).rejects.toBeInstanceOf(SignInCancelledError);
  });

  it("refuses tokens before sign-in, and forgets the account (and its tokens) at sign-out", async () => {
    const { app, client } = fakeMsal(interactionRequired);
    const signIn = client("popup");
    await expect(signIn.getToken({ resource: AZURE_CLOUD.graph.resource, scopes: ["User.Read"] })).rejects.toThrow(/Sign in/);
    await signIn.signIn();
    await signIn.signOut();
    expect(signIn.account()).toBeUndefined();
    expect(app.clearCache).toHaveBeenCalledWith({ account: ACCOUNT });
  });
});
