// `npm start`: builds the hub for the emulator (development build with the local "Emulator" cloud), then serves the
// emulated Azure DevOps host page with the hub in it, and Entra, Graph, ARM and Azure DevOps REST behind it.
import { spawnSync, spawn } from "node:child_process";

const npx = process.platform === "win32" ? "npx.cmd" : "npx";
console.log("Building the hub for the emulator…");
const build = spawnSync(npx, ["webpack", "--mode", "development", "--env", "emulator"], { stdio: "inherit" });
if (build.status !== 0) {
  console.error("The build failed; fix the errors above and run npm start again.");
  process.exit(build.status ?? 1);
}
const server = spawn(npx, ["tsx", "emulator/server/main.ts", ...process.argv.slice(2)], { stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => process.exit(code ?? 0));
