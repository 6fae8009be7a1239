import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { blockEverythingElse, routeAzureToModel } from "../../../emulator/doors/playwright";
import { AzureInABox, type AzureInABoxOptions } from "../../../emulator/model/azureInABox";
import { configureHubSignIn } from "../../../emulator/model/hubSetup";
import { startEmulatorServer, type RunningEmulator } from "../../../emulator/server/emulatorServer";
import { launchFreshBrowser, type FreshBrowser } from "./browser";

export const ARTIFACTS = path.resolve("test-results/e2e");

export interface Harness {
  model: AzureInABox;
  emulator: RunningEmulator;
  browser: FreshBrowser;
  page: Page;
  /** Requests to hosts that are neither the emulator nor a real cloud. */
  blocked: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * One journey's world: a fresh model, the emulator server for the host page and the production hub, and Chromium
 * with the real cloud host names routed to the model.
 */
export async function startHarness(options: AzureInABoxOptions & { configured?: boolean } = {}): Promise<Harness> {
  const model = new AzureInABox(options);
  if (options.configured !== false) configureHubSignIn(model.state, "AzureCloud");
  const emulator = await startEmulatorServer({ model, hubDir: path.resolve("dist"), hostDir: path.resolve("dist-emulator"), devopsRoot: "real" });
  const browser = await launchFreshBrowser();
  const blocked = await blockEverythingElse(browser.context, [new URL(emulator.hostUrl).origin, new URL(emulator.hubUrl).origin]);
  await routeAzureToModel(browser.context, model);
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  return {
    model,
    emulator,
    browser,
    page,
    blocked,
    consoleErrors,
    close: async () => {
      await browser.close();
      await emulator.close();
    },
  };
}

/** The hub's frame inside the host page, once it has loaded. */
export async function hubFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#hub-frame");
  await page.waitForFunction(() => Boolean(window.__host?.loadSucceeded || window.__host?.loadFailed), undefined, { timeout: 15_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The host page has no hub frame.");
  return frame;
}
