import type { Frame } from "playwright-core";
import { SEED } from "../../emulator/model/seed";
import { addExistingConnection, type SeededConnection } from "../unit/workflows/connections/connectionScenarios";
import { expectNoCspViolations, startHarness, type Harness } from "./support/harness";
import { screenshot, scriptErrors } from "./support/journey";

const DAY_MS = 86_400_000;
const READER = { id: "b5b2c3d4-1111-4222-8333-444455556666", displayName: "Ada Admin" };
const HIDDEN_CONNECTION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

/** The widget's frame in the emulated dashboard, once the widget answered the dashboard's `load`. */
async function widgetFrame(h: Harness, query: string): Promise<Frame> {
  await h.page.goto(`${h.emulator.hostUrl}?${query}`);
  const handle = await h.page.waitForSelector("#hub-frame");
  await h.page.waitForFunction(() => Boolean(window.__host?.widget?.status || window.__host?.widget?.error), undefined, {
    timeout: 20_000,
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The dashboard has no widget frame.");
  return frame;
}

const rows = (frame: Frame) => frame.getByTestId("expiring-connection");

describe("the dashboard widget 'Azure secrets expiring'", () => {
  let h: Harness;
  const seeded: Record<string, SeededConnection> = {};
  beforeAll(async () => {
    h = await startHarness();
    const model = h.model;
    const now = model.clock.now().getTime();
    for (const [name, secretDays] of [
      ["deploy-stale", 12],
      ["deploy-expired", -5],
      ["deploy-healthy", 200],
      ["deploy-unread", 3],
      ["deploy-tampered", 4],
    ] as const) {
      seeded[name] = addExistingConnection(model, { name, secretDays });
    }
    // A connection of another project only: the viewer's call for this project does not return it.
    seeded["elsewhere"] = addExistingConnection(model, { name: "elsewhere", secretDays: -1 });
    seeded["elsewhere"].endpoint.serviceEndpointProjectReferences = [
      { projectReference: { id: SEED.otherProject.id, name: SEED.otherProject.name }, name: "elsewhere", description: "" },
    ];
    const endOf = (name: string) => seeded[name]!.app.passwordCredentials[0]!.endDateTime;
    const doc = (name: string, readDaysAgo: number, reader = READER) => {
      const id = seeded[name]!.endpoint.id;
      return {
        id,
        schema: 1,
        connectionId: id,
        appId: seeded[name]!.app.appId,
        endDateTime: endOf(name),
        readAt: new Date(now - readDaysAgo * DAY_MS).toISOString(),
        readBy: reader,
        __etag: 1,
      };
    };
    const documents = [
      // Read 200 days ago: shown, with its read date and as possibly out of date.
      doc("deploy-stale", 200),
      // A script-like name is only ever text.
      doc("deploy-expired", 1, { id: READER.id, displayName: '<img src=x onerror="window.__pwned=1">' }),
      doc("deploy-healthy", 2),
      // Tampered: the reader is not a person record, so the whole entry is ignored.
      { ...doc("deploy-tampered", 1), readBy: "<script>alert(1)</script>" },
      // Connections the viewer cannot see (another project's, or none at all): never shown.
      doc("elsewhere", 1),
      {
        ...doc("deploy-stale", 1),
        id: HIDDEN_CONNECTION,
        connectionId: HIDDEN_CONNECTION,
        endDateTime: new Date(now - 2 * DAY_MS).toISOString(),
      },
    ];
    model.state.devops.extensionData[`Default/Current/expiry-index-${SEED.project.id.toLowerCase()}`] = Object.fromEntries(
      documents.map((d) => [d.id, d]),
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it("lists the stale and the expired secret with when and by whom they were read, ignores the tampered and the unseen entries (light theme, 2x2)", async () => {
    const frame = await widgetFrame(h, "widget=widget&theme=light");
    expect(await h.page.evaluate(() => window.__host.widget?.status)).toMatchObject({ statusType: 0 });
    await frame.getByTestId("expiry-summary").waitFor();
    expect(await frame.getByTestId("expiry-summary").textContent()).toBe("1 secret has expired · 1 secret expires within 30 days.");
    expect(await rows(frame).count()).toBe(2);
    const stale = rows(frame).filter({ hasText: "deploy-stale" });
    expect(await stale.textContent()).toMatch(/Expires in 1[12] days \(.+\)Read 200 days ago by Ada Admin \(.+\) · may be out of date/);
    const expired = rows(frame).filter({ hasText: "deploy-expired" });
    expect(await expired.textContent()).toMatch(/Expired [56] days ago/);
    await expired.getByText('by <img src=x onerror="window.__pwned=1">', { exact: false }).waitFor();
    expect(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await frame.locator("img").count()).toBe(0);
    expect(await frame.getByTestId("expiry-notes").textContent()).toBe(
      "2 connections have no reading yet · 1 unreadable index entry ignored. ",
    );
    expect(await frame.locator(`a[href*="${HIDDEN_CONNECTION}"]`).count()).toBe(0);
    expect(await frame.getByText("elsewhere").count()).toBe(0);
    const box = await h.page.locator("#hub-frame").boundingBox();
    expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([330, 330]);
    await screenshot(h, "widget-2x2-light");

    // Each name opens the hub's page for that connection, through the host.
    await stale.getByRole("link", { name: "deploy-stale" }).click();
    const navigations = await h.page.evaluate(() => window.__host.navigations);
    expect(navigations.at(-1)).toBe(
      `https://dev.azure.com/${h.model.state.devops.organization}/${encodeURIComponent(SEED.project.name)}/_settings/emulated-publisher.arm-connection-hub.azure-connections-hub?connection=${seeded["deploy-stale"]!.endpoint.id}`,
    );

    // The host switches to the dark theme: the widget follows.
    await h.page.evaluate(() => window.__host.setTheme("dark"));
    await frame.waitForFunction(() => getComputedStyle(document.body).backgroundColor !== "rgb(255, 255, 255)");
    await screenshot(h, "widget-2x2-dark-after-switch");
    await expectNoCspViolations(h);
    expect(scriptErrors(h)).toEqual([]);
  });

  it("renders in the dark theme from the start, and at 4x2 with a longer threshold", async () => {
    const dark = await widgetFrame(h, "widget=widget&theme=dark");
    await dark.getByTestId("expiry-summary").waitFor();
    expect(await rows(dark).count()).toBe(2);
    await screenshot(h, "widget-2x2-dark");

    const wide = await widgetFrame(h, "widget=widget&size=4x2&days=365&theme=light");
    await wide.getByTestId("expiry-summary").waitFor();
    expect(await wide.getByTestId("expiry-summary").textContent()).toBe("1 secret has expired · 2 secrets expire within 365 days.");
    expect(await rows(wide).allTextContents()).toEqual([
      expect.stringContaining("deploy-expired"),
      expect.stringContaining("deploy-stale"),
      expect.stringContaining("deploy-healthy"),
    ]);
    const box = await h.page.locator("#hub-frame").boundingBox();
    expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([670, 330]);
    await screenshot(h, "widget-4x2-light");
    await expectNoCspViolations(h);
  });

  it("says it needs a dashboard when opened on its own", async () => {
    await h.page.goto(h.emulator.hubUrl.replace(/hub\.html$/, "widget.html"));
    await h.page.getByText("This widget only works on an Azure DevOps dashboard.").waitFor();
  });

  it("configures the threshold with a labelled field, tells the dashboard of each valid change, and refuses an invalid one", async () => {
    const frame = await widgetFrame(h, "widget=configuration&days=30");
    const field = frame.getByLabel("Warn about secrets expiring within (days)");
    expect(await field.inputValue()).toBe("30");
    await field.fill("60");
    await h.page.waitForFunction(() => window.__host.widget!.notifications.length > 0);
    expect(await h.page.evaluate(() => window.__host.widget!.notifications.at(-1))).toEqual({
      event: "ms.vss-dashboards-web.configurationChange",
      data: { data: '{"days":60}' },
    });
    expect(await h.page.evaluate(() => window.__host.widget!.settings.customSettings)).toEqual({ data: '{"days":60}' });
    expect(await h.page.evaluate(() => window.__host.widget!.save())).toEqual({ customSettings: { data: '{"days":60}' }, isValid: true });
    await screenshot(h, "widget-configuration");

    await field.fill("0");
    await frame.getByText("Enter a whole number of days from 1 to 365.").waitFor();
    const saved = await h.page.evaluate(() =>
      window.__host.widget!.save().then(
        (v) => v,
        (e: unknown) => ({ rejected: e }),
      ),
    );
    expect(saved).toEqual({ rejected: { isValid: false } });
    await expectNoCspViolations(h);
  });
});
