import { endBrowserSessions } from "../../../emulator/model/entra";
import { SEED } from "../../../emulator/model/seed";
import {
  ARM,
  authorize,
  claimsOf,
  errorOf,
  GRAPH_READ,
  MFA_CHALLENGE,
  newBox,
  redeemCode,
  redirectParams,
  refresh,
  request,
  signIn,
  type TokenBody,
} from "./entraKit";

const memberScope = `${GRAPH_READ} openid profile offline_access`;

describe("silent sign-in (prompt=none) rides on the browser's Entra session", () => {
  it("answers login_required (AADSTS50058) when nobody has signed in in this browser", async () => {
    const params = redirectParams((await authorize(newBox(), { prompt: "none" })).response);
    expect(params.get("error")).toBe("login_required");
    expect(params.get("error_description")).toMatch(/^AADSTS50058: /);
  });

  it("issues a code silently once the user signed in interactively, until the browser signs out", async () => {
    const box = newBox();
    await signIn(box);
    expect(redirectParams((await authorize(box, { prompt: "none" })).response).get("code")).toBeTruthy();
    endBrowserSessions(box);
    expect(redirectParams((await authorize(box, { prompt: "none" })).response).get("error")).toBe("login_required");
  });

  it("ends the session through the logout endpoint and returns to a registered post-logout URI", async () => {
    const box = newBox();
    await signIn(box);
    const out = await box.handleService(
      request("GET", "/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=http%3A%2F%2Flocalhost%3A5173%2F"),
    );
    expect(out).toMatchObject({ status: 302, headers: { location: "http://localhost:5173/" } });
    expect(redirectParams((await authorize(box, { prompt: "none" })).response).get("error")).toBe("login_required");
  });

  it("refuses a login_hint or sid of someone other than the signed-in user", async () => {
    const box = newBox();
    await signIn(box);
    expect(
      redirectParams((await authorize(box, { prompt: "none", loginHint: "member@contoso.onmicrosoft.com" })).response).get("error"),
    ).toBe("login_required");
    expect(
      redirectParams((await authorize(box, { prompt: "none", loginHint: "ADMIN@contoso.onmicrosoft.com" })).response).get("code"),
    ).toBeTruthy();
    expect(redirectParams((await authorize(box, { prompt: "none", sid: "not-the-session" })).response).get("error")).toBe("login_required");
  });
});

describe("MFA and claims challenges", () => {
  it("records amr from the user's usual sign-in: pwd only for a user without MFA", async () => {
    const box = newBox(SEED.users.member);
    const tokens = await signIn(box, { scope: memberScope });
    expect(claimsOf(tokens.access_token).amr).toEqual(["pwd"]);
  });

  it("does MFA when an interactive request carries an MFA claims challenge, and says so in the token", async () => {
    const box = newBox(SEED.users.member);
    const { response, verifier } = await authorize(box, { scope: `${ARM} openid profile offline_access`, claims: MFA_CHALLENGE });
    const answer = await redeemCode(box, redirectParams(response).get("code") ?? "", verifier, {
      scope: `${ARM} openid profile offline_access`,
      claims: MFA_CHALLENGE,
    });
    const access = claimsOf((answer.body as TokenBody).access_token);
    expect(access.amr).toEqual(["pwd", "mfa"]);
    expect(access["acrs"]).toEqual(["p1"]);
  });

  it("answers a silent request with the challenge by interaction_required (AADSTS50076) when the session did no MFA", async () => {
    const box = newBox(SEED.users.member);
    await signIn(box, { scope: memberScope });
    const params = redirectParams((await authorize(box, { prompt: "none", scope: `${ARM} openid`, claims: MFA_CHALLENGE })).response);
    expect(params.get("error")).toBe("interaction_required");
    expect(params.get("error_description")).toMatch(/^AADSTS50076: /);
  });

  it("answers a refresh with the challenge by invalid_grant + basic_action, which msal treats as interaction required", async () => {
    const box = newBox(SEED.users.member);
    const tokens = await signIn(box, { scope: memberScope });
    const answer = await refresh(box, tokens.refresh_token ?? "", { scope: `${ARM} openid profile offline_access`, claims: MFA_CHALLENGE });
    expect(errorOf(answer)).toMatchObject({ error: "invalid_grant", suberror: "basic_action", error_codes: [50076] });
  });

  it("serves the challenge silently after the step-up: the session and its refresh tokens carry MFA", async () => {
    const box = newBox(SEED.users.member);
    const stepped = await signIn(box, {
      scope: `${GRAPH_READ} ${ARM} openid profile offline_access`,
      tokenScope: memberScope,
      claims: MFA_CHALLENGE,
    });
    expect(
      redirectParams((await authorize(box, { prompt: "none", scope: `${ARM} openid`, claims: MFA_CHALLENGE })).response).get("code"),
    ).toBeTruthy();
    const answer = await refresh(box, stepped.refresh_token ?? "", {
      scope: `${ARM} openid profile offline_access`,
      claims: MFA_CHALLENGE,
    });
    expect(answer.status).toBe(200);
    expect(claimsOf((answer.body as TokenBody).access_token).amr).toContain("mfa");
  });

  it("needs no step-up for a user whose sign-in always does MFA", async () => {
    const box = newBox(SEED.users.admin);
    const tokens = await signIn(box);
    const answer = await refresh(box, tokens.refresh_token ?? "", { claims: MFA_CHALLENGE });
    expect(answer.status).toBe(200);
  });

  it("rejects a claims parameter that is not JSON (AADSTS90100)", async () => {
    const params = redirectParams((await authorize(newBox(), { claims: "{not json" })).response);
    expect(params.get("error")).toBe("invalid_request");
    expect(params.get("error_description")).toMatch(/^AADSTS90100: claims/);
  });
});
