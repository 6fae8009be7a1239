import type { Frame } from "playwright-core";
import { SEED } from "../../emulator/model/seed";
import { addExistingConnection } from "../unit/workflows/connections/connectionScenarios";
import { expectNoCspViolations, hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, recordCalls, screenshot, type RecordedCall } from "./support/journey";
import { expectAccessible } from "./support/axe";
import { WizardDriver } from "./support/wizard";

const DAY_MS = 86_400_000;

/** The row of a connection in the inventory table, by its name button. */
const row = (frame: Frame, name: string) =>
  frame.getByRole("row").filter({ has: frame.getByRole("button", { name: `Details of ${name}`, exact: true }) });
/** A badge (pill) in a connection's row. */
const badge = (frame: Frame, name: string, label: string) => row(frame, name).getByLabel(label, { exact: true });

describe("the Connections tab's inventory of a project with connections of every kind", () => {
  let h: Harness;
  let calls: RecordedCall[];
  beforeAll(async () => {
    h = await startHarness();
    const model = h.model;
    // Made elsewhere, before the hub opens: by an administrator, federated, shared, one whose app lives in another directory.
    addExistingConnection(model, { name: "admin-made", secretDays: 200 });
    addExistingConnection(model, { name: "federated-deploy", federated: true });
    addExistingConnection(model, { name: "shared-deploy", sharedWithOtherProject: true });
    addExistingConnection(model, { name: "foreign-app", appInOtherTenant: true });
    addExistingConnection(model, { name: "expires-soon", secretDays: 10 });
    // Made ten days ago with a five-day secret: the model's clock goes back to make it, then forward to now again.
    model.clock.advance(-10 * DAY_MS);
    addExistingConnection(model, { name: "expired", secretDays: 5 });
    model.clock.advance(10 * DAY_MS);
    calls = recordCalls(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists every connection with its scope, credential, owners, sharing and badges, and one created by the extension", async () => {
    await h.page.goto(h.emulator.hostUrl);
    const w = new WizardDriver(await hubFrame(h.page));
    // One connection created by a provisioning run of this extension, through the guided form.
    await w.frame.getByRole("button", { name: "New service connection" }).click();
    await w.signIn();
    await w.next();
    await w.page("Scope");
    await w.choose("Subscription", "Contoso Production");
    await acceptDefaultsToReview(w, { pipelines: ["web-ci"] });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByRole("button", { name: "Done" }).click();
    const madeByWizard = h.model
      .inspect()
      .devops.serviceEndpoints.find(
        (e) =>
          e.createdBy && !["admin-made", "federated-deploy", "shared-deploy", "foreign-app", "expires-soon", "expired"].includes(e.name),
      )!;
    const graphBefore = calls.filter((c) => c.service === "graph").length;

    await w.frame.getByRole("tab", { name: "Connections" }).click();
    const frame = w.frame;
    const summary = frame.getByTestId("inventory-summary");
    await summary.filter({ hasText: "within 30 days" }).waitFor({ timeout: 20_000 });
    await screenshot(h, "connections-inventory");
    await expectAccessible(h.page, frame, "Connections tab");

    expect(await summary.textContent()).toBe(
      "7 Azure Resource Manager connections · 1 secret expires within 30 days · 1 secret has expired · 1 app you cannot read" +
        " · 1 connection to move to the Entra issuer",
    );
    const names = await frame.getByRole("button", { name: /^Details of / }).allTextContents();
    expect(names.sort()).toEqual(
      ["admin-made", "expired", "expires-soon", "federated-deploy", "foreign-app", madeByWizard.name, "shared-deploy"].sort(),
    );

    const ours = row(frame, madeByWizard.name);
    await ours.getByText("Subscription: Contoso Production").waitFor();
    await ours.getByText("Yes", { exact: true }).waitFor();
    await row(frame, "admin-made").getByText("No", { exact: true }).waitFor();
    await badge(frame, "expires-soon", "Expires within 30 days").waitFor();
    await row(frame, "expires-soon")
      .getByText(/\(in (9|10) days\)/)
      .waitFor();
    await row(frame, "expired")
      .getByText(/^Expired \d+ days? ago/)
      .waitFor();
    await badge(frame, "expired", "Expired").waitFor();
    await badge(frame, "federated-deploy", "Federated").waitFor();
    await row(frame, "federated-deploy").getByText("Workload identity federation").waitFor();
    await row(frame, "shared-deploy").getByText(SEED.otherProject.name).waitFor();
    await badge(frame, "foreign-app", "No access to the app").waitFor();
    // Badges only where they belong.
    expect(await row(frame, "admin-made").locator(".bolt-pill").count()).toBe(0);
    expect(await row(frame, madeByWizard.name).locator(".bolt-pill").count()).toBe(0);
    await row(frame, "admin-made").getByText("Ada Admin").waitFor();

    // At 1280 px every cell is readable in the table: no text is clipped (cells wrap), no badge is cut.
    const clipped = await frame.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          ".connections-table .connection-cell-text, .connections-table .bolt-pill, .connections-table .connection-name",
        ),
      ]
        .filter(
          (el) =>
            el.scrollWidth > el.clientWidth + 1 ||
            el.getBoundingClientRect().right > (el.closest(".bolt-table-cell")?.getBoundingClientRect().right ?? Infinity) + 1,
        )
        .map((el) => el.textContent),
    );
    expect(clipped).toEqual([]);

    // Seven apps, one $batch request; nothing else from Graph.
    const graph = calls.filter((c) => c.service === "graph").slice(graphBefore);
    expect(graph.map((c) => `${c.method} ${c.path}`)).toEqual(["POST /v1.0/$batch"]);
    expect(h.blocked).toEqual([]);
  });

  it("filters to what needs attention and opens a connection's details", async () => {
    const frame = await hubFrame(h.page);
    await frame.getByRole("button", { name: "Show" }).click();
    await frame.getByRole("option", { name: "Needs attention" }).click();
    await frame.getByTestId("row-count").filter({ hasText: "Showing 4 of 7" }).waitFor();
    const names = await frame.getByRole("button", { name: /^Details of / }).allTextContents();
    // The federated connection is on the retiring Azure DevOps issuer.
    expect(names.sort()).toEqual(["expired", "expires-soon", "federated-deploy", "foreign-app"]);

    await frame.getByRole("button", { name: "Details of foreign-app" }).click();
    const panel = frame.getByRole("dialog");
    await panel
      .getByText("The app registration is not in the directory you signed in to (it may be another directory's app, or deleted).")
      .first()
      .waitFor();
    await screenshot(h, "connections-details-no-access");
    await expectAccessible(h.page, frame, "Connections: details panel");
    await expectNoCspViolations(h);
  });
});
