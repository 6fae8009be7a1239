import { COLLECTION_BITS, COLLECTION_NAMESPACE_ID, COLLECTION_ROOT_TOKEN } from "../../../emulator/model/devops/security";
import { clientAccept, devops, newModel, ORG } from "./helpers";

/** Security "Permissions - Has Permissions", as the settings page asks whether its user may change organization settings. */
const ACCEPT = clientAccept("7.1-preview.2");
const permissions = (bits: number, namespace = COLLECTION_NAMESPACE_ID) => `/${ORG}/_apis/permissions/${namespace}/${bits}`;

describe("security permission checks", () => {
  it("tells a Project Collection Administrator that they may edit instance-level information", async () => {
    const model = newModel();
    const answer = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), {
      accept: ACCEPT,
      query: { tokens: COLLECTION_ROOT_TOKEN, alwaysAllowAdministrators: "false" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([true]);
  });

  it("tells any other user of the organization no, while they may still view instance-level information", async () => {
    const model = newModel();
    model.state.devops.projectCollectionAdministrators = [];
    const write = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), {
      accept: ACCEPT,
      query: { tokens: COLLECTION_ROOT_TOKEN },
    });
    expect(write.body).toEqual([false]);
    const read = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_READ), {
      accept: ACCEPT,
      query: { tokens: COLLECTION_ROOT_TOKEN },
    });
    expect(read.body).toEqual([true]);
    // Asking for several bits at once needs all of them.
    const both = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_READ | COLLECTION_BITS.GENERIC_WRITE), {
      accept: ACCEPT,
      query: { tokens: COLLECTION_ROOT_TOKEN },
    });
    expect(both.body).toEqual([false]);
  });

  it("answers one boolean per token, in order, wrapped as {count, value} without noArrayWrap", async () => {
    const model = newModel();
    const answer = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), {
      accept: "application/json;api-version=7.1-preview.2",
      query: { tokens: `${COLLECTION_ROOT_TOKEN},some/other/token,namespace:` },
    });
    expect(answer.body).toEqual({ count: 3, value: [true, false, true] });
  });

  it("lets administrators pass on any token when alwaysAllowAdministrators is true, and only them", async () => {
    const model = newModel();
    const query = { tokens: "unknown-token", alwaysAllowAdministrators: "True" };
    expect((await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), { accept: ACCEPT, query })).body).toEqual([true]);
    model.state.devops.projectCollectionAdministrators = [];
    expect((await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), { accept: ACCEPT, query })).body).toEqual([false]);
  });

  it("honours another token delimiter, and answers the legacy singular token with a bare boolean", async () => {
    const model = newModel();
    const split = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), {
      accept: ACCEPT,
      query: { tokens: `${COLLECTION_ROOT_TOKEN}|x`, delimiter: "|" },
    });
    expect(split.body).toEqual([true, false]);
    const single = await devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), {
      accept: ACCEPT,
      query: { token: COLLECTION_ROOT_TOKEN },
    });
    expect(single.body).toBe(true);
  });

  it("needs -preview in the api-version, a bit mask and a namespace it knows", async () => {
    const model = newModel();
    const released = await devops(model, "GET", permissions(2), { accept: clientAccept("7.1"), query: { tokens: COLLECTION_ROOT_TOKEN } });
    expect(released.status).toBe(400);
    expect(released.body.typeKey).toBe("VssInvalidPreviewVersionException");
    expect((await devops(model, "GET", `/${ORG}/_apis/permissions/${COLLECTION_NAMESPACE_ID}/write`, { accept: ACCEPT })).status).toBe(400);
    const unknown = await devops(model, "GET", permissions(2, "00000000-0000-0000-0000-000000000001"), {
      accept: ACCEPT,
      query: { tokens: "x" },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.typeKey).toBe("InvalidSecurityNamespaceException");
  });

  it("wants a bearer token like every Azure DevOps route", async () => {
    const model = newModel();
    expect(
      (await devops(model, "GET", permissions(2), { accept: ACCEPT, token: null, query: { tokens: COLLECTION_ROOT_TOKEN } })).status,
    ).toBe(401);
  });

  describe("scenario knob knobs.hasPermissions", () => {
    const ask = (model: ReturnType<typeof newModel>, query: Record<string, string>) =>
      devops(model, "GET", permissions(COLLECTION_BITS.GENERIC_WRITE), { accept: ACCEPT, query });

    it("evaluate (default): administrators pass with alwaysAllowAdministrators=true", async () => {
      const model = newModel();
      expect(model.knobs.hasPermissions ?? "evaluate").toBe("evaluate");
      expect((await ask(model, { tokens: COLLECTION_ROOT_TOKEN, alwaysAllowAdministrators: "true" })).body).toEqual([true]);
    });

    it("unauthorized / forbidden: the check is refused for the extension's token", async () => {
      const model = newModel();
      model.knobs.hasPermissions = "unauthorized";
      const refused = await ask(model, { tokens: COLLECTION_ROOT_TOKEN, alwaysAllowAdministrators: "true" });
      expect(refused.status).toBe(401);
      expect(refused.body.message).toMatch(/^TF400813: /);
      model.knobs.hasPermissions = "forbidden";
      expect((await ask(model, { tokens: COLLECTION_ROOT_TOKEN, alwaysAllowAdministrators: "true" })).status).toBe(403);
    });

    it("tokenNotRecognized: false for every token and every caller, administrators included", async () => {
      const model = newModel();
      model.knobs.hasPermissions = "tokenNotRecognized";
      const answer = await ask(model, { tokens: `${COLLECTION_ROOT_TOKEN},other`, alwaysAllowAdministrators: "true" });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual([false, false]);
    });
  });
});
