import type { Frame } from "playwright-core";
import { addSharedConnection } from "../../emulator/model/scenarios";
import { projectAt, SEED } from "../../emulator/model/seed";
import { expectAccessible } from "./support/axe";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { screenshot } from "./support/journey";

/**
 * Organization settings > Azure connections > "Connections across projects" in the emulated host: three projects, a
 * connection shared by two of them, and a project whose connection list Azure DevOps refuses. Light and dark themes.
 */
const row = (frame: Frame, name: string) =>
  frame.getByRole("row").filter({ has: frame.getByRole("button", { name: `Details of ${name}`, exact: true }) });

async function openOrganizationTab(h: Harness, theme: "light" | "dark"): Promise<Frame> {
  await h.page.goto(`${h.emulator.hostUrl}?${new URLSearchParams({ hub: "/settings.html", theme })}`);
  const frame = await hubFrame(h.page);
  await frame.getByRole("heading", { name: "Azure connections" }).waitFor();
  await frame.getByRole("tab", { name: "Connections across projects", selected: true }).waitFor({ timeout: 15_000 });
  await frame.getByTestId("organization-summary").waitFor({ timeout: 20_000 });
  return frame;
}

describe("Connections across projects", () => {
  let h: Harness;
  let sharedId: string;
  beforeAll(async () => {
    h = await startHarness({ seed: { projectCount: 3 } });
    sharedId = addSharedConnection(h.model, { name: "shared-prod", projects: [SEED.project.id, projectAt(2).id] }).endpoint.id;
    addSharedConnection(h.model, { name: "web-only", projects: [SEED.project.id] });
    addSharedConnection(h.model, { name: "third-only", projects: [projectAt(2).id] });
    addSharedConnection(h.model, { name: "hidden-in-data", projects: [SEED.otherProject.id] });
    h.model.knobs.failingEndpointLists = { [SEED.otherProject.id]: 403 };
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const theme of ["light", "dark"] as const) {
    it(`lists a shared connection once and an unreadable project with its reason, then expiry once signed in (${theme})`, async () => {
      const frame = await openOrganizationTab(h, theme);
      const summary = frame.getByTestId("organization-summary");
      expect(await summary.textContent()).toMatch(/^3 Azure Resource Manager connections · sign in to read .* · 3 projects$/);
      const names = await frame.getByRole("button", { name: /^Details of / }).allTextContents();
      expect(names).toEqual(["shared-prod", "third-only", "web-only"]);
      await row(frame, "shared-prod")
        .getByText(`${SEED.project.name}, ${projectAt(2).name}`)
        .waitFor();
      const failures = frame.getByTestId("project-failures");
      await failures.getByText(SEED.otherProject.name).waitFor();
      expect(await failures.textContent()).toMatch(/permission/i);
      await screenshot(h, `organization-connections-${theme}`);
      await expectAccessible(h.page, frame, `Connections across projects (${theme})`);

      if ((await frame.getByTestId("signed-in").count()) === 0) {
        await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
        await frame.getByTestId("signed-in").waitFor({ timeout: 20_000 });
      }
      await summary.filter({ hasText: "within 30 days" }).waitFor({ timeout: 20_000 });
      await row(frame, "shared-prod")
        .getByText(/^\d{4}-\d{2}-\d{2} \(in \d+ days\)$/)
        .waitFor();

      await frame.getByRole("button", { name: "Details of shared-prod" }).click();
      const link = frame.getByRole("link", { name: `Open in project ${projectAt(2).name}` });
      expect(await link.getAttribute("href")).toMatch(
        new RegExp(`/${encodeURIComponent(projectAt(2).name)}/_settings/[^?]+\\.azure-connections-hub\\?connection=${sharedId}$`),
      );
      await frame.getByRole("button", { name: "Rotate the secret" }).waitFor();
      await screenshot(h, `organization-connection-panel-${theme}`);
      await expectAccessible(h.page, frame, `Connections across projects: a connection (${theme})`);
    });
  }
});
