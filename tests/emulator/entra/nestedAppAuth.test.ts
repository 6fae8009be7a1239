import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { processNestedAppAuthRequest, type BridgeResponse } from "../../../emulator/model/entra";
import { SEED } from "../../../emulator/model/seed";
import { ARM, claimsOf, CLIENT_ID, GRAPH_READ, GRAPH_WRITE, MFA_CHALLENGE, newBox, request } from "./entraKit";

/** A request envelope exactly as msal-browser's BridgeProxy builds it. */
function envelope(method: string, tokenParams?: Record<string, unknown>): string {
  return JSON.stringify({
    messageType: "NestedAppAuthRequest",
    method,
    requestId: "6f0d7a4e-2f55-4c6d-9d5a-111111111111",
    sendTime: 1767225600000,
    clientLibrary: "msal.js.browser",
    clientLibraryVersion: "5.30.0",
    ...(tokenParams ? { tokenParams } : {}),
  });
}

function tokenParams(scope: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clientId: CLIENT_ID,
    authority: "https://login.microsoftonline.com/organizations/",
    scope,
    correlationId: "c0ffee00-0000-4000-8000-000000000000",
    authenticationScheme: "Bearer",
    extraParameters: {},
    ...extra,
  };
}

function ask(box: AzureInABox, method: string, params?: Record<string, unknown>): BridgeResponse {
  return JSON.parse(processNestedAppAuthRequest(box, envelope(method, params))) as BridgeResponse;
}

describe("nested app authentication: the host's side of msal's bridge", () => {
  it("answers the SDK's Ping", () => {
    const answer = JSON.parse(
      processNestedAppAuthRequest(
        newBox(),
        JSON.stringify({ messageType: "NestedAppAuthRequest", method: "Ping", requestId: "naa-init-ping" }),
      ),
    );
    expect(answer).toEqual({ messageType: "NestedAppAuthResponse", requestId: "naa-init-ping", success: true });
  });

  it("describes itself and the signed-in account in GetInitContext", () => {
    const answer = ask(newBox(), "GetInitContext");
    expect(answer).toMatchObject({
      messageType: "NestedAppAuthResponse",
      requestId: "6f0d7a4e-2f55-4c6d-9d5a-111111111111",
      success: true,
    });
    expect(answer.initContext).toMatchObject({
      sdkName: expect.any(String),
      sdkVersion: expect.any(String),
      capabilities: { queryAccount: false },
      accountContext: {
        homeAccountId: `${SEED.users.admin}.${SEED.tenantId}`,
        environment: "login.microsoftonline.com",
        tenantId: SEED.tenantId,
      },
    });
  });

  it("brokers a Graph token with the token and account fields msal maps, silently once consented", () => {
    const box = newBox();
    const answer = ask(box, "GetTokenPopup", tokenParams(GRAPH_WRITE));
    expect(answer.success).toBe(true);
    expect(answer.token).toMatchObject({
      expires_in: 3600,
      scope: GRAPH_WRITE,
      authority: `https://login.microsoftonline.com/${SEED.tenantId}`,
      properties: null,
    });
    expect(answer.account).toEqual({
      homeAccountId: `${SEED.users.admin}.${SEED.tenantId}`,
      environment: "login.microsoftonline.com",
      tenantId: SEED.tenantId,
      username: "admin@contoso.onmicrosoft.com",
      localAccountId: SEED.users.admin,
      name: "Ada Admin",
    });
    expect(claimsOf(answer.token?.access_token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      scp: "Application.ReadWrite.All",
      appid: CLIENT_ID,
    });
    expect(claimsOf(answer.token?.id_token)).toMatchObject({ aud: CLIENT_ID, tid: SEED.tenantId });

    expect(ask(box, "GetToken", tokenParams(GRAPH_READ)).success).toBe(true);
  });

  it("reports USER_INTERACTION_REQUIRED with code consent_required when a silent request lacks consent", () => {
    const answer = ask(newBox(SEED.users.member), "GetToken", tokenParams(GRAPH_WRITE));
    expect(answer.success).toBe(false);
    expect(answer.error).toMatchObject({
      status: "USER_INTERACTION_REQUIRED",
      code: "consent_required",
      description: expect.stringMatching(/^AADSTS65001: /),
    });
  });

  it("lets an administrator grant consent in GetTokenPopup, after which GetToken works for everyone", () => {
    const box = newBox(SEED.users.admin);
    expect(ask(box, "GetTokenPopup", tokenParams(GRAPH_WRITE)).success).toBe(true);
    box.knobs.signedInUserId = SEED.users.member;
    expect(ask(box, "GetToken", tokenParams(GRAPH_WRITE)).success).toBe(true);
  });

  it("fails GetTokenPopup for an ordinary user who cannot consent (access_denied, AADSTS65004)", () => {
    const answer = ask(newBox(SEED.users.member), "GetTokenPopup", tokenParams(GRAPH_WRITE));
    expect(answer.error).toMatchObject({ status: "PERSISTENT_ERROR", code: "access_denied" });
  });

  it("needs interaction for an MFA claims challenge until a popup did MFA", () => {
    const box = newBox(SEED.users.member);
    const challenge = tokenParams(ARM, { claims: MFA_CHALLENGE });
    expect(ask(box, "GetToken", challenge).error).toMatchObject({ status: "USER_INTERACTION_REQUIRED", code: "interaction_required" });
    const stepped = ask(box, "GetTokenPopup", challenge);
    expect(claimsOf(stepped.token?.access_token).amr).toEqual(["pwd", "mfa"]);
    expect(ask(box, "GetToken", challenge).success).toBe(true);
  });

  it("asks for the tenant the authority names, and the user's home tenant without one", () => {
    const box = newBox(SEED.users.guest);
    const home = ask(box, "GetTokenPopup", tokenParams(GRAPH_READ, { authority: undefined }));
    expect(home.account).toMatchObject({ tenantId: SEED.otherTenantId, localAccountId: SEED.guestHomeUserId });
    const guest = ask(box, "GetTokenPopup", tokenParams(GRAPH_READ, { authority: `https://login.microsoftonline.com/${SEED.tenantId}` }));
    expect(guest.account).toMatchObject({
      homeAccountId: `${SEED.guestHomeUserId}.${SEED.otherTenantId}`,
      tenantId: SEED.tenantId,
      localAccountId: SEED.users.guest,
    });
  });

  it("needs interaction when the host's user is not in the tenant asked for (AADSTS50020), and fails a popup for it", () => {
    const box = newBox(SEED.guestHomeUserId);
    box.state.users = box.state.users.filter((u) => u.id !== SEED.users.guest);
    const params = tokenParams(GRAPH_READ, { authority: `https://login.microsoftonline.com/${SEED.tenantId}` });
    expect(ask(box, "GetToken", params).error).toMatchObject({
      status: "USER_INTERACTION_REQUIRED",
      code: "interaction_required",
      description: expect.stringMatching(/^AADSTS50020/),
    });
    expect(ask(box, "GetTokenPopup", params).error).toMatchObject({ status: "PERSISTENT_ERROR" });
  });

  it("fails with PERSISTENT_ERROR for an unknown client id or two resources at once", () => {
    const box = newBox();
    expect(ask(box, "GetToken", { ...tokenParams(GRAPH_READ), clientId: "66666666-0000-4000-8000-000000000000" }).error).toMatchObject({
      status: "PERSISTENT_ERROR",
      code: "unauthorized_client",
    });
    expect(ask(box, "GetTokenPopup", tokenParams(`${GRAPH_READ} ${ARM}`)).error).toMatchObject({
      status: "PERSISTENT_ERROR",
      code: "invalid_scope",
    });
  });

  it("answers malformed envelopes and unknown methods with an error instead of hanging msal", () => {
    const box = newBox();
    expect(JSON.parse(processNestedAppAuthRequest(box, "{oops"))).toMatchObject({
      messageType: "NestedAppAuthResponse",
      requestId: "",
      success: false,
    });
    expect(ask(box, "Teleport").error).toMatchObject({ status: "PERSISTENT_ERROR" });
  });

  it("returns the active account for older msal versions' GetActiveAccount", () => {
    expect(ask(newBox(), "GetActiveAccount").account).toMatchObject({
      homeAccountId: `${SEED.users.admin}.${SEED.tenantId}`,
      username: "admin@contoso.onmicrosoft.com",
    });
  });

  it("is reachable over HTTP at POST /_naa/bridge for the emulated host page", async () => {
    const box = newBox();
    box.state.tenants[0]!.adminConsentedClientIds.push(CLIENT_ID);
    const answer = await box.handleService(
      request("POST", "/_naa/bridge", {
        body: envelope("GetToken", tokenParams(GRAPH_READ)),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ messageType: "NestedAppAuthResponse", success: true, token: { scope: GRAPH_READ } });
  });
});
