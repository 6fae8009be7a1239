import { SEED } from "../../../emulator/model/seed";
import {
  ARM,
  authorize,
  claimsOf,
  CLIENT_ID,
  errorOf,
  GRAPH_READ,
  GRAPH_WRITE,
  newBox,
  redeemCode,
  redirectParams,
  refresh,
  request,
  START,
  type TokenBody,
} from "./entraKit";

const nowSeconds = Math.floor(START.getTime() / 1000);

describe("popup sign-in: authorization code with PKCE", () => {
  it("redirects back with a code, client_info, session_state and the state, in the fragment msal asked for", async () => {
    const box = newBox();
    const { response } = await authorize(box);
    const location = new URL(response.headers?.["location"] ?? "");
    expect(`${location.origin}${location.pathname}`).toBe("http://localhost:5173/");
    expect(location.search).toBe("");
    const params = redirectParams(response);
    expect(params.get("code")).toBeTruthy();
    expect(params.get("state")).toBe("state-123");
    expect(params.get("session_state")).toBeTruthy();
    expect(JSON.parse(Buffer.from(params.get("client_info") ?? "", "base64url").toString())).toEqual({
      uid: SEED.users.admin,
      utid: SEED.tenantId,
    });
  });

  it("redeems the code for tokens shaped like Entra's answer", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box);
    const answer = await redeemCode(box, redirectParams(response).get("code") ?? "", verifier);
    expect(answer.status).toBe(200);
    const body = answer.body as TokenBody;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600, scope: `${GRAPH_WRITE} openid profile` });
    expect(body.refresh_token).toBeTruthy();
    expect(JSON.parse(Buffer.from(body.client_info ?? "", "base64url").toString())).toEqual({ uid: SEED.users.admin, utid: SEED.tenantId });
    expect(answer.headers?.["cache-control"]).toContain("no-store");
  });

  it("mints a v1.0 Graph access token for the signed-in user, timed by the emulator's clock", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box);
    const body = (await redeemCode(box, redirectParams(response).get("code") ?? "", verifier)).body as TokenBody;
    const access = claimsOf(body.access_token);
    expect(access).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${SEED.tenantId}/`,
      tid: SEED.tenantId,
      oid: SEED.users.admin,
      scp: "Application.ReadWrite.All",
      appid: CLIENT_ID,
      upn: "admin@contoso.onmicrosoft.com",
      name: "Ada Admin",
      ver: "1.0",
      iat: nowSeconds,
      nbf: nowSeconds,
      exp: nowSeconds + 3600,
      amr: ["pwd", "mfa"],
    });
    expect(access.wids).toContain("62e90394-69f5-4237-9190-012177145e10");
  });

  it("mints an id token for the client with the request's nonce", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box, { nonce: "n-789" });
    const body = (await redeemCode(box, redirectParams(response).get("code") ?? "", verifier)).body as TokenBody;
    const id = claimsOf(body.id_token);
    expect(id).toMatchObject({
      aud: CLIENT_ID,
      iss: `https://login.microsoftonline.com/${SEED.tenantId}/v2.0`,
      nonce: "n-789",
      tid: SEED.tenantId,
      oid: SEED.users.admin,
      preferred_username: "admin@contoso.onmicrosoft.com",
      ver: "2.0",
      exp: nowSeconds + 3600,
    });
    expect(id.sub).not.toBe(SEED.users.admin);
    expect(id.sid).toBe(redirectParams(response).get("session_state"));
  });

  it("gives the token the audience of the scope's resource: Graph by URI or short name, ARM as written", async () => {
    const box = newBox();
    const graphByName = await authorize(box, { scope: "User.Read openid profile offline_access" });
    const byName = (
      await redeemCode(box, redirectParams(graphByName.response).get("code") ?? "", graphByName.verifier, {
        scope: "User.Read openid profile offline_access",
      })
    ).body as TokenBody;
    expect(claimsOf(byName.access_token).aud).toBe("00000003-0000-0000-c000-000000000000");
    expect(byName.scope).toBe("User.Read openid profile");

    const arm = await authorize(box, { scope: `${ARM} openid profile offline_access` });
    const armBody = (
      await redeemCode(box, redirectParams(arm.response).get("code") ?? "", arm.verifier, { scope: `${ARM} openid profile offline_access` })
    ).body as TokenBody;
    expect(claimsOf(armBody.access_token)).toMatchObject({ aud: "https://management.azure.com", scp: "user_impersonation" });
    expect(armBody.scope).toBe(ARM);
  });

  it("answers in the query or as an auto-posting form when response_mode says so", async () => {
    const box = newBox();
    const query = await authorize(box, { responseMode: "query" });
    expect(new URL(query.response.headers?.["location"] ?? "").searchParams.get("code")).toBeTruthy();

    const form = await authorize(box, { responseMode: "form_post" });
    expect(form.response.status).toBe(200);
    expect(form.response.body).toMatch(/<form method="POST" name="hiddenform" action="http:\/\/localhost:5173\/">/);
    expect(form.response.body).toMatch(/name="code" value="[^"]+"/);
    expect(form.response.body).toMatch(/name="state" value="state-123"/);
  });

  it("accepts a form-posted authorize request (msal's httpMethod POST)", async () => {
    const box = newBox();
    const params = new URLSearchParams({
      client_id: CLIENT_ID,
      scope: `${GRAPH_READ} openid`,
      redirect_uri: "http://localhost:5173/",
      response_type: "code",
      response_mode: "fragment",
      state: "s",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    });
    const response = await box.handleService(
      request("POST", "/organizations/oauth2/v2.0/authorize?client-request-id=x", { body: params.toString() }),
    );
    expect(redirectParams(response).get("code")).toBeTruthy();
  });

  it("exchanges the refresh token for an ARM token without another sign-in (one resource per token)", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box, { scope: `${GRAPH_WRITE} openid profile offline_access`, extra: {} });
    const first = (await redeemCode(box, redirectParams(response).get("code") ?? "", verifier)).body as TokenBody;
    const armAnswer = await refresh(box, first.refresh_token ?? "", { scope: `${ARM} openid profile offline_access` });
    expect(armAnswer.status).toBe(200);
    const arm = armAnswer.body as TokenBody;
    expect(claimsOf(arm.access_token).aud).toBe("https://management.azure.com");
    expect(arm.refresh_token).toBeTruthy();
    expect(arm.refresh_token).not.toBe(first.refresh_token);
    expect(claimsOf(arm.id_token).nonce).toBeUndefined();
  });

  it("returns a refresh token only for offline_access, an id token only for openid, client_info only when asked", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box);
    const bare = await box.handleService(
      request("POST", "/organizations/oauth2/v2.0/token", {
        headers: { origin: "http://localhost:5173" },
        body: {
          client_id: CLIENT_ID,
          redirect_uri: "http://localhost:5173/",
          scope: GRAPH_WRITE,
          code: redirectParams(response).get("code") ?? "",
          code_verifier: verifier,
          grant_type: "authorization_code",
        },
      }),
    );
    expect(Object.keys(bare.body as object).sort()).toEqual(["access_token", "expires_in", "ext_expires_in", "scope", "token_type"]);
  });

  it("answers a sign-in with only OpenID scopes with a Graph token carrying those scopes", async () => {
    const box = newBox();
    const { response, verifier } = await authorize(box, { scope: "openid profile offline_access" });
    const body = (await redeemCode(box, redirectParams(response).get("code") ?? "", verifier, { scope: "openid profile offline_access" }))
      .body as TokenBody;
    expect(body.scope).toBe("openid profile");
    expect(claimsOf(body.access_token)).toMatchObject({ aud: "00000003-0000-0000-c000-000000000000", scp: "openid profile" });
  });

  it("refuses a token request that mixes two resources (AADSTS28000) although authorize may gather consent for both", async () => {
    const box = newBox();
    const both = `${GRAPH_WRITE} ${ARM} openid profile offline_access`;
    const { response, verifier } = await authorize(box, { scope: both });
    const code = redirectParams(response).get("code") ?? "";
    expect(code).toBeTruthy();
    const mixed = await redeemCode(box, code, verifier, { scope: both });
    expect(mixed.status).toBe(400);
    expect(errorOf(mixed)).toMatchObject({ error: "invalid_scope", error_codes: [28000] });
    expect(errorOf(mixed).error_description).toMatch(
      /^AADSTS28000: .*\r\nTrace ID: .*\r\nCorrelation ID: abc\r\nTimestamp: 2026-03-02 09:00:00Z$/s,
    );
  });
});
