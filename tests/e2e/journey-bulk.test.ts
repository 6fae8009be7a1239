import { subscriptionIdAt } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, createdSince, expectNothingLeft, openWizard, screenshot, scriptErrors } from "./support/journey";
import { WizardDriver } from "./support/wizard";

const SCOPES = 10;
/** The seventh subscription refuses the role assignment (the signed-in person may not assign roles there). */
const REFUSING = subscriptionIdAt(6);
const RUN_TIMEOUT = 90_000;

describe("many connections in one run", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: { subscriptionCount: SCOPES } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("creates 10 subscriptions' connections past one that fails, retries it, then rolls everything back", async () => {
    const before = h.model.inspect();
    const w = await openWizard(h);
    await w.frame.getByRole("checkbox", { name: /Create connections for several scopes in one run/ }).click();
    await w.frame.getByRole("button", { name: `Select all ${SCOPES} shown` }).click();
    await w.frame.getByText(`${SCOPES} of at most 50 chosen`, { exact: false }).waitFor();
    await acceptDefaultsToReview(w, { pipelines: ["web-ci"] });
    await w.frame.getByRole("table").getByRole("row").nth(SCOPES).waitFor();
    // Review's checks ran for every scope.
    await w.frame
      .getByRole("cell", { name: "No problem found" })
      .nth(SCOPES - 1)
      .waitFor();
    await screenshot(h, "journey-bulk-review");

    h.model.knobs.faults.push({
      service: "arm",
      method: "PUT",
      path: `^/subscriptions/${REFUSING}/providers/Microsoft\\.Authorization/roleAssignments/`,
      status: 403,
      count: Infinity,
    });
    await w.frame.getByRole("button", { name: `Create ${SCOPES} connections` }).click();
    await w.page("Create");
    const summary = w.frame.getByTestId("bulk-summary");
    await summary.filter({ hasText: /^9 created and verified, 1 failed\.$/ }).waitFor({ timeout: RUN_TIMEOUT });
    await screenshot(h, "journey-bulk-one-failed");
    expect(createdSince(before, h.model.inspect()).serviceEndpoints).toHaveLength(SCOPES - 1);

    h.model.knobs.faults.length = 0;
    await w.frame.getByRole("button", { name: "Retry failed" }).click();
    await summary.filter({ hasText: /^10 created and verified\.$/ }).waitFor({ timeout: RUN_TIMEOUT });

    const made = createdSince(before, h.model.inspect());
    expect(made.applications).toHaveLength(SCOPES);
    expect(made.servicePrincipals).toHaveLength(SCOPES);
    expect(made.serviceEndpoints).toHaveLength(SCOPES);
    expect(made.roleAssignments.map((r) => r.scope).sort()).toEqual(
      Array.from({ length: SCOPES }, (_, i) => `/subscriptions/${subscriptionIdAt(i)}`).sort(),
    );
    // One app per scope, each with its one secret, each connection on its own app.
    expect(new Set(made.serviceEndpoints.map((e) => e.authorization.parameters.serviceprincipalid)).size).toBe(SCOPES);
    for (const app of made.applications) expect(app.passwordCredentials).toHaveLength(1);

    await w.frame.getByRole("button", { name: "See the connections" }).click();
    await w.page("Result");
    const download = w.frame.getByRole("link", { name: "Download the names and IDs (CSV)" });
    const csv = decodeURIComponent((await download.getAttribute("href"))!.replace(/^data:text\/csv;charset=utf-8,/, ""));
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(SCOPES + 1);
    for (const endpoint of made.serviceEndpoints) expect(csv).toContain(`${endpoint.name},${endpoint.id},`);
    await screenshot(h, "journey-bulk-result");

    await w.frame.getByRole("button", { name: "Back to the run" }).click();
    await w.frame.getByRole("button", { name: "Roll back all" }).click();
    await summary.filter({ hasText: /^10 rolled back\.$/ }).waitFor({ timeout: RUN_TIMEOUT });
    expectNothingLeft(before, h.model.inspect());
    expect(scriptErrors(h)).toEqual([]);
  }, 240_000);

  it("journals each scope like a single run: after the tab closes, a failed scope is offered to resume or roll back", async () => {
    const before = h.model.inspect();
    const w = await openWizard(h);
    await w.frame.getByRole("checkbox", { name: /Create connections for several scopes in one run/ }).click();
    await w.frame.getByRole("checkbox", { name: /^Contoso Subscription 00002 / }).click();
    await w.frame.getByRole("checkbox", { name: /^Contoso Subscription 00003 / }).click();
    await acceptDefaultsToReview(w, { pipelines: [] });
    h.model.knobs.faults.push({
      service: "arm",
      method: "PUT",
      path: `^/subscriptions/${subscriptionIdAt(3)}/providers/Microsoft\\.Authorization/roleAssignments/`,
      status: 403,
      count: Infinity,
    });
    await w.frame.getByRole("button", { name: "Create 2 connections" }).click();
    await w.frame
      .getByTestId("bulk-summary")
      .filter({ hasText: /^1 created and verified, 1 failed\.$/ })
      .waitFor({ timeout: RUN_TIMEOUT });
    h.model.knobs.faults.length = 0;

    // The tab closes; the hub opened again lists the failed scope's run (the one that succeeded is finished).
    await h.page.close();
    h.page = await h.browser.context.newPage();
    await h.page.goto(h.emulator.hostUrl);
    const home = new WizardDriver(await hubFrame(h.page), h.page);
    const failedName = "contoso-Fabrikam Web-Contoso Subscription 00003";
    const card = home.frame.getByRole("listitem").filter({ hasText: `"${failedName}"` });
    await card.waitFor();
    expect(await home.frame.getByRole("button", { name: "Resume or roll back" }).count()).toBe(1);
    await card.getByRole("button", { name: "Resume or roll back" }).click();
    const signInButton = home.frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" });
    const rollBack = home.frame.getByRole("button", { name: "Roll back", exact: true });
    await signInButton.or(rollBack).first().waitFor({ timeout: 20_000 });
    if (await signInButton.isVisible()) await signInButton.click();
    await rollBack.click();
    await home.frame.getByTestId("rolled-back").waitFor({ timeout: RUN_TIMEOUT });

    const made = createdSince(before, h.model.inspect());
    expect(made.serviceEndpoints.map((e) => e.name)).toEqual(["contoso-Fabrikam Web-Contoso Subscription 00002"]);
    expect(made.applications.map((a) => a.displayName)).toEqual(["contoso-Fabrikam Web-Contoso Subscription 00002"]);
    expect(made.roleAssignments.map((r) => r.scope)).toEqual([`/subscriptions/${subscriptionIdAt(2)}`]);
  }, 240_000);

  const SHARED_CASES = [
    { credential: "secret", subscriptions: [4, 5, 7] },
    { credential: "federation", subscriptions: [3, 8, 9] },
  ] as const;
  it.each(SHARED_CASES)(
    "runs 3 subscriptions under one shared app registration ($credential), then Roll back all leaves nothing",
    async ({ credential, subscriptions }) => {
      const before = h.model.inspect();
      const w = await openWizard(h);
      await w.frame.getByRole("checkbox", { name: /Create connections for several scopes in one run/ }).click();
      for (const i of subscriptions) await w.frame.getByRole("checkbox", { name: new RegExp(`^Contoso Subscription 0000${i} `) }).click();
      await w.frame.getByRole("radio", { name: "One app registration shared by every scope" }).click();
      await acceptDefaultsToReview(w, { pipelines: [], credential });
      const objects = w.frame.getByTestId("shared-app-objects");
      await objects.getByText('App registration "contoso-Fabrikam Web-3 subscriptions"').waitFor();
      await w.frame.getByRole("cell", { name: "No problem found" }).nth(2).waitFor();
      await screenshot(h, `journey-bulk-shared-${credential}-review`);

      await w.frame.getByRole("button", { name: "Create 3 connections" }).click();
      await w.page("Create");
      const summary = w.frame.getByTestId("bulk-summary");
      await summary.filter({ hasText: /^3 created and verified\.$/ }).waitFor({ timeout: RUN_TIMEOUT });

      const made = createdSince(before, h.model.inspect());
      expect(made.applications.map((a) => a.displayName)).toEqual(["contoso-Fabrikam Web-3 subscriptions"]);
      const app = made.applications[0]!;
      expect(made.servicePrincipals).toHaveLength(1);
      expect(app.passwordCredentials).toHaveLength(credential === "secret" ? 1 : 0);
      expect(app.federatedIdentityCredentials).toHaveLength(credential === "secret" ? 0 : 3);
      expect(made.roleAssignments.map((r) => r.scope).sort()).toEqual(
        subscriptions.map((i) => `/subscriptions/${subscriptionIdAt(i)}`).sort(),
      );
      expect(made.serviceEndpoints).toHaveLength(3);
      for (const endpoint of made.serviceEndpoints) {
        expect(endpoint.authorization.parameters.serviceprincipalid).toBe(app.appId);
        expect(endpoint.authorization.scheme).toBe(credential === "secret" ? "ServicePrincipal" : "WorkloadIdentityFederation");
      }

      await w.frame.getByRole("button", { name: "Roll back all" }).click();
      await summary.filter({ hasText: /^3 rolled back\.$/ }).waitFor({ timeout: RUN_TIMEOUT });
      expectNothingLeft(before, h.model.inspect());
      expect(scriptErrors(h)).toEqual([]);
    },
    240_000,
  );

  it("after the tab closes mid shared run, the start page offers it, and Roll back leaves nothing", async () => {
    const before = h.model.inspect();
    const w = await openWizard(h);
    await w.frame.getByRole("checkbox", { name: /Create connections for several scopes in one run/ }).click();
    for (const i of [4, 5, 6]) await w.frame.getByRole("checkbox", { name: new RegExp(`^Contoso Subscription 0000${i} `) }).click();
    await w.frame.getByRole("radio", { name: "One app registration shared by every scope" }).click();
    await acceptDefaultsToReview(w, { pipelines: [] });
    // The seventh subscription refuses the role: one scope fails, the other two are made.
    h.model.knobs.faults.push({
      service: "arm",
      method: "PUT",
      path: `^/subscriptions/${REFUSING}/providers/Microsoft\\.Authorization/roleAssignments/`,
      status: 403,
      count: Infinity,
    });
    await w.frame.getByRole("button", { name: "Create 3 connections" }).click();
    await w.frame
      .getByTestId("bulk-summary")
      .filter({ hasText: /^2 created and verified, 1 failed\.$/ })
      .waitFor({ timeout: RUN_TIMEOUT });
    h.model.knobs.faults.length = 0;
    expect(createdSince(before, h.model.inspect()).serviceEndpoints).toHaveLength(2);

    // The tab closes; the hub opened again lists the shared run with what it got done.
    await h.page.close();
    h.page = await h.browser.context.newPage();
    await h.page.goto(h.emulator.hostUrl);
    const home = new WizardDriver(await hubFrame(h.page), h.page);
    const entry = home.frame
      .getByRole("listitem")
      .filter({ hasText: "Shared app contoso-Fabrikam Web-3 subscriptions: 2 of 3 scopes done" });
    await entry.waitFor();
    await screenshot(h, "journey-bulk-shared-unfinished");
    await entry.getByRole("button", { name: /^Roll back / }).click();
    const signInButton = home.frame.getByRole("button", { name: "Sign in", exact: true });
    const summary = home.frame.getByTestId("bulk-summary");
    await signInButton.or(summary).first().waitFor({ timeout: 20_000 });
    if (await signInButton.isVisible()) await signInButton.click();
    await summary.filter({ hasText: /^3 rolled back\.$/ }).waitFor({ timeout: RUN_TIMEOUT });
    expectNothingLeft(before, h.model.inspect());
    expect(scriptErrors(h)).toEqual([]);
  }, 240_000);
});
