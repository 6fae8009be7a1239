import { hashSecret } from "../../../emulator/model/core/ids";
import { SEED } from "../../../emulator/model/seed";
import { errorOf, GraphClient, newBox, type AppBody, type SecretBody } from "./graphKit";

function tenantOf(box: ReturnType<typeof newBox>) {
  return box.state.tenants.find((t) => t.id === SEED.tenantId)!;
}

describe("POST /applications/{id}/addPassword", () => {
  it("answers the new secret once, in Graph's passwordCredential shape", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "developer");
    const app = await owner.createApp("with secret");
    const res = await owner.post(`/applications/${app.id}/addPassword`, {
      passwordCredential: { displayName: "hub 2026-03", endDateTime: "2026-08-28T12:00:00Z" },
    });
    expect(res.status).toBe(200);
    const secret = res.body as SecretBody & Record<string, unknown>;
    expect(Object.keys(secret).sort()).toEqual([
      "@odata.context",
      "customKeyIdentifier",
      "displayName",
      "endDateTime",
      "hint",
      "keyId",
      "secretText",
      "startDateTime",
    ]);
    expect(secret).toMatchObject({
      customKeyIdentifier: null,
      displayName: "hub 2026-03",
      startDateTime: "2026-03-01T12:00:00Z",
      endDateTime: "2026-08-28T12:00:00Z",
    });
    expect(secret.secretText).toHaveLength(40);
    expect(secret.hint).toBe(secret.secretText.slice(0, 3));
  });

  it("keeps only a hash of the secret, and never shows the secret text again", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("hashed");
    const secret = await owner.addSecret(app.id, { displayName: "one" });
    const stored = box.inspect().applications[0]!.passwordCredentials[0]!;
    expect(stored.secretHash).toBe(hashSecret(secret.secretText));
    expect(JSON.stringify(box.inspect())).not.toContain(secret.secretText);
    const read = (await owner.get(`/applications/${app.id}`)).body as AppBody;
    expect(read.passwordCredentials).toEqual([
      {
        customKeyIdentifier: null,
        displayName: "one",
        endDateTime: secret.endDateTime,
        hint: secret.hint,
        keyId: secret.keyId,
        secretText: null,
        startDateTime: secret.startDateTime,
      },
    ]);
  });

  it("makes a secret valid for two years when the request gives no endDateTime", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("default lifetime");
    const res = await owner.post(`/applications/${app.id}/addPassword`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ startDateTime: "2026-03-01T12:00:00Z", endDateTime: "2028-03-01T12:00:00Z", displayName: null });
  });

  it("addresses the app by appId too", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("by appId");
    expect((await owner.post(`/applications(appId='${app.appId}')/addPassword`, {})).status).toBe(200);
  });

  it("refuses an end before the start", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("backwards");
    const res = await owner.post(`/applications/${app.id}/addPassword`, { passwordCredential: { endDateTime: "2026-02-01T00:00:00Z" } });
    expect(errorOf(res)).toMatchObject({
      status: 400,
      message: "Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'.",
    });
  });

  it("refuses a lifetime longer than the tenant's app management policy allows", async () => {
    const box = newBox();
    tenantOf(box).secretPolicy = { maxLifetimeDays: 90 };
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("capped");
    const tooLong = await owner.post(`/applications/${app.id}/addPassword`, {
      passwordCredential: { endDateTime: "2026-05-31T12:00:01Z" },
    });
    expect(errorOf(tooLong)).toMatchObject({ status: 400, code: "CredentialInvalidLifetimeAsPerAppPolicy" });
    expect(errorOf(tooLong).message).toMatch(
      /^Credential lifetime exceeds the max value allowed as per assigned policy '[0-9a-f-]{36}'\.$/,
    );
    const defaulted = await owner.post(`/applications/${app.id}/addPassword`, {});
    expect(errorOf(defaulted).code).toBe("CredentialInvalidLifetimeAsPerAppPolicy");
    const withinCap = await owner.post(`/applications/${app.id}/addPassword`, {
      passwordCredential: { endDateTime: "2026-05-30T12:00:00Z" },
    });
    expect(withinCap.status).toBe(200);
  });

  it("refuses every secret when the tenant's policy forbids them", async () => {
    const box = newBox();
    tenantOf(box).secretPolicy = { forbidSecrets: true };
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("no secrets");
    const res = await owner.post(`/applications/${app.id}/addPassword`, { passwordCredential: { endDateTime: "2026-03-08T00:00:00Z" } });
    expect(errorOf(res)).toMatchObject({ status: 400, code: "CredentialTypeNotAllowedAsPerAppPolicy" });
    expect(errorOf(res).message).toMatch(/^Credential type not allowed as per assigned policy '[0-9a-f-]{36}'\.$/);
    expect(box.state.applications[0]!.passwordCredentials).toEqual([]);
  });

  it("marks a new secret as not yet usable for the next N TestConnection calls (replication knob)", async () => {
    const box = newBox();
    box.knobs.consistency.secretToTestConnectionCalls = 2;
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("replicating secret");
    await owner.addSecret(app.id);
    expect(box.state.applications[0]!.passwordCredentials[0]!.pendingTestConnectionCalls).toBe(2);
  });

  it("refuses a member who does not own the app", async () => {
    const box = newBox();
    const app = await GraphClient.as(box, "developer").createApp("someone else's");
    const res = await GraphClient.as(box, "member").post(`/applications/${app.id}/addPassword`, {});
    expect(errorOf(res)).toMatchObject({ status: 403, code: "Authorization_RequestDenied" });
  });

  it("answers 404 for an unknown app", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/applications/00000000-0000-0000-0000-000000000009/addPassword", {});
    expect(errorOf(res).code).toBe("Request_ResourceNotFound");
  });
});

describe("POST /applications/{id}/removePassword", () => {
  it("removes the secret and answers 204", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("rotate");
    const old = await owner.addSecret(app.id, { displayName: "old" });
    const fresh = await owner.addSecret(app.id, { displayName: "new" });
    const res = await owner.post(`/applications/${app.id}/removePassword`, { keyId: old.keyId });
    expect(res.status).toBe(204);
    expect(box.state.applications[0]!.passwordCredentials.map((p) => p.keyId)).toEqual([fresh.keyId]);
  });

  it("answers 400 for a keyId the app does not have", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "admin");
    const app = await owner.createApp("no such key");
    const res = await owner.post(`/applications/${app.id}/removePassword`, { keyId: "f0b0b335-1d71-4883-8f98-567911bfdca6" });
    expect(errorOf(res)).toMatchObject({
      status: 400,
      message: "No password credential found with keyId f0b0b335-1d71-4883-8f98-567911bfdca6.",
    });
    expect((await owner.post(`/applications/${app.id}/removePassword`, {})).status).toBe(400);
  });

  it("refuses a member who does not own the app", async () => {
    const box = newBox();
    const owner = GraphClient.as(box, "developer");
    const app = await owner.createApp("guarded");
    const secret = await owner.addSecret(app.id);
    expect((await GraphClient.as(box, "member").post(`/applications/${app.id}/removePassword`, { keyId: secret.keyId })).status).toBe(403);
    expect(box.state.applications[0]!.passwordCredentials).toHaveLength(1);
  });
});
