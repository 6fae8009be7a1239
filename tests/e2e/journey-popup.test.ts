import path from "node:path";
import { subscriptionIdAt } from "../../emulator/model/seed";
import { ARTIFACTS, hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview } from "./support/journey";
import { WizardDriver } from "./support/wizard";
import { expectNoSecretLeak } from "./support/secretHygiene";

describe("creating a connection when the host offers no nested app authentication (popup sign-in)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("signs in through the relay popup and creates a verified connection", async () => {
    const hubOrigin = new URL(h.emulator.hubUrl).origin;
    // The organization registered the hub's redirect-bridge page as the sign-in app's redirect URI.
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin}/redirect-bridge.html`);
    await h.page.goto(`${h.emulator.hostUrl}?naa=0`);
    const w = new WizardDriver(await hubFrame(h.page));
    await w.frame.getByRole("button", { name: "New service connection" }).click();

    const opened = h.browser.context.waitForEvent("page");
    await w.frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    const relay = await opened;
    await relay.waitForURL((url) => `${url.origin}${url.pathname}` === `${hubOrigin}/popup-relay.html`);
    await relay.getByRole("button", { name: "Continue" }).click();
    await w.frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
    await w.frame.getByText("through Azure DevOps").waitFor({ state: "detached" });

    await w.next();
    await w.page("Scope");
    await w.choose("Subscription", "Contoso Development");
    await acceptDefaultsToReview(w, { pipelines: ["infra-plan"] });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "journey-popup-result.png") });

    const state = h.model.inspect();
    expect(state.applications).toHaveLength(1);
    expect(state.applications[0]!.passwordCredentials).toHaveLength(1);
    const endpoint = state.devops.serviceEndpoints[0]!;
    expect(state.devops.serviceEndpoints).toHaveLength(1);
    expect(endpoint.data["subscriptionId"]).toBe(subscriptionIdAt(1));
    const sp = state.servicePrincipals.find((p) => p.appId === state.applications[0]!.appId)!;
    expect(state.roleAssignments.filter((ra) => ra.principalId === sp.id).map((ra) => ra.scope)).toEqual([
      `/subscriptions/${subscriptionIdAt(1)}`,
    ]);
    expect(state.devops.pipelinePermissions.filter((p) => p.resourceId === endpoint.id)).toEqual([
      expect.objectContaining({ pipelineIds: [13] }),
    ]);
    expect(h.blocked).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
