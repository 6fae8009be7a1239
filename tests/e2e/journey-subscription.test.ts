import path from "node:path";
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { ARTIFACTS, hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview } from "./support/journey";
import { WizardDriver } from "./support/wizard";
import { expectNoSecretLeak } from "./support/secretHygiene";

describe("creating a connection at a subscription through nested app authentication", () => {
  let h: Harness;
  const gets: Array<{ url: string; status: number }> = [];
  beforeAll(async () => {
    h = await startHarness();
    h.page.on("response", (r) => {
      if (r.request().method() === "GET" && r.status() < 300 && !/\.(js|css|html|woff2?|png)(\?|$)/.test(new URL(r.url()).pathname))
        gets.push({ url: r.url(), status: r.status() });
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("creates the app, principal, secret, Reader role, verified connection and pipeline permission, and nothing else", async () => {
    await h.page.goto(h.emulator.hostUrl);
    const w = new WizardDriver(await hubFrame(h.page));
    await w.frame.getByRole("button", { name: "New service connection" }).click();
    await w.signIn();
    await w.next();
    await w.page("Scope");
    await w.choose("Subscription", "Contoso Production");
    await acceptDefaultsToReview(w, { pipelines: ["web-ci"] });
    await h.page.screenshot({ path: path.join(ARTIFACTS, "journey-subscription-review.png") });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "journey-subscription-result.png") });

    const state = h.model.inspect();
    expect(state.applications).toHaveLength(1);
    const app = state.applications[0]!;
    expect(app.passwordCredentials).toHaveLength(1);
    expect(state.servicePrincipals.filter((sp) => sp.appId === app.appId)).toHaveLength(1);
    const sp = state.servicePrincipals.find((p) => p.appId === app.appId)!;
    const assignments = state.roleAssignments.filter((ra) => ra.principalId === sp.id);
    expect(assignments).toEqual([
      expect.objectContaining({
        scope: `/subscriptions/${subscriptionIdAt(0)}`,
        roleDefinitionName: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
        principalType: "ServicePrincipal",
      }),
    ]);
    expect(state.devops.serviceEndpoints).toHaveLength(1);
    const endpoint = state.devops.serviceEndpoints[0]!;
    expect(endpoint.data).toEqual({
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      subscriptionId: subscriptionIdAt(0),
      subscriptionName: "Contoso Production",
      creationMode: "Manual",
    });
    expect(endpoint.authorization.parameters).toMatchObject({
      tenantid: SEED.tenantId,
      serviceprincipalid: app.appId,
      authenticationType: "spnKey",
    });
    expect(endpoint.url).toBe("https://management.azure.com/");
    expect(state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toEqual([
      expect.objectContaining({ allPipelines: false, pipelineIds: [11] }),
    ]);
    expect(h.blocked).toEqual([]);
    // Every read is asked once per journey: the pickers, roles, pipelines and checks reuse what they already have.
    expect(gets.length).toBeGreaterThan(5);
    const seen = new Map<string, number>();
    for (const { url } of gets) seen.set(url, (seen.get(url) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
