// `npm run screenshots`: the Marketplace screenshots of overview.md, taken from the real production hub running in the
// emulated Azure DevOps host (the end-to-end tests' harness), into images/screenshots/. It records which build it
// photographed, so `npm run package` can tell when the screenshots are older than the bundle it ships.
// Options: --no-build (use dist/ as it is).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { configureHubSignIn } from "../emulator/model/hubSetup";
import { expectNoCspViolations, hubFrame, startHarness, type Harness } from "../tests/e2e/support/harness";
import { WizardDriver } from "../tests/e2e/support/wizard";

const SCREENSHOTS_DIR = "images/screenshots";
/** What was photographed, and from which build; scripts/package.mjs reads it. */
const SCREENSHOTS_RECORD = path.join(SCREENSHOTS_DIR, "screenshots.json");
const VIEWPORT = { width: 1366, height: 768 };
const taken: string[] = [];

/**
 * Which build is in dist/: its file names carry content hashes, so any change to what ships changes this.
 * scripts/package.mjs computes it the same way to tell whether the screenshots are current.
 */
function buildFingerprint(): string {
  const files = readdirSync("dist", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".LICENSE.txt"))
    .map((entry) => path.relative("dist", path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  return createHash("sha256").update(files.join("\n")).digest("hex");
}

/** Only the hub's frame, as Azure DevOps shows it below its own header. */
async function shoot(page: Page, file: string): Promise<void> {
  // Let fonts, focus rings and spinners settle.
  await page.waitForTimeout(300);
  await page.locator("#hub-frame").screenshot({ path: path.join(SCREENSHOTS_DIR, file) });
  taken.push(file);
  console.log(`  ${path.join(SCREENSHOTS_DIR, file)}`);
}

async function open(h: Harness, hub?: string): Promise<Frame> {
  await h.page.setViewportSize({ width: VIEWPORT.width, height: VIEWPORT.height + 41 });
  await h.page.goto(hub ? `${h.emulator.hostUrl}?${new URLSearchParams({ hub })}` : h.emulator.hostUrl);
  return hubFrame(h.page);
}

async function onboarding(): Promise<void> {
  const h = await startHarness({ configured: false });
  // The secret-hygiene check belongs to the end-to-end suite (tsx's helpers cannot run inside page.evaluate here).
  h.hygiene = false;
  try {
    const frame = await open(h);
    await frame.getByRole("heading", { name: "Set up sign-in first" }).waitFor();
    await frame
      .getByTestId("sign-in-setup-guide")
      .getByText("Add the single-page application platform and its redirect URIs")
      .scrollIntoViewIfNeeded();
    await shoot(h.page, "onboarding.png");

    const settings = await open(h, "/settings.html");
    await settings.getByRole("tab", { name: "Settings" }).click();
    await settings.getByRole("button", { name: "Save" }).waitFor({ timeout: 15_000 });
    await settings.getByRole("textbox", { name: /^Application \(client\) ID: Azure$/ }).fill("3f2504e0-4f89-41d3-9a0c-0305e82c3301");
    await shoot(h.page, "settings.png");
    await expectNoCspViolations(h);
  } finally {
    await h.close();
  }
}

async function journey(): Promise<void> {
  const h = await startHarness();
  h.hygiene = false;
  try {
    configureHubSignIn(h.model.state, "AzureCloud");
    const home = await open(h);
    await home.getByRole("button", { name: "New service connection" }).waitFor();
    await shoot(h.page, "hub.png");

    const w = new WizardDriver(home);
    await home.getByRole("button", { name: "New service connection" }).click();
    await w.signIn();
    await w.next();
    await w.page("Scope");
    await w.choose("Subscription", "Contoso Production");
    await shoot(h.page, "scope.png");
    await w.next();
    await w.page("App registration");
    await w.next();
    await w.page("Authentication");
    await w.next();
    await w.page("Role");
    await w.next();
    await w.page("Service connection");
    await w.frame.getByRole("checkbox", { name: "web-ci" }).click();
    await w.next();
    await w.page("Review");
    await shoot(h.page, "review.png");
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor({ timeout: 60_000 });
    await shoot(h.page, "result.png");
    await expectNoCspViolations(h);
  } finally {
    await h.close();
  }
}

// The harness's closing checks (CSP, secret hygiene) use Vitest's expect; outside Vitest a tiny stand-in reports the
// same way.
(globalThis as { expect?: unknown }).expect ??= (actual: unknown, message?: string) => ({
  toBe(expected: unknown) {
    if (actual !== expected) throw new Error(`${message ?? "check"}:\n${String(actual)}`);
  },
  toBeDefined() {
    if (actual === undefined) throw new Error(`${message ?? "check"}: undefined`);
  },
});

async function main(): Promise<void> {
  if (!process.argv.includes("--no-build")) {
    console.log("Building the production bundle…");
    const build = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["webpack", "--mode", "production"], { stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  console.log("Taking the Marketplace screenshots from the emulator:");
  await onboarding();
  await journey();
  writeFileSync(SCREENSHOTS_RECORD, `${JSON.stringify({ build: buildFingerprint(), files: taken, viewport: VIEWPORT }, null, 2)}\n`);
  console.log(`Recorded the build they show in ${SCREENSHOTS_RECORD}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
