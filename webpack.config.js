// Two builds in one run: the extension's hub (dist/, what the .vsix ships) and the emulated Azure DevOps host page
// (dist-emulator/, never shipped). `--env emulator` makes a development build of the hub whose cloud table has the
// local "Emulator" entry; a production build compiles that entry out.
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const ts = require("typescript");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");

const sdkFolder = path.resolve(__dirname, "node_modules/azure-devops-extension-sdk");

/**
 * The cloud table exactly as the bundle compiles it: src/platform/clouds.ts, transpiled and evaluated with the same
 * __EMULATOR__ / __EMULATOR_ORIGIN__ values the DefinePlugin gives the bundle. The Content-Security-Policy is built
 * from it, so the hosts a page may connect to can never drift from the hosts the code sends tokens to.
 */
function loadCloudTable(emulatorOrigin) {
  const source = fs.readFileSync(path.resolve(__dirname, "src/platform/clouds.ts"), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const sandbox = { module: { exports: {} }, __EMULATOR__: Boolean(emulatorOrigin), __EMULATOR_ORIGIN__: emulatorOrigin };
  sandbox.exports = sandbox.module.exports;
  vm.runInNewContext(outputText, sandbox, { filename: "clouds.ts" });
  const clouds = sandbox.module.exports.CLOUDS;
  if (!Array.isArray(clouds) || clouds.length === 0) throw new Error("src/platform/clouds.ts exports no CLOUDS table.");
  return clouds;
}

/**
 * mini-css-extract-plugin warns when lazy chunks (the guided form, the Connections tab, the onboarding guide) import
 * azure-devops-ui components' stylesheets in different orders. Each of those stylesheets styles only its own
 * component's classes (TextField, FormItem, Tree…), so their order between one another changes nothing. Only such
 * warnings are ignored, deliberately: a conflict that involves any stylesheet of ours still shows.
 */
function isLibraryCssOrderWarning(warning) {
  const message = String(warning.message ?? warning);
  if (!message.includes("Conflicting order")) return false;
  const modules = message.split("\n").filter((line) => /^\s*\* css /.test(line));
  return modules.length > 0 && modules.every((line) => /[\\/]node_modules[\\/]azure-devops-ui[\\/]/.test(line));
}

/** Azure DevOps REST roots the hub's clients are handed by the location service. */
const AZURE_DEVOPS_ORIGINS = ["https://dev.azure.com", "https://*.visualstudio.com"];

/**
 * One Content-Security-Policy per page, as <meta> tags (an extension cannot set response headers). Scripts come from
 * the bundle only; connections go to the cloud table's Entra, Graph and ARM hosts and Azure DevOps only (and, in the
 * development build for `npm start`, the emulator). style-src needs 'unsafe-inline' because the SDK's applyTheme writes
 * the host's theme into a <style> element and azure-devops-ui sets style attributes; no script runs inline.
 */
function contentSecurityPolicies(clouds, emulatorOrigin) {
  const unique = (list) => [...new Set(list)];
  const origin = (url) => new URL(url).origin;
  const authorities = unique(clouds.map((c) => origin(c.authority)));
  const cloudHosts = unique(clouds.flatMap((c) => [c.authority, c.graph.endpoint, c.arm.endpoint].map(origin)));
  const connect = unique([...cloudHosts, ...AZURE_DEVOPS_ORIGINS, ...(emulatorOrigin ? [emulatorOrigin] : [])]);
  const policy = (directives) => directives.join("; ");
  const page = policy([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    // msal-browser's silent renewal frames the authority when the popup fallback is in use.
    `frame-src ${authorities.join(" ")}`,
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ]);
  const popupPage = (formAction) =>
    policy([
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'unsafe-inline'",
      `form-action ${formAction}`,
      "base-uri 'none'",
      "object-src 'none'",
    ]);
  // The dashboard widget and its configuration are extension pages like the hubs: the same policy.
  return {
    hub: page,
    settings: page,
    widget: page,
    "widget-configuration": page,
    "popup-relay": popupPage(authorities.join(" ")),
    "redirect-bridge": popupPage("'none'"),
  };
}

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const emulator = Boolean(env.emulator);
  const emulatorOrigin = emulator ? `http://127.0.0.1:${process.env.EMULATOR_PORT || 7000}` : "";
  const csp = contentSecurityPolicies(loadCloudTable(emulatorOrigin), emulatorOrigin);
  const common = {
    mode: production ? "production" : "development",
    // No source maps in the production build: the .vsix ships dist/ as is.
    devtool: production ? false : "eval-cheap-module-source-map",
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      // The SDK exposes only its main entry; the host emulator needs its XDM module, which the SDK also ships.
      alias: { "sdk-xdm$": path.join(sdkFolder, "esm/XDM.js") },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          loader: "ts-loader",
          options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.build.json") },
        },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
        { test: /\.(woff2?|ttf|eot|png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name].[contenthash:8][ext]" } },
      ],
    },
    performance: { hints: false },
    ignoreWarnings: [isLibraryCssOrderWarning],
    stats: "errors-warnings",
  };

  const hub = {
    ...common,
    name: "hub",
    // Eval-based source maps would need 'unsafe-eval', which the pages' Content-Security-Policy does not allow.
    devtool: production ? false : "cheap-module-source-map",
    entry: {
      hub: "./src/entries/hub.tsx",
      // Organization settings > Azure connections: the second hub (src/entries/settings.tsx).
      settings: "./src/entries/settings.tsx",
      // The dashboard widget "Azure secrets expiring" and its configuration page (src/widget).
      widget: "./src/widget/widget.tsx",
      "widget-configuration": "./src/widget/configuration.tsx",
      // The two pages of popup sign-in from a cross-site iframe (src/clients/auth/popupPages), each with only its own script.
      "popup-relay": "./src/clients/auth/popupPages/popupRelayPage.ts",
      "redirect-bridge": "./src/clients/auth/popupPages/redirectBridgePage.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "",
      clean: true,
    },
    plugins: [
      new webpack.DefinePlugin({
        __EMULATOR__: JSON.stringify(emulator),
        __EMULATOR_ORIGIN__: JSON.stringify(emulatorOrigin),
      }),
      new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css" }),
      // Each template writes its policy with <%= htmlWebpackPlugin.options.csp %>.
      new HtmlWebpackPlugin({ template: "static/hub.html", filename: "hub.html", chunks: ["hub"], csp: csp.hub }),
      new HtmlWebpackPlugin({ template: "static/settings.html", filename: "settings.html", chunks: ["settings"], csp: csp.settings }),
      new HtmlWebpackPlugin({ template: "static/widget.html", filename: "widget.html", chunks: ["widget"], csp: csp.widget }),
      new HtmlWebpackPlugin({
        template: "static/widget-configuration.html",
        filename: "widget-configuration.html",
        chunks: ["widget-configuration"],
        csp: csp["widget-configuration"],
      }),
      new HtmlWebpackPlugin({
        template: "static/popup-relay.html",
        filename: "popup-relay.html",
        chunks: ["popup-relay"],
        csp: csp["popup-relay"],
      }),
      new HtmlWebpackPlugin({
        template: "static/redirect-bridge.html",
        filename: "redirect-bridge.html",
        chunks: ["redirect-bridge"],
        csp: csp["redirect-bridge"],
      }),
    ],
  };

  const host = {
    ...common,
    name: "emulator-host",
    // floor: the bare azure-devops-ui page the first-render benchmark compares the hub with (never in dist/).
    entry: { host: "./emulator/host/host.ts", floor: "./emulator/host/floor/floor.tsx" },
    output: { path: path.resolve(__dirname, "dist-emulator"), filename: "[name].js", clean: true },
    plugins: [
      new webpack.DefinePlugin({ __EMULATOR__: "false", __EMULATOR_ORIGIN__: '""' }),
      new MiniCssExtractPlugin({ filename: "[name].css" }),
      new HtmlWebpackPlugin({ template: "emulator/host/host.html", filename: "host.html", chunks: ["host"] }),
      new HtmlWebpackPlugin({ template: "emulator/host/floor/floor.html", filename: "floor.html", chunks: ["floor"] }),
    ],
  };

  return [hub, host];
};

// For scripts/package.mjs and tests: the policies a build writes, from the same cloud table.
module.exports.loadCloudTable = loadCloudTable;
module.exports.contentSecurityPolicies = contentSecurityPolicies;
