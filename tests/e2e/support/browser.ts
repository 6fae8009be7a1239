import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

// The flags this machine needs: no sandbox as root, no GPU, and no background traffic to hosts that are unreachable here.
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface FreshBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium in a new, empty profile folder (Playwright refuses --user-data-dir in args). */
export async function launchFreshBrowser(): Promise<FreshBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "hub-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
