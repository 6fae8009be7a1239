import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Frame, Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** One line per audit (page or panel, theme, findings); globalSetup's teardown prints how many were audited. */
export const AXE_SUMMARY = path.resolve("test-results/axe-summary.txt");

interface Finding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

type AxeWindow = {
  axe?: {
    run(
      context: Document,
      options: object,
    ): Promise<{
      violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
    }>;
  };
};

/** Waits (at most 2 s) until no finite CSS transition or animation runs: a button turning enabled fades its colour in. */
async function settle(frame: Frame): Promise<void> {
  await frame
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 2_000 },
    )
    .catch(() => undefined);
}

async function findings(frame: Frame): Promise<Finding[]> {
  await settle(frame);
  // Playwright evaluates through the DevTools protocol, which the page's Content-Security-Policy does not apply to.
  if (!(await frame.evaluate(() => Boolean((window as unknown as AxeWindow).axe)))) await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(async () => {
    const result = await (window as unknown as AxeWindow).axe!.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} (${(n.failureSummary ?? "").replace(/\s+/g, " ").trim()})`),
    }));
  });
}

const background = (frame: Frame) => frame.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function switchTheme(host: Page, frame: Frame, theme: "light" | "dark"): Promise<void> {
  const current = await host.evaluate(() => window.__host.theme);
  if (current === theme) return;
  const before = await background(frame);
  await host.evaluate((name) => window.__host.setTheme(name), theme);
  await frame.waitForFunction((old) => getComputedStyle(document.body).backgroundColor !== old, before, { timeout: 5_000 });
  // azure-devops-ui animates colors (links: 80 ms): audit once they have settled, not a blend of both themes.
  await frame.waitForTimeout(300);
}

/**
 * Runs axe-core on what the hub frame shows now, in the light and the dark theme, and fails on any serious or critical
 * finding. The theme it found is restored afterwards, so a journey goes on as it was.
 */
export async function expectAccessible(host: Page, frame: Frame, label: string): Promise<void> {
  const start = await host.evaluate(() => window.__host.theme);
  // The resting page is audited: the pointer, left wherever the last click was, would otherwise hover a button.
  // (Moved inside the hub's frame: leaving it for the host page does not end a hover inside a cross-origin frame.)
  const box = await (await frame.frameElement()).boundingBox();
  if (box) await host.mouse.move(box.x + 2, box.y + 2);
  const problems: string[] = [];
  for (const theme of ["light", "dark"] as const) {
    await switchTheme(host, frame, theme);
    let found = await findings(frame);
    // A page that changed while it was audited (checks finishing, a step ending) is audited again once settled.
    if (found.some((f) => f.id === "color-contrast")) {
      await frame.waitForTimeout(500);
      found = await findings(frame);
    }
    const serious = found.filter((f) => f.impact === "serious" || f.impact === "critical");
    mkdirSync(path.dirname(AXE_SUMMARY), { recursive: true });
    appendFileSync(AXE_SUMMARY, `${label}\t${theme}\t${serious.length} serious or critical\t${found.length - serious.length} minor\n`);
    for (const f of serious) problems.push(`${label} (${theme}): ${f.impact} ${f.id} — ${f.help} at ${f.targets.join(", ")}`);
  }
  await switchTheme(host, frame, start === "dark" ? "dark" : "light");
  expect(problems.join("\n"), "axe-core findings").toBe("");
}
