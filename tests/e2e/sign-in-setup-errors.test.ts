import type { Frame, Request } from "playwright-core";
import { SEED } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { hubFrame, startHarness, type Harness } from "./support/harness";

/**
 * A single-tenant sign-in app ("Accounts in this organizational directory only") cannot be signed in to at
 * /organizations: Entra answers AADSTS50194. The hub names the exact fix (the default directory in settings, or a
 * multi-tenant app) and opens the setup guide, in the guided form and in the Connections tab; with the default
 * directory set, sign-in works at the tenant's own authority.
 */
const SIGN_IN = "Sign in to Microsoft Entra ID";
const TITLE_50194 = "The sign-in app accepts only accounts of its own directory.";

/** What an administrator does in Organization settings > Azure connections: the app's directory as the default one. */
function setDefaultDirectory(state: State, tenantId: string): void {
  const collection = (state.devops.extensionData["Default/Current/settings"] ??= {});
  const current = collection["organization"] ?? { id: "organization", __etag: 0 };
  collection["organization"] = { ...current, defaultTenantId: tenantId, __etag: Number(current["__etag"] ?? 0) + 1 };
}

async function openHub(h: Harness): Promise<Frame> {
  await h.page.goto(h.emulator.hostUrl);
  const frame = await hubFrame(h.page);
  await frame.getByRole("button", { name: "New service connection" }).waitFor({ timeout: 20_000 });
  return frame;
}

async function expectTheFix(frame: Frame): Promise<void> {
  const card = frame.locator(".inline-problem").filter({ hasText: TITLE_50194 });
  await card.waitFor({ timeout: 30_000 });
  const text = (await card.textContent()) ?? "";
  expect(text).toContain("Directory (tenant) ID as the default directory in Organization settings > Azure connections");
  expect(text).toContain("make the app multi-tenant");
  // The code is for support, in the closed disclosure.
  expect(await card.locator("details").getAttribute("open")).toBeNull();
  expect(await card.locator("details").textContent()).toContain("AADSTS50194");
  await frame.getByRole("button", { name: "Open the sign-in setup guide" }).click();
  await frame.getByTestId("sign-in-setup-guide").waitFor();
}

describe("a single-tenant sign-in app (AADSTS50194)", () => {
  let h: Harness;
  let bridgeBodies: string[];

  beforeEach(async () => {
    h = await startHarness();
    // The seeded sign-in app made single-tenant (entra ROUTES.md: signInAudience AzureADMyOrg).
    h.model.state.signInApps.find((a) => a.clientId === SEED.signInClientId)!.signInAudience = "AzureADMyOrg";
    bridgeBodies = [];
    h.browser.context.on("request", (request: Request) => {
      if (request.url().endsWith("/_naa/bridge")) bridgeBodies.push(request.postData() ?? "");
    });
  });
  afterEach(async () => {
    await h?.close();
  });

  it("names the fix and opens the setup guide in the guided form, and in the Connections tab", async () => {
    let frame = await openHub(h);
    await frame.getByRole("button", { name: "New service connection" }).click();
    await frame.getByRole("button", { name: SIGN_IN }).click();
    await expectTheFix(frame);
    expect(await frame.getByTestId("signed-in").count()).toBe(0);

    frame = await openHub(h);
    await frame.getByRole("tab", { name: "Connections" }).click();
    await frame.getByRole("button", { name: SIGN_IN }).click();
    await expectTheFix(frame);
  });

  it("signs in at the tenant's own authority once the default directory is set in settings", async () => {
    setDefaultDirectory(h.model.state, SEED.tenantId);
    const frame = await openHub(h);
    await frame.getByRole("button", { name: "New service connection" }).click();
    await frame.getByRole("button", { name: SIGN_IN }).click();
    await frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
    expect(await frame.getByText(TITLE_50194).count()).toBe(0);
    // The host was asked for tokens at the tenant, never at /organizations.
    const tokenRequests = bridgeBodies.filter((b) => b.includes("GetToken"));
    expect(tokenRequests.length).toBeGreaterThan(0);
    for (const body of tokenRequests) {
      expect(body).toContain(SEED.tenantId);
      expect(body).not.toContain("/organizations");
    }
  });
});
