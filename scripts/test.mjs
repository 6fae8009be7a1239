// `npm test`: builds the production bundle (the end-to-end tests run it), runs every Vitest project, and ends with
// one line "N passed, N failed" that sums all suites. Extra arguments go to Vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const run = (command, args) => spawnSync(command, args, { stdio: "inherit", shell: false }).status ?? 1;
const npx = (args) => run(process.platform === "win32" ? "npx.cmd" : "npx", args);

const extra = process.argv.slice(2);
const onlyUnit = extra.includes("--project") && !extra.includes("e2e");

// The checks that are not Vitest suites count as one test each in the closing line: the types (strict, no unused
// names) and the lint (layer rules, Prettier).
let checksPassed = 0;
let checksFailed = 0;
if (!extra.includes("--project")) {
  for (const [name, args] of [
    ["Type check", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
    ["Lint", ["eslint", "."]],
    ["Format", ["prettier", "--check", "--log-level", "warn", "."]],
  ]) {
    console.log(`${name}…`);
    if (npx(args) === 0) checksPassed += 1;
    else {
      checksFailed += 1;
      console.log(`${name} failed (see above).`);
    }
  }
}
if (!onlyUnit) {
  console.log("Building the production bundle for the end-to-end tests…");
  if (npx(["webpack", "--mode", "production"]) !== 0) {
    console.log("The production build failed, so no test ran.");
    console.log("0 passed, 1 failed");
    process.exit(1);
  }
}

mkdirSync("test-results", { recursive: true });
const report = "test-results/vitest.json";
// Every suite but the benchmarks, unless the caller names projects.
const projects = extra.includes("--project") ? [] : ["--project", "unit", "--project", "emulator", "--project", "e2e"];
const status = npx(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...projects, ...extra]);

let passed = checksPassed;
let failed = checksFailed;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests + (json.numFailedTestSuites > 0 && json.numFailedTests === 0 ? json.numFailedTestSuites : 0);
  skipped = json.numPendingTests + json.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
if (status !== 0 && failed === checksFailed) failed += 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
