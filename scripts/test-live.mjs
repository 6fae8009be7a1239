// `npm run test:live`: the hub's workflows against a real tenant, subscription and organization (tests/live/). Without
// configuration it prints one line saying what to set and exits 0, which is how CI runs it.
import { spawnSync } from "node:child_process";

const required = ["AZCONN_LIVE_TENANT_ID", "AZCONN_LIVE_SUBSCRIPTION_ID", "AZCONN_LIVE_ORGANIZATION_URL", "AZCONN_LIVE_PROJECT"];
const missing = required.filter((key) => !process.env[key]?.trim());
if (missing.length > 0) {
  console.log(
    `Live mode skipped: set ${missing.join(", ")} (and sign in with az login, or set AZCONN_LIVE_*_TOKEN) to run it against a real tenant.`,
  );
  process.exit(0);
}
const run = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["vitest", "run", "--project", "live", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
