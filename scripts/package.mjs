// `npm run package` (or `npm run package:dev`): production build, manifest checks, then tfx packs the .vsix into out/
// offline, with the version taken from package.json. Finally the .vsix itself is opened and checked: everything the
// manifest and overview.md reference must be inside. Options: --no-build (package dist/ as it is).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";

const dev = process.argv.includes("--dev");
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const warnings = [];
const fail = (message) => {
  console.error(`Packaging stopped: ${message}`);
  process.exit(1);
};
const warn = (message) => warnings.push(message);

const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const manifest = JSON.parse(readFileSync("vss-extension.json", "utf8"));
const overridesFile = dev ? "configs/dev.json" : "configs/release.json";
const overrides = JSON.parse(readFileSync(overridesFile, "utf8"));

if (!process.argv.includes("--no-build")) {
  const build = spawnSync(npx, ["webpack", "--mode", "production"], { stdio: "inherit" });
  if (build.status !== 0) fail("the production build failed.");
}

// ---- The checks a reviewer would otherwise find after upload. ----

// Scopes: exactly these; changing them makes every organization re-authorize the extension.
const EXPECTED_SCOPES = ["vso.serviceendpoint_manage", "vso.pipelineresources_manage", "vso.build", "vso.project"];
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
if (!sameSet(manifest.scopes, EXPECTED_SCOPES))
  fail(
    `the manifest asks for scopes ${manifest.scopes.join(", ")}; expected exactly ${EXPECTED_SCOPES.join(", ")}. Changing scopes makes every organization re-authorize the extension.`,
  );

// Targets and Marketplace facts.
// The hub needs Microsoft Entra ID and Azure DevOps Services (nested sign-in, the cloud's REST routes): it is not for
// Azure DevOps Server, so the one installation target is the cloud.
const TARGETS = ["Microsoft.VisualStudio.Services.Cloud"];
if (!manifest.targets?.length || manifest.targets.some((t) => !TARGETS.includes(t.id)))
  fail(`installation targets must be ${TARGETS.join(", ")} only.`);
const CATEGORIES = ["Azure Repos", "Azure Boards", "Azure Pipelines", "Azure Test Plans", "Azure Artifacts"];
if (!manifest.categories?.length || manifest.categories.some((c) => !CATEGORIES.includes(c)))
  fail(`categories must be among ${CATEGORIES.join(", ")}.`);
if (!manifest.tags?.length || new Set(manifest.tags.map((t) => t.toLowerCase())).size !== manifest.tags.length)
  fail("tags must be present and unique.");
if (!/^\d+\.\d+\.\d+$/.test(pkg.version))
  fail(`package.json's version "${pkg.version}" is not major.minor.patch, which the Marketplace needs.`);

// Contributions: the Project Settings hub and the Organization Settings hub, each page built and shipped.
const HUB_GROUPS = {
  "ms.vss-web.project-admin-hub-group": "Project Settings",
  "ms.vss-web.collection-admin-hub-group": "Organization Settings",
};
const ids = manifest.contributions.map((c) => c.id);
if (new Set(ids).size !== ids.length) fail(`contribution ids repeat: ${ids.join(", ")}.`);
const hubs = Object.fromEntries(
  Object.entries(HUB_GROUPS).map(([group, where]) => {
    const hub = manifest.contributions.find((c) => c.type === "ms.vss-web.hub" && c.targets.includes(group));
    if (!hub) fail(`no hub contribution targets ${group} (${where}).`);
    return [group, hub];
  }),
);
const addressable = manifest.files.filter((f) => f.addressable).map((f) => f.path.replace(/\/+$/, ""));
const shipped = (file) => manifest.files.some((f) => file === f.path || file.startsWith(`${f.path.replace(/\/+$/, "")}/`));
const servable = (file) => addressable.some((root) => file === root || file.startsWith(`${root}/`));
for (const contribution of manifest.contributions) {
  const uri = contribution.properties?.uri;
  if (uri) {
    if (!existsSync(uri)) fail(`contribution ${contribution.id} points at ${uri}, which the build did not produce.`);
    if (!servable(uri)) fail(`contribution ${contribution.id} points at ${uri}, which no addressable "files" entry ships.`);
  }
  for (const icon of Object.values(contribution.properties?.icon ?? {})) {
    if (!existsSync(icon) || !servable(icon)) fail(`contribution ${contribution.id}'s icon ${icon} is missing or not addressable.`);
  }
}

// The dashboard widget: listed in the widget catalog, pointing at its configuration contribution, at the sizes its
// layout is made for; the relative ids are those src/widget/widgetHost.ts registers with the SDK.
const WIDGET_SIZES = [
  [2, 2],
  [2, 4],
];
const widget = manifest.contributions.find((c) => c.type === "ms.vss-dashboards-web.widget");
if (!widget) fail("no contribution of type ms.vss-dashboards-web.widget (the Azure secrets expiring widget).");
if (widget.id !== "expiring-secrets-widget")
  fail(`the widget's id is ${widget.id}; src/widget/widgetHost.ts registers "expiring-secrets-widget".`);
if (!widget.targets.includes("ms.vss-dashboards-web.widget-catalog"))
  fail("the widget does not target ms.vss-dashboards-web.widget-catalog, so no dashboard could add it.");
const widgetConfigurationTarget = widget.targets.find((t) => t !== "ms.vss-dashboards-web.widget-catalog");
const widgetConfiguration = manifest.contributions.find(
  (c) => `.${c.id}` === widgetConfigurationTarget || `${manifest.publisher}.${manifest.id}.${c.id}` === widgetConfigurationTarget,
);
if (
  !widgetConfiguration ||
  widgetConfiguration.type !== "ms.vss-dashboards-web.widget-configuration" ||
  !widgetConfiguration.targets.includes("ms.vss-dashboards-web.widget-configuration")
) {
  fail(
    `the widget's configuration target ${widgetConfigurationTarget ?? "(none)"} is not a ms.vss-dashboards-web.widget-configuration contribution targeting ms.vss-dashboards-web.widget-configuration.`,
  );
}
if (widgetConfiguration.id !== "expiring-secrets-widget-configuration")
  fail(
    `the widget configuration's id is ${widgetConfiguration.id}; src/widget/widgetHost.ts registers "expiring-secrets-widget-configuration".`,
  );
const sizes = (widget.properties.supportedSizes ?? []).map((s) => [s.rowSpan, s.columnSpan]);
if (!sameSet(sizes.map(String), WIDGET_SIZES.map(String)))
  fail(
    `the widget's supportedSizes are ${JSON.stringify(sizes)}; its layout is made for rowSpan x columnSpan ${JSON.stringify(WIDGET_SIZES)}.`,
  );
if (!widget.properties.supportedScopes?.includes("project_team"))
  fail('the widget must declare supportedScopes ["project_team"]: it reads one project\'s connections.');
for (const image of [widget.properties.catalogIconUrl, widget.properties.previewImageUrl].filter(Boolean)) {
  if (!existsSync(image) || !servable(image)) fail(`the widget's image ${image} is missing or not addressable.`);
}
for (const page of ["dist/widget.html", "dist/widget-configuration.html"]) {
  if (![widget.properties.uri, widgetConfiguration.properties.uri].includes(page))
    fail(`${page} is built but no widget contribution points at it.`);
}

// Every page the build wrote carries its generated Content-Security-Policy, and no development origin.
for (const page of readdirSync("dist").filter((f) => f.endsWith(".html"))) {
  const html = readFileSync(path.join("dist", page), "utf8");
  const csp = /<meta http-equiv=["']?Content-Security-Policy["']? content="([^"]+)"/i.exec(html)?.[1];
  if (!csp) fail(`dist/${page} has no Content-Security-Policy <meta> tag.`);
  if (!/script-src 'self'(;|$)/.test(csp)) fail(`dist/${page}'s policy lets scripts come from elsewhere than the bundle.`);
  if (/http:|localhost|127\.0\.0\.1|<%/.test(csp))
    fail(`dist/${page}'s policy names a development origin (${csp}). Build with --mode production, without --env emulator.`);
}

// Files the listing needs: icon, details, screenshots, and every image overview.md shows.
for (const file of [
  manifest.icons.default,
  manifest.content.details.path,
  ...manifest.files.map((f) => f.path),
  ...(manifest.screenshots ?? []).map((s) => s.path),
]) {
  if (!existsSync(file)) fail(`the manifest lists ${file}, which does not exist. Screenshots come from "npm run screenshots".`);
}
for (const screenshot of manifest.screenshots ?? [])
  if (!shipped(screenshot.path)) fail(`the screenshot ${screenshot.path} is not in the manifest's "files".`);
const overview = readFileSync(manifest.content.details.path, "utf8");
const overviewImages = [...overview.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
for (const image of overviewImages) {
  if (!existsSync(image)) fail(`${manifest.content.details.path} shows ${image}, which does not exist. Run "npm run screenshots".`);
  if (!servable(image))
    fail(
      `${manifest.content.details.path} shows ${image}, which no addressable "files" entry ships, so the Marketplace could not display it.`,
    );
}

// Screenshots current: scripts/screenshots.ts records which build it photographed (file names carry content hashes).
function buildFingerprint() {
  const files = readdirSync("dist", { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".LICENSE.txt"))
    .map((entry) => path.relative("dist", path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
  return createHash("sha256").update(files.join("\n")).digest("hex");
}
const recordFile = "images/screenshots/screenshots.json";
const record = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, "utf8")) : undefined;
if (!record) warn(`no ${recordFile}: the screenshots were not taken by "npm run screenshots".`);
else {
  if (record.build !== buildFingerprint())
    warn(`the screenshots show an older build than dist/. Run "npm run screenshots" so overview.md shows the hub as it ships.`);
  for (const image of overviewImages)
    if (image.startsWith("images/screenshots/") && !record.files.includes(path.basename(image)))
      warn(`${image} was not taken by "npm run screenshots".`);
  const oldest = Math.min(...record.files.map((f) => statSync(path.join("images/screenshots", f)).mtimeMs));
  if (Number.isFinite(oldest) && oldest > statSync(recordFile).mtimeMs + 1000)
    warn("a screenshot changed after npm run screenshots recorded its build.");
}

if (dev && !overrides.baseUri?.startsWith("https://"))
  fail("the dev overrides need an https baseUri: Azure DevOps is served over HTTPS and blocks plain-HTTP frames.");
if (dev && overrides.id === manifest.id)
  fail("the dev overrides must give the dev package its own extension id, so it installs next to the released one.");
if (!dev && overrides.baseUri)
  fail("the release overrides must not set baseUri: the released extension's pages are served from the Marketplace.");

// ---- Pack. ----
mkdirSync("out", { recursive: true });
const args = [
  "tfx",
  "extension",
  "create",
  "--manifest-globs",
  "vss-extension.json",
  "--output-path",
  "out",
  "--override",
  JSON.stringify({ version: pkg.version }),
  "--overrides-file",
  overridesFile,
  "--no-prompt",
  "--json",
];
const created = spawnSync(npx, args, { encoding: "utf8" });
if (created.status !== 0) fail(`tfx could not create the package:\n${created.stdout}\n${created.stderr}`);
const result = JSON.parse(created.stdout);
const vsix =
  result.path ??
  path.join(
    "out",
    readdirSync("out").find((f) => f.endsWith(".vsix")),
  );

// ---- Open what was written: the packaged manifest must carry both hubs, and every file it references must be inside. ----
const zip = new AdmZip(vsix);
const entries = new Set(zip.getEntries().map((e) => e.entryName));
const packaged = JSON.parse(zip.readAsText("extension.vsomanifest"));
const packagedXml = zip.readAsText("extension.vsixmanifest");
if (!new RegExp(`Version="${pkg.version.replace(/\./g, "\\.")}"`).test(packagedXml))
  fail(`the packaged extension's version is not ${pkg.version} (package.json).`);
if (!sameSet(packaged.scopes ?? [], EXPECTED_SCOPES)) fail("the packaged manifest's scopes differ from the expected ones.");
for (const [group, hub] of Object.entries(hubs)) {
  const packagedHub = packaged.contributions.find((c) => c.id === hub.id);
  if (!packagedHub?.targets.includes(group)) fail(`the packaged manifest lost the ${HUB_GROUPS[group]} hub.`);
}
for (const [contribution, target] of [
  [widget, "ms.vss-dashboards-web.widget-catalog"],
  [widgetConfiguration, "ms.vss-dashboards-web.widget-configuration"],
]) {
  if (!packaged.contributions.find((c) => c.id === contribution.id)?.targets.includes(target))
    fail(`the packaged manifest lost ${contribution.id}.`);
}
const needed = [
  ...manifest.contributions
    .flatMap((c) => [
      c.properties?.uri,
      c.properties?.catalogIconUrl,
      c.properties?.previewImageUrl,
      ...Object.values(c.properties?.icon ?? {}),
    ])
    .filter(Boolean),
  manifest.icons.default,
  manifest.content.details.path,
  ...(manifest.screenshots ?? []).map((s) => s.path),
  ...overviewImages,
  ...readdirSync("dist", { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(".", path.join(e.parentPath, e.name)).split(path.sep).join("/")),
];
const missing = [...new Set(needed)].filter((file) => !entries.has(file));
if (missing.length > 0) fail(`${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} missing from ${vsix}.`);
if ([...entries].some((e) => /(^|\/)(\.emulator-data|node_modules|src|tests)\//.test(e))) fail(`${vsix} contains development files.`);

for (const warning of warnings) console.warn(`Warning: ${warning}`);
console.log(
  `Packaged ${result.id ?? overrides.id ?? manifest.id} ${pkg.version}${dev ? " (dev)" : ""}: ${vsix} (${entries.size} files; hubs: ${Object.values(
    hubs,
  )
    .map((h) => h.id)
    .join(", ")}; widget: ${widget.id})`,
);
