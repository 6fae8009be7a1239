import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { processNestedAppAuthRequest, type BridgeResponse } from "../../../emulator/model/entra";
import { SEED } from "../../../emulator/model/seed";
import { authorize, CLIENT_ID, errorOf, GRAPH_READ, GRAPH_WRITE, newBox, redeemCode, redirectParams } from "./entraKit";

/**
 * The setup errors a hub meets when its sign-in app is registered the wrong way (CONTRACTS.md §6), on both paths:
 * the popup's /authorize + /token, and the nested-app-auth bridge (msal's protocol: error {status, code, description}).
 */
function pageCode(body: unknown): string | undefined {
  return /data-code="(AADSTS\d+)"/.exec(String(body))?.[1];
}

function bridge(
  box: AzureInABox,
  method: "GetToken" | "GetTokenPopup",
  scope: string,
  authority = "https://login.microsoftonline.com/organizations/",
  clientId = CLIENT_ID,
): BridgeResponse {
  const tokenParams = {
    clientId,
    authority,
    scope,
    correlationId: "c0ffee00-0000-4000-8000-000000000000",
    authenticationScheme: "Bearer",
    extraParameters: {},
  };
  return JSON.parse(
    processNestedAppAuthRequest(box, JSON.stringify({ messageType: "NestedAppAuthRequest", method, requestId: "r-1", tokenParams })),
  ) as BridgeResponse;
}

function singleTenant(box: AzureInABox): string {
  const app = box.state.signInApps[0]!;
  app.signInAudience = "AzureADMyOrg";
  return `AADSTS50194: Application '${app.clientId}'(${app.displayName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`;
}

describe("a single-tenant sign-in app at /organizations or /common: AADSTS50194", () => {
  it("on the popup path: Entra's error page, for both authorities", async () => {
    const box = newBox();
    const text = singleTenant(box);
    for (const tenant of ["organizations", "common"]) {
      const { response } = await authorize(box, { tenant });
      expect(pageCode(response.body)).toBe("AADSTS50194");
      expect(String(response.body).replace(/&#39;/g, "'")).toContain(text);
    }
  });

  it("on the nested-app-auth bridge: a persistent error with the full text, silently and interactively, for both authorities", () => {
    const box = newBox();
    const text = singleTenant(box);
    for (const authority of ["https://login.microsoftonline.com/organizations/", "https://login.microsoftonline.com/common/"]) {
      for (const method of ["GetToken", "GetTokenPopup"] as const) {
        const answer = bridge(box, method, GRAPH_WRITE, authority);
        expect(answer.success).toBe(false);
        expect(answer.error).toEqual({ status: "PERSISTENT_ERROR", code: "invalid_request", description: text });
      }
    }
    expect(bridge(box, "GetTokenPopup", GRAPH_WRITE, `https://login.microsoftonline.com/${SEED.tenantId}/`).success).toBe(true);
  });

  it("an unknown client id on the bridge: AADSTS700016", () => {
    const answer = bridge(
      newBox(),
      "GetTokenPopup",
      GRAPH_WRITE,
      `https://login.microsoftonline.com/${SEED.tenantId}/`,
      "0e0e0e0e-0000-4000-8000-000000000000",
    );
    expect(answer.error).toMatchObject({ status: "PERSISTENT_ERROR", code: "unauthorized_client" });
    expect(answer.error?.description).toMatch(
      /^AADSTS700016: Application with identifier '0e0e0e0e-0000-4000-8000-000000000000' was not found in the directory 'Contoso'/,
    );
  });
});

describe("a redirect URI registered on the Web platform instead of Single-page application: AADSTS9002326", () => {
  it("authorizes, but refuses the browser's cross-origin redemption of the code", async () => {
    const box = newBox();
    const web = "https://hub.example/auth/redirect";
    box.state.signInApps[0]!.webRedirectUris = [web];
    const { response, verifier } = await authorize(box, { redirectUri: web });
    const code = redirectParams(response).get("code")!;
    expect(code).toBeTruthy();
    const token = await redeemCode(box, code, verifier, { redirectUri: web, origin: "https://hub.example" });
    expect(token.status).toBe(400);
    expect(errorOf(token)).toMatchObject({ error: "invalid_request" });
    expect(errorOf(token).error_description).toMatch(
      /^AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type\. Request origin: 'https:\/\/hub\.example'\./,
    );
  });
});

describe("consent an ordinary user cannot give: AADSTS65004 or AADSTS90094", () => {
  it("by default the user returns from 'Need admin approval' to the app: AADSTS65004", async () => {
    const box = newBox(SEED.users.member);
    const params = redirectParams((await authorize(box, { tenant: SEED.tenantId })).response);
    expect(params.get("error_description")).toMatch(/^AADSTS65004: /);
  });

  it("with knobs.needAdminApproval = stay: AADSTS90094 on Entra's page (no redirect), and as the bridge's error", async () => {
    const box = newBox(SEED.users.member);
    box.knobs.needAdminApproval = "stay";
    const { response } = await authorize(box, { tenant: SEED.tenantId });
    expect(response.status).not.toBe(302);
    expect(pageCode(response.body)).toBe("AADSTS90094");
    const answer = bridge(box, "GetTokenPopup", GRAPH_WRITE);
    expect(answer.error).toMatchObject({ status: "PERSISTENT_ERROR", description: "AADSTS90094: The grant requires admin permission." });
    // Silently it is the consent-required error msal turns into InteractionRequiredAuthError.
    expect(bridge(box, "GetToken", GRAPH_WRITE).error).toMatchObject({ status: "USER_INTERACTION_REQUIRED", code: "consent_required" });
  });

  it("a tenant that does not allow user consent needs an administrator even for User.Read", async () => {
    const box = newBox(SEED.users.member);
    expect(bridge(box, "GetTokenPopup", GRAPH_READ).success).toBe(true);
    const strict = newBox(SEED.users.member);
    strict.state.tenants.find((t) => t.id === SEED.tenantId)!.usersCanConsent = false;
    strict.knobs.needAdminApproval = "stay";
    expect(bridge(strict, "GetTokenPopup", GRAPH_READ).error?.description).toMatch(/^AADSTS90094: /);
    // An administrator consents for the organization, after which the member gets the token.
    strict.knobs.signedInUserId = SEED.users.admin;
    expect(bridge(strict, "GetTokenPopup", GRAPH_READ).success).toBe(true);
    strict.knobs.signedInUserId = SEED.users.member;
    expect(bridge(strict, "GetTokenPopup", GRAPH_READ).success).toBe(true);
  });
});
