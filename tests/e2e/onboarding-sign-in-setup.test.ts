import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { configureHubSignIn } from "../../emulator/model/hubSetup";
import { SEED } from "../../emulator/model/seed";
import { ARTIFACTS, expectNoCspViolations, hubFrame, startHarness, type Harness } from "./support/harness";

/**
 * From "installed" to "can sign in": an organization that has not registered the hub's sign-in app sees how to, in the
 * project hub itself, with every value ready to copy; a sign-in that fails for a configuration reason leads back to it.
 */
const NAA_REDIRECT_URI = "https://dev.azure.com/_public/_MsalPopup";

async function openHub(h: Harness): Promise<Frame> {
  await h.page.goto(h.emulator.hostUrl);
  const frame = await hubFrame(h.page);
  await frame.getByRole("heading", { name: "Azure connections" }).waitFor();
  await frame.getByRole("button", { name: "New service connection" }).waitFor();
  return frame;
}

describe("onboarding: setting up sign-in from the project hub", () => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness({ configured: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows how to register the sign-in app when no client ID is configured", async () => {
    const frame = await openHub(h);
    const guide = frame.getByTestId("sign-in-setup-guide");
    await frame.getByRole("heading", { name: "Set up sign-in first" }).waitFor();
    await guide.getByText("Single-page application", { exact: true }).first().waitFor();
    // The two redirect URIs: the fixed one of nested app authentication, and the popup one computed from where the hub is served.
    expect(await guide.getByRole("textbox", { name: /nested app authentication/ }).inputValue()).toBe(NAA_REDIRECT_URI);
    expect(await guide.getByRole("textbox", { name: /pop-up window/ }).inputValue()).toBe(
      `${new URL(h.emulator.hubUrl).origin}/redirect-bridge.html`,
    );
    await guide.getByText(/changes with each published version/).waitFor();
    // The permissions, with the one that needs an administrator's consent marked.
    for (const permission of ["Application.ReadWrite.All", "User.ReadBasic.All", "user_impersonation"])
      await guide.getByText(permission, { exact: true }).waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "onboarding-guide.png"), fullPage: true });
  });

  it("copies a redirect URI with its Copy button", async () => {
    const frame = await openHub(h);
    await frame.getByRole("button", { name: /^Copy Redirect URI for signing in with a pop-up window/ }).click();
    await frame
      .getByRole("status")
      .filter({ hasText: /Copied|Selected/ })
      .first()
      .waitFor();
  });

  it("builds the admin-consent link for the tenant from the client ID", async () => {
    const frame = await openHub(h);
    const guide = frame.getByTestId("sign-in-setup-guide");
    await guide.getByText("Enter the application (client) ID to get the link.").waitFor();
    await guide.getByRole("textbox", { name: /^Application \(client\) ID/ }).fill(SEED.signInClientId);
    expect(await guide.getByRole("textbox", { name: "Admin consent link" }).inputValue()).toBe(
      `https://login.microsoftonline.com/organizations/adminconsent?client_id=${SEED.signInClientId}`,
    );
    await guide.getByRole("textbox", { name: /^Directory \(tenant\) ID or domain/ }).fill(SEED.tenantId);
    expect(await guide.getByRole("textbox", { name: "Admin consent link" }).inputValue()).toBe(
      `https://login.microsoftonline.com/${SEED.tenantId}/adminconsent?client_id=${SEED.signInClientId}`,
    );
    expect(await guide.getByRole("link", { name: "Open the admin consent page" }).getAttribute("href")).toContain(
      "/adminconsent?client_id=",
    );
  });

  it("leads a failed sign-in back to the guide when sign-in is not set up", async () => {
    const frame = await openHub(h);
    await frame.getByRole("button", { name: "New service connection" }).click();
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    await frame.getByText("Sign-in is not set up for this organization yet.").waitFor();
    await frame.getByRole("button", { name: "Open the sign-in setup guide" }).click();
    await frame
      .getByTestId("sign-in-setup-guide")
      .getByRole("textbox", { name: /nested app authentication/ })
      .waitFor();
  });

  it("leads an unknown client ID (AADSTS700016) back to the guide", async () => {
    configureHubSignIn(h.model.state, "AzureCloud", "0b0b0b0b-1111-4222-8333-444444444444");
    const frame = await openHub(h);
    await frame.getByRole("button", { name: "New service connection" }).click();
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    await frame.getByText("The sign-in app was not found in this directory.").waitFor({ timeout: 20_000 });
    await frame.getByRole("button", { name: "Open the sign-in setup guide" }).click();
    await frame.getByTestId("sign-in-setup-guide").waitFor();
  });

  it("is gone once a client ID is configured, and signing in works", async () => {
    configureHubSignIn(h.model.state, "AzureCloud", SEED.signInClientId);
    const frame = await openHub(h);
    await frame.getByRole("heading", { name: "Organization settings" }).waitFor();
    expect(await frame.getByRole("heading", { name: "Set up sign-in first" }).count()).toBe(0);
    expect(await frame.getByTestId("sign-in-setup-guide").count()).toBe(0);
    await frame.getByRole("button", { name: "New service connection" }).click();
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    await frame.getByTestId("signed-in").waitFor({ timeout: 20_000 });
  });

  it("signs in through the pop-up window once the redirect URI the guide showed is registered, with no CSP violation on the relay and bridge pages", async () => {
    const hubOrigin = new URL(h.emulator.hubUrl).origin;
    // What the administrator does with step 2's second URI.
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin}/redirect-bridge.html`);
    await h.page.goto(`${h.emulator.hostUrl}?naa=0`);
    const frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "New service connection" }).click();
    const opened = h.browser.context.waitForEvent("page");
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    const relay = await opened;
    await relay.waitForURL((url) => `${url.origin}${url.pathname}` === `${hubOrigin}/popup-relay.html`);
    await relay.getByRole("button", { name: "Continue" }).click();
    await frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
    const pages = new Set(h.cspViolations.map((v) => v.page));
    expect([...pages]).toEqual([]);
  });

  it("breaks no Content-Security-Policy rule and reaches no host outside the emulator and the real clouds", async () => {
    await expectNoCspViolations(h);
    expect(h.blocked).toEqual([]);
  });
});
