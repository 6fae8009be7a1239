import type { Frame } from "playwright-core";
import { configureHubSignIn } from "../../emulator/model/hubSetup";
import { SEED } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";

/**
 * Nested app authentication is brokered by the Azure DevOps host, which signs in to the public cloud only: a
 * sovereign cloud's sign-in opens the pop-up window through the relay page, at that cloud's own authority, and never
 * asks the host's bridge, even where the host offers it. (The emulator has no Azure Government: its authority is
 * answered here with a placeholder page, which is enough to see where the window went.)
 */
const GOV_AUTHORITY = "https://login.microsoftonline.us";

describe("signing in to Azure Government (a sovereign cloud)", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    configureHubSignIn(h.model.state, "AzureUSGovernment", SEED.signInClientId);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("goes through the relay pop-up to the cloud's own authority, never through the host's bridge", async () => {
    const requests: string[] = [];
    h.browser.context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    const authorize: string[] = [];
    await h.browser.context.route(
      (url) => url.origin === GOV_AUTHORITY,
      async (route) => {
        authorize.push(route.request().url());
        await route.fulfill({
          status: 200,
          contentType: "text/html",
          body: "<!doctype html><title>Azure Government</title><p>Sign in</p>",
        });
      },
    );
    // The host offers nested app authentication (no ?naa=0).
    await h.page.goto(h.emulator.hostUrl);
    const frame: Frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "New service connection" }).click({ timeout: 20_000 });
    await frame.getByRole("button", { name: "Cloud" }).click();
    await frame.getByRole("option", { name: "Azure Government" }).click();

    const opened = h.browser.context.waitForEvent("page");
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    const relay = await opened;
    await relay.waitForURL((url) => url.pathname.endsWith("/popup-relay.html"));
    await relay.getByRole("button", { name: "Continue" }).click();

    await expect.poll(() => authorize.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const url = new URL(authorize[0]!);
    expect(url.pathname).toMatch(/^\/organizations\/oauth2\/v2\.0\/authorize$/);
    expect(url.searchParams.get("client_id")).toBe(SEED.signInClientId);
    expect(url.searchParams.get("scope")).toContain("https://graph.microsoft.us/");
    // Never the host's bridge, and nothing at the public cloud's authority.
    expect(requests.filter((r) => r.includes("/_naa/bridge"))).toEqual([]);
    expect(requests.filter((r) => r.includes("login.microsoftonline.com"))).toEqual([]);
  });
});
