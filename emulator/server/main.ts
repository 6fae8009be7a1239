import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AzureInABox } from "../model/azureInABox";
import { configureHubSignIn } from "../model/hubSetup";
import { startEmulatorServer } from "./emulatorServer";

/**
 * The `npm start` entry: one model, served to a person's own browser. Extension data (the hub's settings and
 * journal) is kept in .emulator-data/ so it survives a restart; everything else starts fresh each time.
 */
const DATA_FILE = path.resolve(".emulator-data/extension-data.json");

function port(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function loadExtensionData(model: AzureInABox): void {
  try {
    model.state.devops.extensionData = JSON.parse(readFileSync(DATA_FILE, "utf8")) as typeof model.state.devops.extensionData;
  } catch {
    // First start, or an unreadable file: begin with no extension data.
  }
}

let lastSaved = "";
function saveExtensionData(model: AzureInABox): void {
  const text = JSON.stringify(model.state.devops.extensionData, null, 2);
  if (text === lastSaved) return;
  mkdirSync(path.dirname(DATA_FILE), { recursive: true });
  writeFileSync(DATA_FILE, text);
  lastSaved = text;
}

async function main(): Promise<void> {
  const model = new AzureInABox();
  loadExtensionData(model);
  // The development build signs in against the emulator's own cloud entry, as the seeded sign-in app.
  if (!process.argv.includes("--unconfigured")) configureHubSignIn(model.state, "Emulator");
  const emulator = await startEmulatorServer({
    model,
    hubDir: path.resolve("dist"),
    hostDir: path.resolve("dist-emulator"),
    hostPort: port("EMULATOR_PORT", 7000),
    hubPort: port("HUB_PORT", 7001),
    devopsRoot: "local",
    onChange: saveExtensionData,
  });
  console.log("");
  console.log("Azure DevOps (emulated) is running. Open this URL in your browser:");
  console.log(`  ${emulator.hostUrl}`);
  console.log("");
  console.log(`The hub itself is served from ${emulator.hubUrl} (another site, as on dev.azure.com).`);
  console.log(
    `The dashboard widget "Azure secrets expiring": ${emulator.hostUrl}?widget=widget (add &size=4x2, &days=N; ?widget=configuration for its configuration);`,
  );
  console.log(`  its data, the expiry index, is written from the control page (or POST /_emulator/expiry-index {"readDaysAgo": N}).`);
  console.log(`Emulator state: ${emulator.apiOrigin}/_emulator/state   Extension data: ${DATA_FILE}`);
  console.log("Press Ctrl+C to stop.");
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  const message = String((error as Error)?.message ?? error);
  console.error(`The emulator could not start: ${message}`);
  if (message.includes("EADDRINUSE"))
    console.error("A port is taken. Stop the other process, or set EMULATOR_PORT and HUB_PORT to free ports.");
  process.exit(1);
});
