// `npm run test:mutations`: proves the tests guard what they claim. Each break below is a deliberate bug in the
// product (one exact text replaced in one file). The script applies it to a scratch copy of the tree, runs the tests
// that should notice, and counts the break caught when at least one of them goes red. It prints a table (break, the
// tests that caught it) and ends with "K of N breaks caught", exiting non-zero when a break slips through.
//
// A break whose text is no longer in its file is reported as "stale" and counts as not caught: the product changed
// under it, so the break must be written again against the new code.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BREAKS } from "./mutations/breaks.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const only = process.argv.slice(2);
const chosen = only.length > 0 ? BREAKS.filter((b) => only.includes(b.id)) : BREAKS;

/** A copy of the sources (not node_modules, builds or results), so a break never touches the working tree. */
function scratchCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "azconn-mutation-"));
  const skip = new Set(["node_modules", "dist", "dist-emulator", "test-results", "out", ".git", ".emulator-data"]);
  cpSync(root, dir, { recursive: true, filter: (source) => !skip.has(path.basename(source)) || path.dirname(source) !== root });
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return dir;
}

function applyBreak(dir, change) {
  const file = path.join(dir, change.file);
  const text = readFileSync(file, "utf8");
  if (!text.includes(change.find)) return false;
  writeFileSync(file, text.replace(change.find, change.replace));
  return true;
}

/** Runs the named test files in the scratch tree; returns the names of the tests that failed. */
function failingTests(dir, tests) {
  const report = path.join(dir, "mutation-report.json");
  const run = spawnSync(
    process.platform === "win32" ? "npx.cmd" : "npx",
    ["vitest", "run", "--project", "unit", "--reporter=json", `--outputFile.json=${report}`, ...tests],
    { cwd: dir, encoding: "utf8", env: { ...process.env, CI: "true" } },
  );
  if (!existsSync(report)) return run.status === 0 ? [] : ["(the test run itself failed)"];
  const json = JSON.parse(readFileSync(report, "utf8"));
  const failed = json.testResults.flatMap((file) =>
    file.assertionResults.filter((a) => a.status === "failed").map((a) => `${path.basename(file.name)} › ${a.title}`),
  );
  if (failed.length === 0 && json.numFailedTestSuites > 0) return ["(a test file failed to load)"];
  return failed;
}

const rows = [];
for (const entry of chosen) {
  const dir = scratchCopy();
  try {
    const applied = entry.changes.every((change) => applyBreak(dir, change));
    if (!applied) {
      rows.push({ id: entry.id, caught: false, by: ["stale: the text to break is no longer in the product"] });
      continue;
    }
    const failed = failingTests(dir, entry.tests);
    rows.push({ id: entry.id, caught: failed.length > 0, by: failed });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const width = Math.max(...rows.map((r) => r.id.length), "break".length);
console.log(`\n${"break".padEnd(width)}  caught by`);
for (const row of rows) {
  const [first = "NOTHING: every test stayed green", ...rest] = row.by;
  console.log(`${row.id.padEnd(width)}  ${row.caught ? "" : "MISSED "}${first}${rest.length > 0 ? ` (+${rest.length} more)` : ""}`);
}
const caught = rows.filter((r) => r.caught).length;
console.log(`${caught} of ${rows.length} breaks caught`);
process.exit(caught === rows.length ? 0 : 1);
