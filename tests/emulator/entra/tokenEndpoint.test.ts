import { SEED } from "../../../emulator/model/seed";
import { ARM, authorize, CLIENT_ID, errorOf, newBox, pkcePair, redeemCode, redirectParams, refresh, request, signIn } from "./entraKit";

async function freshCode(box = newBox(), options: Parameters<typeof authorize>[1] = {}) {
  const { response, verifier } = await authorize(box, options);
  return { box, code: redirectParams(response).get("code") ?? "", verifier };
}

const HOUR = 60 * 60 * 1000;

describe("token endpoint: authorization codes", () => {
  it("redeems a code once only (AADSTS54005)", async () => {
    const { box, code, verifier } = await freshCode();
    expect((await redeemCode(box, code, verifier)).status).toBe(200);
    const again = await redeemCode(box, code, verifier);
    expect(errorOf(again)).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("lets a code expire after ten minutes, judged by the emulator's clock (AADSTS70008)", async () => {
    const { box, code, verifier } = await freshCode();
    box.clock.advance(10 * 60 * 1000);
    expect(errorOf(await redeemCode(box, code, verifier))).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
  });

  it("checks the PKCE verifier against the challenge (AADSTS501481), and keeps the code for a correct retry", async () => {
    const { box, code, verifier } = await freshCode();
    expect(errorOf(await redeemCode(box, code, pkcePair().verifier))).toMatchObject({ error: "invalid_grant", error_codes: [501481] });
    expect((await redeemCode(box, code, verifier)).status).toBe(200);
  });

  it("will not redeem cross-origin a code issued without PKCE (AADSTS9002325)", async () => {
    const { box, code, verifier } = await freshCode(newBox(), { challenge: null });
    expect(errorOf(await redeemCode(box, code, verifier))).toMatchObject({ error: "invalid_request", error_codes: [9002325] });
  });

  it("redeems SPA codes only in cross-origin requests, i.e. with an Origin header (AADSTS9002327)", async () => {
    const { box, code, verifier } = await freshCode();
    expect(errorOf(await redeemCode(box, code, verifier, { origin: null }))).toMatchObject({
      error: "invalid_request",
      error_codes: [9002327],
    });
  });

  it("insists on the redirect URI of the authorize request, the same client, and the same tenant", async () => {
    const { box, code, verifier } = await freshCode();
    expect(errorOf(await redeemCode(box, code, verifier, { redirectUri: "http://localhost:5174/" })).error_codes).toEqual([500112]);
    box.state.signInApps.push({
      ...box.state.signInApps[0]!,
      clientId: "22222222-0000-4000-8000-000000000000",
      redirectUris: ["http://localhost/"],
    });
    expect(errorOf(await redeemCode(box, code, verifier, { clientId: "22222222-0000-4000-8000-000000000000" })).error_codes).toEqual([
      70000,
    ]);
    expect(errorOf(await redeemCode(box, code, verifier, { tenant: SEED.otherTenantId })).error_codes).toEqual([700005]);
    expect((await redeemCode(box, code, verifier, { tenant: "contoso.onmicrosoft.com" })).status).toBe(200);
  });

  it("needs a scope to redeem a code (AADSTS28003)", async () => {
    const { box, code, verifier } = await freshCode();
    expect(errorOf(await redeemCode(box, code, verifier, { scope: "" })).error_codes).toEqual([28003]);
  });

  it("only takes POST, and only the two grant types a single-page app uses", async () => {
    const box = newBox();
    const get = await box.handleService(request("GET", "/organizations/oauth2/v2.0/token"));
    expect(errorOf(get)).toMatchObject({ error: "invalid_request", error_codes: [900561] });
    const password = await box.handleService(
      request("POST", "/organizations/oauth2/v2.0/token", {
        headers: { origin: "http://localhost:5173" },
        body: { client_id: CLIENT_ID, grant_type: "password" },
      }),
    );
    expect(errorOf(password)).toMatchObject({ error: "unsupported_grant_type", error_codes: [70003] });
  });

  it("answers an unknown client id with unauthorized_client (AADSTS700016)", async () => {
    const { box, code, verifier } = await freshCode();
    expect(errorOf(await redeemCode(box, code, verifier, { clientId: "33333333-0000-4000-8000-000000000000" }))).toMatchObject({
      error: "unauthorized_client",
      error_codes: [700016],
    });
  });
});

describe("token endpoint: refresh tokens of a single-page app", () => {
  it("expire 24 hours after sign-in (AADSTS700084), and rotation does not extend them", async () => {
    const box = newBox();
    const first = await signIn(box);
    box.clock.advance(23 * HOUR);
    const rotated = await refresh(box, first.refresh_token ?? "");
    expect(rotated.status).toBe(200);
    const second = (rotated.body as { refresh_token: string }).refresh_token;
    box.clock.advance(HOUR);
    const expired = await refresh(box, second);
    expect(errorOf(expired)).toMatchObject({ error: "invalid_grant", error_codes: [700084] });
    expect(errorOf(expired).error_description).toContain("The token was issued on 2026-03-02T09:00:00.000Z");
  });

  it("rejects a refresh token it never issued (AADSTS9002313) or one of another client", async () => {
    const box = newBox();
    expect(errorOf(await refresh(box, "1.Anot-a-token")).error_codes).toEqual([9002313]);
    const tokens = await signIn(box);
    box.state.signInApps.push({ ...box.state.signInApps[0]!, clientId: "44444444-0000-4000-8000-000000000000" });
    expect(
      errorOf(await refresh(box, tokens.refresh_token ?? "", { clientId: "44444444-0000-4000-8000-000000000000" })).error_codes,
    ).toEqual([70000]);
  });

  it("keeps secrets out of the state: codes and refresh tokens are stored as hashes", async () => {
    const box = newBox();
    const tokens = await signIn(box);
    const stored = JSON.stringify(box.inspect().signIn);
    expect(stored).not.toContain(tokens.refresh_token ?? "missing");
    expect(box.inspect().signIn.refreshTokens).toHaveLength(1);
    expect(box.inspect().signIn.refreshTokens[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("serves several resources from one refresh token, one token each", async () => {
    const box = newBox();
    const tokens = await signIn(box);
    expect((await refresh(box, tokens.refresh_token ?? "", { scope: `${ARM} openid profile offline_access` })).status).toBe(200);
    const mixed = await refresh(box, tokens.refresh_token ?? "", { scope: `${ARM} https://graph.microsoft.com/User.Read` });
    expect(errorOf(mixed).error_codes).toEqual([28000]);
  });
});
