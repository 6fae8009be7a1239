import path from "node:path";
import { addExistingApp } from "../../emulator/model/scenarios";
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { ARTIFACTS, hubFrame, startHarness, type Harness } from "./support/harness";
import { expectNoSecretLeak } from "./support/secretHygiene";

const SECRET = "Byo~Secret.Value-0123456789abcdef";

describe("bring your own app registration, without signing in", () => {
  let h: Harness;
  const requested: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
    h.page.on("request", (r) => requested.push(r.url()));
  });
  afterAll(async () => {
    await h?.close();
  });

  it("verifies and saves the connection with an existing app and authorizes the chosen pipeline, with no Entra sign-in", async () => {
    const { app } = addExistingApp(h.model, {
      displayName: "Existing deploy app",
      secret: SECRET,
      roleScope: `/subscriptions/${subscriptionIdAt(1)}`,
    });
    await h.page.goto(h.emulator.hostUrl);
    const frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "Use an existing app registration" }).click();
    // The article's path: a client secret (federation is the recommended default).
    await frame.getByRole("radio", { name: "Client secret" }).click();
    await frame.getByRole("button", { name: "Verify and save" }).click();
    // Nothing filled in yet: every required field says what it needs.
    await frame.getByText("Enter the Subscription Id.").waitFor();
    await frame.getByText("Enter the Application (client) ID.").waitFor();

    await frame.getByLabel("Subscription Id").fill(subscriptionIdAt(1));
    await frame.getByLabel("Subscription Name").fill("Contoso Development");
    await frame.getByLabel("Application (client) ID").fill(app.appId);
    await frame.getByLabel("Directory (tenant) ID").fill(SEED.tenantId);
    await frame.getByRole("textbox", { name: /^Client secret/ }).fill(SECRET);
    await frame.getByLabel("Service connection name").fill("byo-development");
    await frame.getByRole("checkbox", { name: "web-deploy (release)" }).click();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "byo-form.png") });
    await frame.getByRole("button", { name: "Verify and save" }).click();
    await frame.getByText("The connection is ready and verified.").waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "byo-result.png") });

    const state = h.model.inspect();
    expect(state.devops.serviceEndpoints).toHaveLength(1);
    const endpoint = state.devops.serviceEndpoints[0]!;
    expect(endpoint.name).toBe("byo-development");
    expect(endpoint.data).toEqual({
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      subscriptionId: subscriptionIdAt(1),
      subscriptionName: "Contoso Development",
      creationMode: "Manual",
    });
    expect(endpoint.authorization).toMatchObject({
      scheme: "ServicePrincipal",
      parameters: { tenantid: SEED.tenantId, serviceprincipalid: app.appId, authenticationType: "spnKey" },
    });
    expect(state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toEqual([
      expect.objectContaining({ pipelineIds: [12], allPipelines: false }),
    ]);
    // Nothing else: no app, principal, secret or role assignment was added.
    expect(state.applications).toHaveLength(1);
    expect(state.applications[0]!.passwordCredentials).toHaveLength(1);
    expect(state.servicePrincipals).toHaveLength(1);
    // No Entra sign-in happened, and the sign-in code (msal-browser) was never even loaded.
    expect(requested.filter((u) => u.includes("login.microsoftonline.com"))).toEqual([]);
    expect(requested.filter((u) => /\/(msal|sign-in)\.[0-9a-f]+\.js$/.test(u))).toEqual([]);
    expect(h.blocked).toEqual([]);
    await expectNoSecretLeak(h, { secrets: [SECRET] });
  });
});
