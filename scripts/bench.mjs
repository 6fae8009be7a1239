// `npm run bench`: builds the production bundle, runs the benchmark project, and prints one table of figures with the
// budget beside each. Gates (sizes, counts, ratios) make the command fail when missed; timings are reported.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const results = path.resolve("test-results/bench");
rmSync(results, { recursive: true, force: true });
if (!process.argv.includes("--no-build") && spawnSync(npx, ["webpack", "--mode", "production"], { stdio: "inherit" }).status !== 0) {
  console.error("The production build failed; no figure was measured.");
  process.exit(1);
}
const run = spawnSync(npx, ["vitest", "run", "--project", "bench", ...process.argv.slice(2).filter((a) => a !== "--no-build")], {
  stdio: "inherit",
});

const figures = readdirSync(results, { withFileTypes: true })
  .filter((f) => f.isFile() && f.name.endsWith(".json"))
  .flatMap((f) => JSON.parse(readFileSync(path.join(results, f.name), "utf8")));
const width = (key) => Math.max(key.length, ...figures.map((f) => String(f[key]).length));
const [n, v, b] = [width("name"), width("value"), width("budget")];
console.log("");
console.log(`${"figure".padEnd(n)}  ${"value".padEnd(v)}  ${"budget".padEnd(b)}  verdict`);
for (const f of figures) {
  const verdict = f.withinBudget === undefined ? "report" : f.withinBudget ? "within" : "OVER";
  console.log(`${f.name.padEnd(n)}  ${String(f.value).padEnd(v)}  ${f.budget.padEnd(b)}  ${verdict}`);
}
const over = figures.filter((f) => f.withinBudget === false);
if (run.status !== 0 || over.length > 0) {
  console.error(over.length > 0 ? `\n${over.length} figure(s) over budget.` : "\nA benchmark failed to run.");
  process.exit(1);
}
