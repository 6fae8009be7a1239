import { subscriptionIdAt } from "../../emulator/model/seed";
import type { Frame } from "playwright-core";
import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, openWizard, screenshot, scriptErrors } from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";

/**
 * Names that come back from Azure and Azure DevOps are data, not markup: a subscription and a pipeline named like an
 * HTML injection are walked through the whole guided form in Chromium. No payload may run (each would set a global
 * flag in whichever frame it ran in), and the names show literally on every page.
 */
const FLAG = "__hostilePayloadRan";
const SUBSCRIPTION = `<img src=x onerror="window.${FLAG}=1">Prod`;
const PIPELINE = `<svg onload="window.${FLAG}=1">ci</svg>`;
const RTL_GROUP = "\u202Eved\u202C شبكة <script>window.__hostilePayloadRan=1</script>";

async function expectNothingRan(h: Harness, frame: Frame): Promise<void> {
  for (const target of [h.page.mainFrame(), frame]) {
    expect(await target.evaluate((flag) => (window as unknown as Record<string, unknown>)[flag], FLAG)).toBeUndefined();
    expect(await target.evaluate(() => document.querySelectorAll("img[src='x'], svg[onload], body script:not([src])").length)).toBe(0);
  }
}

describe("hostile names from the services", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.model.state.subscriptions.find((s) => s.subscriptionId === subscriptionIdAt(0))!.displayName = SUBSCRIPTION;
    h.model.state.devops.buildDefinitions.find((d) => d.id === 11)!.name = PIPELINE;
    h.model.state.managementGroups.find((g) => g.name === "contoso-platform")!.displayName = RTL_GROUP;
  });
  afterAll(async () => {
    await h?.close();
  });

  it("show as text on every page of the guided form, and no payload runs", async () => {
    const w = await openWizard(h);
    await w.choose("Subscription", SUBSCRIPTION);
    await expectNothingRan(h, w.frame);
    expect(await w.frame.getByRole("button", { name: /^Subscription/ }).inputValue()).toBe(`${SUBSCRIPTION} (${subscriptionIdAt(0)})`);

    // The management group list shows the right-to-left name as it is.
    await w.frame.getByRole("radio", { name: "Management Group" }).click();
    await w.frame.getByRole("button", { name: /^Management group/ }).click();
    await w.frame.getByRole("option", { name: RTL_GROUP, exact: false }).waitFor();
    expect(await w.frame.getByRole("option", { name: RTL_GROUP, exact: false }).textContent()).toContain(RTL_GROUP);
    await h.page.keyboard.press("Escape");
    await w.frame.getByRole("radio", { name: "Subscription" }).click();
    await w.choose("Subscription", SUBSCRIPTION);

    // Default names come from the template with the subscription's name in them: text, not markup.
    await acceptDefaultsToReview(w, { pipelines: [PIPELINE] });
    await screenshot(h, "hostile-input-review");
    const review = await w.frame.locator("body").innerText();
    expect(review).toContain(SUBSCRIPTION);
    expect(review).toContain(PIPELINE);
    await expectNothingRan(h, w.frame);

    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await screenshot(h, "hostile-input-result");
    expect(await w.frame.locator("body").innerText()).toContain(SUBSCRIPTION);
    await expectNothingRan(h, w.frame);

    // What was saved is the text itself.
    const endpoint = h.model.inspect().devops.serviceEndpoints[0]!;
    expect(endpoint.data["subscriptionName"]).toBe(SUBSCRIPTION);
    expect(endpoint.name).toContain(SUBSCRIPTION);
    expect(scriptErrors(h)).toEqual([]);
    expect(h.cspViolations).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
