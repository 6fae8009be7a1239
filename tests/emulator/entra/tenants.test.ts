import { SEED } from "../../../emulator/model/seed";
import { ARM, authorize, claimsOf, errorOf, GRAPH_READ, newBox, redeemCode, redirectParams, refresh, request, signIn } from "./entraKit";

const readScope = `${GRAPH_READ} ${ARM} openid profile offline_access`;
const graphOnly = `${GRAPH_READ} openid profile offline_access`;

function pageCode(body: unknown): string | undefined {
  return /data-code="(AADSTS\d+)"/.exec(String(body))?.[1];
}

describe("tenants in the authority", () => {
  it("shows AADSTS90002 for a tenant that does not exist, and AADSTS900023 for a malformed one", async () => {
    const box = newBox();
    expect(pageCode((await authorize(box, { tenant: "0c0c0c0c-0000-4000-8000-000000000000" })).response.body)).toBe("AADSTS90002");
    expect(pageCode((await authorize(box, { tenant: "nowhere.onmicrosoft.com" })).response.body)).toBe("AADSTS90002");
    expect(pageCode((await authorize(box, { tenant: "not a tenant" })).response.body)).toBe("AADSTS900023");
    const token = await box.handleService(
      request("POST", "/nowhere.onmicrosoft.com/oauth2/v2.0/token", {
        headers: { origin: "http://localhost:5173" },
        body: { client_id: SEED.signInClientId, grant_type: "refresh_token", refresh_token: "x" },
      }),
    );
    expect(errorOf(token)).toMatchObject({ error: "invalid_request", error_codes: [90002] });
  });

  it("signs in through the tenant's domain name as through its id", async () => {
    const tokens = await signIn(newBox(), { tenant: "contoso.onmicrosoft.com" });
    expect(claimsOf(tokens.id_token).tid).toBe(SEED.tenantId);
  });

  it("refuses a user of another tenant who is not a guest there (AADSTS50020), on the error page or silently", async () => {
    const box = newBox();
    const outsider = {
      ...box.state.users.find((u) => u.id === SEED.guestHomeUserId)!,
      id: "55555555-0000-4000-8000-000000000000",
      userPrincipalName: "ola@fabrikam.com",
    };
    box.state.users.push(outsider);
    box.knobs.signedInUserId = outsider.id;
    expect(pageCode((await authorize(box, { tenant: SEED.tenantId, scope: graphOnly })).response.body)).toBe("AADSTS50020");
    await signIn(box, { tenant: SEED.otherTenantId, scope: graphOnly });
    const silent = redirectParams((await authorize(box, { tenant: SEED.tenantId, prompt: "none", scope: graphOnly })).response);
    expect(silent.get("error")).toBe("interaction_required");
    expect(silent.get("error_description")).toMatch(/^AADSTS50020: /);
  });
});

describe("B2B guests", () => {
  it("land in their home tenant when they sign in through /organizations", async () => {
    const box = newBox(SEED.users.guest);
    const tokens = await signIn(box, { scope: graphOnly });
    expect(claimsOf(tokens.access_token)).toMatchObject({ tid: SEED.otherTenantId, oid: SEED.guestHomeUserId, upn: "guest@fabrikam.com" });
  });

  it("get a token for the inviting tenant through its authority, as their guest object", async () => {
    const box = newBox(SEED.users.guest);
    const { response, verifier } = await authorize(box, { tenant: SEED.tenantId, scope: readScope });
    const params = redirectParams(response);
    expect(JSON.parse(Buffer.from(params.get("client_info") ?? "", "base64url").toString())).toEqual({
      uid: SEED.guestHomeUserId,
      utid: SEED.otherTenantId,
    });
    const answer = await redeemCode(box, params.get("code") ?? "", verifier, { tenant: SEED.tenantId, scope: graphOnly });
    const access = claimsOf((answer.body as { access_token: string }).access_token);
    expect(access).toMatchObject({
      tid: SEED.tenantId,
      oid: SEED.users.guest,
      unique_name: "guest@fabrikam.com",
      idp: `https://sts.windows.net/${SEED.otherTenantId}/`,
    });
    expect(access.upn).toBeUndefined();
    expect(claimsOf((answer.body as { id_token: string }).id_token).preferred_username).toBe("guest@fabrikam.com");
  });

  it("keep the tenant a refresh token was issued in when they refresh through /organizations", async () => {
    const box = newBox(SEED.users.guest);
    const inContoso = await signIn(box, { tenant: SEED.tenantId, scope: readScope, tokenScope: graphOnly });
    const answer = await refresh(box, inContoso.refresh_token ?? "", {
      tenant: "organizations",
      scope: `${ARM} openid profile offline_access`,
    });
    expect(claimsOf((answer.body as { access_token: string }).access_token)).toMatchObject({ tid: SEED.tenantId, oid: SEED.users.guest });
  });

  it("reach the inviting tenant with the refresh token from a home sign-in, once they consented there", async () => {
    const box = newBox(SEED.users.guest);
    await signIn(box, { tenant: SEED.tenantId, scope: readScope, tokenScope: graphOnly });
    const home = await signIn(box, { scope: graphOnly });
    const answer = await refresh(box, home.refresh_token ?? "", { tenant: SEED.tenantId, scope: `${ARM} openid profile offline_access` });
    expect(answer.status).toBe(200);
    expect(claimsOf((answer.body as { access_token: string }).access_token)).toMatchObject({
      tid: SEED.tenantId,
      oid: SEED.users.guest,
      aud: "https://management.azure.com",
    });
  });
});
