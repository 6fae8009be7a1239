import type { Frame, Page } from "playwright-core";
import { SEED } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";

/**
 * "Sign in with another account": an administrator whose Azure DevOps account is not the one with rights in Azure
 * signs in through a pop-up window with their separate account, even though the host's nested sign-in works; the
 * hub then acts as that account, in the guided form and in the Connections tab.
 */
const ANOTHER = "Sign in with another account";

async function throughRelay(h: Harness, click: () => Promise<void>): Promise<Page> {
  const opened = h.browser.context.waitForEvent("page");
  await click();
  const relay = await opened;
  await relay.waitForURL((url) => url.pathname.endsWith("/popup-relay.html"));
  await relay.getByRole("button", { name: "Continue" }).click();
  return relay;
}

describe("signing in with another account than the Azure DevOps one", () => {
  let h: Harness;
  let frame: Frame;

  beforeEach(async () => {
    h = await startHarness();
    // The pop-up path's redirect URI is registered (the setup guide's second URI).
    h.model.state.signInApps[0]!.redirectUris.push(`${new URL(h.emulator.hubUrl).origin}/redirect-bridge.html`);
    // An administrator consented to the sign-in app for the directory (the normal setup), so any member can sign in.
    h.model.state.tenants.find((t) => t.id === SEED.tenantId)!.adminConsentedClientIds.push(SEED.signInClientId);
    // The host (Azure DevOps) is signed in as the developer; the administrator account is a separate one.
    h.model.knobs.signedInUserId = SEED.users.developer;
    await h.page.goto(h.emulator.hostUrl);
    frame = await hubFrame(h.page);
  });
  afterEach(async () => {
    await h?.close();
  });

  it("switches the guided form from the Azure DevOps account to the one chosen in the pop-up", async () => {
    await frame.getByRole("button", { name: "New service connection" }).click({ timeout: 20_000 });
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    const signedIn = frame.getByTestId("signed-in");
    await signedIn.getByText("dev@contoso.onmicrosoft.com").waitFor({ timeout: 30_000 });
    expect(await signedIn.textContent()).toContain("through Azure DevOps");

    // In the pop-up, the person signs in with the administrator account.
    h.model.knobs.signedInUserId = SEED.users.admin;
    await throughRelay(h, () => frame.getByRole("button", { name: ANOTHER }).click());

    await signedIn.getByText("admin@contoso.onmicrosoft.com").waitFor({ timeout: 30_000 });
    expect(await signedIn.textContent()).not.toContain("through Azure DevOps");
    expect(h.blocked).toEqual([]);
  });

  it("signs in with another account from the Connections tab", async () => {
    await frame.getByRole("tab", { name: "Connections" }).click({ timeout: 20_000 });
    h.model.knobs.signedInUserId = SEED.users.admin;
    await throughRelay(h, () => frame.getByRole("button", { name: ANOTHER }).click());
    await frame.getByTestId("signed-in").getByText("admin@contoso.onmicrosoft.com").waitFor({ timeout: 30_000 });
  });
});
