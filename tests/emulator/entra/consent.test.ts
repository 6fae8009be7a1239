import { SEED } from "../../../emulator/model/seed";
import { ARM, authorize, claimsOf, GRAPH_READ, GRAPH_WRITE, newBox, redirectParams, refresh, errorOf, signIn } from "./entraKit";

describe("consent to the hub's permissions", () => {
  it("lets an ordinary user consent to User.Read and ARM for themselves", async () => {
    const box = newBox(SEED.users.member);
    const tokens = await signIn(box, {
      scope: `${GRAPH_READ} ${ARM} openid profile offline_access`,
      tokenScope: `${GRAPH_READ} openid profile offline_access`,
    });
    expect(claimsOf(tokens.access_token).scp).toBe("User.Read");
    expect(box.inspect().signIn.consents).toEqual([
      { tenantId: SEED.tenantId, clientId: SEED.signInClientId, principal: SEED.users.member, scopes: [GRAPH_READ, ARM] },
    ]);
    expect(box.inspect().tenants[0]!.adminConsentedClientIds).toEqual([]);
  });

  it("sends an ordinary user back with AADSTS65004 when Application.ReadWrite.All needs an administrator's consent", async () => {
    const box = newBox(SEED.users.member);
    const params = redirectParams((await authorize(box, { scope: `${GRAPH_WRITE} openid profile offline_access` })).response);
    expect(params.get("error")).toBe("access_denied");
    expect(params.get("error_subcode")).toBe("cancel");
    expect(params.get("error_description")).toMatch(/^AADSTS65004: User declined to consent to access the app\./);
    expect(params.get("state")).toBe("state-123");
  });

  it("answers consent_required (AADSTS65001) to a silent request for an unconsented permission", async () => {
    const box = newBox(SEED.users.member);
    await signIn(box, { scope: `${GRAPH_READ} openid profile offline_access` });
    const params = redirectParams(
      (await authorize(box, { prompt: "none", scope: `${GRAPH_WRITE} openid profile offline_access` })).response,
    );
    expect(params.get("error")).toBe("consent_required");
    expect(params.get("error_description")).toMatch(/^AADSTS65001: /);
  });

  it("answers a refresh for an unconsented permission with invalid_grant and suberror consent_required", async () => {
    const box = newBox(SEED.users.member);
    const tokens = await signIn(box, { scope: `${GRAPH_READ} openid profile offline_access` });
    const answer = await refresh(box, tokens.refresh_token ?? "", { scope: `${GRAPH_WRITE} openid profile offline_access` });
    expect(answer.status).toBe(400);
    expect(errorOf(answer)).toMatchObject({ error: "invalid_grant", suberror: "consent_required", error_codes: [65001] });
  });

  it("lets a Global Administrator grant it for the whole tenant, after which ordinary users get it silently", async () => {
    const box = newBox(SEED.users.admin);
    await signIn(box);
    expect(box.inspect().tenants[0]!.adminConsentedClientIds).toEqual([SEED.signInClientId]);

    box.knobs.signedInUserId = SEED.users.member;
    const member = await signIn(box, { scope: `${GRAPH_WRITE} openid profile offline_access` });
    expect(claimsOf(member.access_token)).toMatchObject({ oid: SEED.users.member, scp: "Application.ReadWrite.All" });
  });

  it("lets an Application Administrator grant it too, but not an Application Developer", async () => {
    const appAdmin = newBox(SEED.users.member);
    appAdmin.state.users.find((u) => u.id === SEED.users.member)!.directoryRoles = ["ApplicationAdministrator"];
    expect(redirectParams((await authorize(appAdmin)).response).get("code")).toBeTruthy();

    const developer = newBox(SEED.users.developer);
    expect(redirectParams((await authorize(developer)).response).get("error")).toBe("access_denied");
  });

  it("honours consent an administrator gave before (tenant.adminConsentedClientIds)", async () => {
    const box = newBox(SEED.users.member);
    box.state.tenants[0]!.adminConsentedClientIds.push(SEED.signInClientId);
    expect(redirectParams((await authorize(box)).response).get("code")).toBeTruthy();
    expect(box.inspect().signIn.consents).toEqual([]);
  });
});
