import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { blockEverythingElse, routeAzureToModel } from "../../../emulator/doors/playwright";
import { AzureInABox, type AzureInABoxOptions } from "../../../emulator/model/azureInABox";
import { configureHubSignIn } from "../../../emulator/model/hubSetup";
import { startEmulatorServer, type RunningEmulator } from "../../../emulator/server/emulatorServer";
import { launchFreshBrowser, type FreshBrowser } from "./browser";
import { expectNoSecretLeak, type HygieneOptions } from "./secretHygiene";

export const ARTIFACTS = path.resolve("test-results/e2e");

export interface Harness {
  model: AzureInABox;
  emulator: RunningEmulator;
  browser: FreshBrowser;
  page: Page;
  /** Requests to hosts that are neither the emulator nor a real cloud. */
  blocked: string[];
  consoleErrors: string[];
  /** Content-Security-Policy violations reported by any page or frame (hub, settings, popups), in order. */
  cspViolations: CspViolation[];
  /**
   * How the secret-hygiene check runs when the harness closes (every journey is checked): secrets the test typed, or
   * that the person revealed; `false` only for the test that plants leaks on purpose.
   */
  hygiene: HygieneOptions | false;
  /** Closes the browser and the server; fails when a secret leaked or any page reported a CSP violation. */
  close(): Promise<void>;
}

/** One securitypolicyviolation event, with the page (document URL) it happened in. */
export interface CspViolation {
  page: string;
  directive: string;
  blockedUri: string;
  source: string;
  sample: string;
}

/**
 * Listens for securitypolicyviolation in every frame of every page of the context, before any page script runs, and
 * reports each to the test through an exposed binding.
 */
async function collectCspViolations(context: FreshBrowser["context"]): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await context.exposeBinding("__reportCspViolation", (_source, violation: CspViolation) => {
    violations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => {
        const report = (window as unknown as { __reportCspViolation?: (v: unknown) => Promise<void> }).__reportCspViolation;
        void report?.({
          page: e.documentURI,
          directive: e.effectiveDirective || e.violatedDirective,
          blockedUri: e.blockedURI,
          source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : "",
          sample: e.sample,
        });
      },
      true,
    );
  });
  return violations;
}

/** Fails with every Content-Security-Policy violation seen so far, grouped by page. */
export async function expectNoCspViolations(h: Pick<Harness, "cspViolations">): Promise<void> {
  // Reports travel through a binding: give the last ones a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const byPage = new Map<string, string[]>();
  for (const v of h.cspViolations)
    byPage.set(v.page, [
      ...(byPage.get(v.page) ?? []),
      `${v.directive} blocked ${v.blockedUri || "(inline)"}${v.source ? ` at ${v.source}` : ""}${v.sample ? ` "${v.sample}"` : ""}`,
    ]);
  const text = [...byPage].map(([page, list]) => `${page}\n  ${list.join("\n  ")}`).join("\n");
  expect(text, "Content-Security-Policy violations").toBe("");
}

/**
 * One journey's world: a fresh model, the emulator server for the host page and the production hub, and Chromium
 * with the real cloud host names routed to the model.
 */
export async function startHarness(options: AzureInABoxOptions & { configured?: boolean } = {}): Promise<Harness> {
  const model = new AzureInABox(options);
  if (options.configured !== false) configureHubSignIn(model.state, "AzureCloud");
  const emulator = await startEmulatorServer({
    model,
    hubDir: path.resolve("dist"),
    hostDir: path.resolve("dist-emulator"),
    devopsRoot: "real",
  });
  const browser = await launchFreshBrowser();
  const cspViolations = await collectCspViolations(browser.context);
  const blocked = await blockEverythingElse(browser.context, [new URL(emulator.hostUrl).origin, new URL(emulator.hubUrl).origin]);
  await routeAzureToModel(browser.context, model);
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  const harness: Harness = {
    model,
    emulator,
    browser,
    page,
    blocked,
    consoleErrors,
    cspViolations,
    hygiene: {},
    close: async () => {
      try {
        if (harness.hygiene !== false) await expectNoSecretLeak(harness, harness.hygiene);
        await expectNoCspViolations(harness);
      } finally {
        await browser.close();
        await emulator.close();
      }
    },
  };
  return harness;
}

/** The hub's frame inside the host page, once it has loaded. */
export async function hubFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#hub-frame");
  await page.waitForFunction(() => Boolean(window.__host?.loadSucceeded || window.__host?.loadFailed), undefined, { timeout: 15_000 });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("The host page has no hub frame.");
  return frame;
}
