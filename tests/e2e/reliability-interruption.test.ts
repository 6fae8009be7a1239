import type { Page } from "playwright-core";
import type { ServiceRequest, ServiceResponse } from "../../emulator/model/core/http";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, expectNothingLeft, expectOneRun, openWizard, screenshot, scriptErrors } from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";
import { WizardDriver } from "./support/wizard";

/**
 * The page closes in the middle of a run: ARM has made the role assignment, but its answer never reaches the hub.
 * Reopened, the hub offers the run under "Unfinished runs"; Resume finishes it with one of everything, Roll back
 * leaves nothing. The secret of the closed page is gone, so a resumed run adds a new one and removes the old.
 */
const SUBSCRIPTION_SCOPE = `/subscriptions/${subscriptionIdAt(0)}`;
const ROLE_ASSIGNMENT_PUT = /\/providers\/Microsoft\.Authorization\/roleAssignments\/[0-9a-f-]{36}$/i;

/** The next role-assignment PUT is carried out, and its answer never comes. */
function hangAfterRoleAssignment(h: Harness): { reached: Promise<void> } {
  const original = h.model.handleService.bind(h.model);
  let reached!: () => void;
  const promise = new Promise<void>((resolve) => (reached = resolve));
  let armed = true;
  h.model.handleService = async (req: ServiceRequest): Promise<ServiceResponse> => {
    const answer = await original(req);
    if (armed && req.service === "arm" && req.method === "PUT" && ROLE_ASSIGNMENT_PUT.test(req.path)) {
      armed = false;
      reached();
      return new Promise<ServiceResponse>(() => undefined);
    }
    return answer;
  };
  return { reached: promise };
}

/** Starts a run, closes the page while ARM acts on the role assignment, and opens the hub again in a new page. */
async function interruptedRun(h: Harness, connectionName: string): Promise<void> {
  const w = await openWizard(h);
  await w.choose("Subscription", "Contoso Production");
  await acceptDefaultsToReview(w, { pipelines: ["web-ci"], connectionName });
  const { reached } = hangAfterRoleAssignment(h);
  await w.frame.getByRole("button", { name: "Create" }).click();
  await reached;
  // Let the journal write that names the role assignment land, as it must before the PUT is sent.
  await w.frame.locator('[data-step="assignRole"][data-status="running"]').waitFor();
  await h.page.close();
  h.page = await h.browser.context.newPage();
}

async function reopenUnfinished(h: Harness, page: Page, connectionName: string): Promise<WizardDriver> {
  await page.goto(h.emulator.hostUrl);
  const w = new WizardDriver(await hubFrame(page));
  const card = w.frame.getByRole("listitem").filter({ hasText: `"${connectionName}"` });
  await card.waitFor();
  await screenshot(h, "reliability-unfinished-runs");
  await card.getByRole("button", { name: "Resume or roll back" }).click();
  const signedIn = w.frame.getByTestId("signed-in");
  const signInButton = w.frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" });
  await signedIn
    .or(signInButton)
    .or(w.frame.getByRole("button", { name: "Resume" }))
    .first()
    .waitFor({ timeout: 20_000 });
  // Once signed in, the wizard goes straight to the run's page.
  if (await signInButton.isVisible()) await signInButton.click();
  await w.frame.getByRole("button", { name: "Resume" }).waitFor({ timeout: 20_000 });
  await w.frame.getByRole("button", { name: "Roll back", exact: true }).waitFor();
  return w;
}

describe("a run interrupted by a closed page", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("is offered under Unfinished runs, and Resume finishes it with exactly one of everything", async () => {
    const before: State = h.model.inspect();
    await interruptedRun(h, "interrupted-resume");
    const w = await reopenUnfinished(h, h.page, "interrupted-resume");

    await w.frame.getByRole("button", { name: "Resume" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await screenshot(h, "reliability-resumed");

    const { app, endpoint } = expectOneRun(before, h.model.inspect(), {
      scope: SUBSCRIPTION_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName: "interrupted-resume",
      data: {
        environment: "AzureCloud",
        scopeLevel: "Subscription",
        subscriptionId: subscriptionIdAt(0),
        subscriptionName: "Contoso Production",
        creationMode: "Manual",
      },
      pipelineIds: [11],
    });
    // The closed page's secret was replaced: the app holds one secret, the one the connection holds.
    expect(endpoint.secretHash).toBe(app.passwordCredentials[0]!.secretHash);
    await w.frame.getByRole("button", { name: "Done" }).click();
    // Nothing is left unfinished.
    await w.frame.getByRole("button", { name: "New service connection" }).waitFor();
    expect(await w.frame.getByRole("button", { name: "Resume or roll back" }).count()).toBe(0);
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });

  it("Roll back from Unfinished runs removes the app, principal, secret and the role assignment whose answer never came", async () => {
    const before: State = h.model.inspect();
    await interruptedRun(h, "interrupted-rollback");
    expect(h.model.inspect().roleAssignments.length).toBe(before.roleAssignments.length + 1);
    const w = await reopenUnfinished(h, h.page, "interrupted-rollback");

    await w.frame.getByRole("button", { name: "Roll back", exact: true }).click();
    await w.frame.getByTestId("rolled-back").waitFor();
    await screenshot(h, "reliability-rolled-back-from-journal");

    expectNothingLeft(before, h.model.inspect());
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
