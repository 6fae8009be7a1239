import { mkdirSync } from "node:fs";
import path from "node:path";
import { ARTIFACTS, hubFrame, startHarness, type Harness } from "./support/harness";
import { SEED } from "../../emulator/model/seed";

describe("the hub inside the emulated Azure DevOps host (production bundle)", () => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("shows the current project's name in the light theme and tells the host it loaded", async () => {
    await h.page.goto(h.emulator.hostUrl);
    const frame = await hubFrame(h.page);
    await frame.getByRole("heading", { name: "Azure connections" }).waitFor();
    await frame.getByText(`Azure Resource Manager service connections of ${SEED.project.name}`).waitFor();
    expect(await h.page.evaluate(() => window.__host.loadSucceeded)).toBe(true);
    const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(255, 255, 255)");
    await h.page.screenshot({ path: path.join(ARTIFACTS, "hub-light.png") });
  });

  it("switches to the dark theme when the host sends themeChanged", async () => {
    await h.page.goto(h.emulator.hostUrl);
    const frame = await hubFrame(h.page);
    await frame.getByText(SEED.project.name, { exact: false }).first().waitFor();
    await h.page.evaluate(() => window.__host.setTheme("dark"));
    await frame.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(30, 30, 30)");
    const text = await frame.evaluate(() => getComputedStyle(document.querySelector(".bolt-header-title")!).color);
    expect(text).toBe("rgba(255, 255, 255, 0.9)");
    await h.page.screenshot({ path: path.join(ARTIFACTS, "hub-dark.png") });
  });

  it("starts in the dark theme when Azure DevOps is dark", async () => {
    await h.page.goto(`${h.emulator.hostUrl}?theme=dark`);
    const frame = await hubFrame(h.page);
    await frame.getByRole("heading", { name: "Azure connections" }).waitFor();
    expect(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(30, 30, 30)");
  });

  it("explains that the page needs Azure DevOps when opened on its own", async () => {
    await h.page.goto(h.emulator.hubUrl);
    const alert = h.page.getByRole("alert");
    await alert.getByText("This page only works inside Azure DevOps.").waitFor();
    await alert.getByText("What to do:").waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, "hub-no-host.png") });
  });

  it("explains that Azure DevOps did not answer when the frame's parent is silent", async () => {
    await h.page.goto(`${h.emulator.hostUrl}_emulator/state`);
    await h.page.setContent(`<iframe id="silent" src="${h.emulator.hubUrl}" style="width:100%;height:600px"></iframe>`);
    const frame = h.page.frameLocator("#silent");
    await frame.getByText("Azure DevOps did not answer.").waitFor({ timeout: 15_000 });
    await frame.getByText("Reload the page.", { exact: false }).waitFor();
  });

  it("reaches no host outside the emulator and the real clouds", () => {
    expect(h.blocked).toEqual([]);
  });
});
