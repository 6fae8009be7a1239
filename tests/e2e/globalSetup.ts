import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "./support/browser";

/** End-to-end tests run the production bundle; `npm test` builds it first. */
export default function checkPrerequisites(): void {
  const missing = ["dist/hub.html", "dist-emulator/host.html"].filter((file) => !existsSync(file));
  if (missing.length > 0) throw new Error(`End-to-end tests need the production build (${missing.join(", ")} missing). Run "npm run build" first, or use "npm test", which builds.`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`End-to-end tests need Chromium at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium", or set CHROMIUM_PATH.`);
}
