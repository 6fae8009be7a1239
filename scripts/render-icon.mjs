// Renders images/icon.svg to the 128×128 PNG the Marketplace needs, with Debian's Chromium.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const profile = mkdtempSync(path.join(tmpdir(), "icon-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  viewport: { width: 128, height: 128 },
});
const page = await context.newPage();
const svg = readFileSync("images/icon.svg", "utf8");
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.locator("svg").screenshot({ path: "images/icon.png", omitBackground: true });
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log("Wrote images/icon.png");
