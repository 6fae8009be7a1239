import { subscriptionIdAt } from "../../emulator/model/seed";
import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, createdSince, expectNothingLeft, openWizard, screenshot, scriptErrors } from "./support/journey";

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
});
