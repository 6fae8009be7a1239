import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { CHROMIUM_PATH } from "./support/browser";

const AXE_SUMMARY = path.resolve("test-results/axe-summary.txt");

/** End-to-end tests run the production bundle; `npm test` builds it first. Returns the teardown that reports the accessibility audits. */
export default function checkPrerequisites(): () => void {
  const missing = ["dist/hub.html", "dist-emulator/host.html"].filter((file) => !existsSync(file));
  if (missing.length > 0)
    throw new Error(
      `End-to-end tests need the production build (${missing.join(", ")} missing). Run "npm run build" first, or use "npm test", which builds.`,
    );
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `End-to-end tests need Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium", or set CHROMIUM_PATH.`,
    );
  mkdirSync(path.dirname(AXE_SUMMARY), { recursive: true });
  rmSync(AXE_SUMMARY, { force: true });
  return () => {
    const lines = existsSync(AXE_SUMMARY) ? readFileSync(AXE_SUMMARY, "utf8").split("\n").filter(Boolean) : [];
    const views = new Set(lines.map((line) => line.split("\t")[0]));
    const serious = lines.filter((line) => !line.includes("\t0 serious or critical")).length;
    console.log(
      `axe-core: ${lines.length} audits of ${views.size} pages and panels (light and dark), ${serious} with serious or critical findings. Details: ${path.relative(process.cwd(), AXE_SUMMARY)}`,
    );
  };
}
