// `npm run package` (or `npm run package:dev`): production build, manifest checks, then tfx packs the .vsix into out/
// offline, with the version taken from package.json. Finally the .vsix itself is opened and checked.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";

const dev = process.argv.includes("--dev");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const fail = (message) => {
  console.error(`Packaging stopped: ${message}`);
  process.exit(1);
};

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const manifest = JSON.parse(readFileSync("vss-extension.json", "utf8"));
const overrides = dev ? JSON.parse(readFileSync("configs/dev.json", "utf8")) : JSON.parse(readFileSync("configs/release.json", "utf8"));

if (!process.argv.includes("--no-build")) {
  const build = spawnSync(npx, ["webpack", "--mode", "production"], { stdio: "inherit" });
  if (build.status !== 0) fail("the production build failed.");
}

// The checks a reviewer would otherwise find after upload.
const EXPECTED_SCOPES = ["vso.serviceendpoint_manage", "vso.pipelineresources_manage", "vso.build", "vso.project"];
const scopes = [...manifest.scopes].sort();
if (JSON.stringify(scopes) !== JSON.stringify([...EXPECTED_SCOPES].sort())) fail(`the manifest asks for scopes ${scopes.join(", ")}; expected exactly ${EXPECTED_SCOPES.join(", ")}. Changing scopes makes every organization re-authorize the extension.`);
const hub = manifest.contributions.find((c) => c.type === "ms.vss-web.hub" && c.targets.includes("ms.vss-web.project-admin-hub-group"));
if (!hub) fail("no hub contribution targets ms.vss-web.project-admin-hub-group (Project Settings).");
for (const contribution of manifest.contributions) {
  const uri = contribution.properties?.uri;
  if (uri && !existsSync(uri)) fail(`contribution ${contribution.id} points at ${uri}, which the build did not produce.`);
}
for (const file of [manifest.icons.default, manifest.content.details.path, ...manifest.files.map((f) => f.path)]) {
  if (!existsSync(file)) fail(`the manifest lists ${file}, which does not exist.`);
}
if (dev && !overrides.baseUri?.startsWith("https://")) fail("the dev overrides need an https baseUri: Azure DevOps is served over HTTPS and blocks plain-HTTP frames.");

mkdirSync("out", { recursive: true });
const args = ["tfx", "extension", "create", "--manifest-globs", "vss-extension.json", "--output-path", "out", "--override", JSON.stringify({ version: pkg.version }), "--overrides-file", dev ? "configs/dev.json" : "configs/release.json", "--no-prompt", "--json"];
const created = spawnSync(npx, args, { encoding: "utf8" });
if (created.status !== 0) fail(`tfx could not create the package:\n${created.stdout}\n${created.stderr}`);
const result = JSON.parse(created.stdout);
const vsix = result.path ?? path.join("out", readdirSync("out").find((f) => f.endsWith(".vsix")));

// Open what was written: the packaged manifest must carry the hub, and every file it references must be inside.
const zip = new AdmZip(vsix);
const entries = new Set(zip.getEntries().map((e) => e.entryName));
const packaged = JSON.parse(zip.readAsText("extension.vsomanifest"));
const packagedHub = packaged.contributions.find((c) => c.id === hub.id);
if (!packagedHub?.targets.includes("ms.vss-web.project-admin-hub-group")) fail("the packaged manifest lost the Project Settings hub.");
for (const needed of [hub.properties.uri, manifest.icons.default, manifest.content.details.path]) {
  if (!entries.has(needed)) fail(`${needed} is missing from ${vsix}.`);
}
console.log(`Packaged ${result.id ?? manifest.id} ${pkg.version}${dev ? " (dev)" : ""}: ${vsix}`);
