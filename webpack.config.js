// Two builds in one run: the extension's hub (dist/, what the .vsix ships) and the emulated Azure DevOps host page
// (dist-emulator/, never shipped). `--env emulator` makes a development build of the hub whose cloud table has the
// local "Emulator" entry; a production build compiles that entry out.
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MiniCssExtractPlugin = require("mini-css-extract-plugin");

const sdkFolder = path.resolve(__dirname, "node_modules/azure-devops-extension-sdk");

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const emulator = Boolean(env.emulator);
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
        { test: /\.tsx?$/, loader: "ts-loader", options: { transpileOnly: true, configFile: path.resolve(__dirname, "tsconfig.build.json") } },
        { test: /\.css$/, use: [MiniCssExtractPlugin.loader, "css-loader"] },
        { test: /\.(woff2?|ttf|eot|png|svg)$/, type: "asset/resource", generator: { filename: "assets/[name].[contenthash:8][ext]" } },
      ],
    },
    performance: { hints: false },
    stats: "errors-warnings",
  };

  const hub = {
    ...common,
    name: "hub",
    entry: {
      hub: "./src/hub/index.tsx",
      // The two pages of popup sign-in from a cross-site iframe (src/clients/auth/popupPages), each with only its own script.
      "popup-relay": "./src/clients/auth/popupPages/popupRelayPage.ts",
      "redirect-bridge": "./src/clients/auth/popupPages/redirectBridgePage.ts",
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", chunkFilename: "[name].[contenthash:8].js", publicPath: "", clean: true },
    plugins: [
      new webpack.DefinePlugin({
        __EMULATOR__: JSON.stringify(emulator),
        __EMULATOR_ORIGIN__: JSON.stringify(emulator ? `http://127.0.0.1:${process.env.EMULATOR_PORT || 7000}` : ""),
      }),
      new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css" }),
      new HtmlWebpackPlugin({ template: "static/hub.html", filename: "hub.html", chunks: ["hub"] }),
      new HtmlWebpackPlugin({ template: "static/popup-relay.html", filename: "popup-relay.html", chunks: ["popup-relay"] }),
      new HtmlWebpackPlugin({ template: "static/redirect-bridge.html", filename: "redirect-bridge.html", chunks: ["redirect-bridge"] }),
    ],
  };

  const host = {
    ...common,
    name: "emulator-host",
    // signin-probe: a test-only page that drives the sign-in module inside the emulated host (tests/e2e/sign-in.test.ts).
    // It is built here, never into dist/, and uses the production cloud table.
    entry: { host: "./emulator/host/host.ts", "signin-probe": "./emulator/host/probe/signInProbe.ts" },
    output: { path: path.resolve(__dirname, "dist-emulator"), filename: "[name].js", clean: true },
    plugins: [
      new webpack.DefinePlugin({ __EMULATOR__: "false", __EMULATOR_ORIGIN__: '""' }),
      new MiniCssExtractPlugin({ filename: "[name].css" }),
      new HtmlWebpackPlugin({ template: "emulator/host/host.html", filename: "host.html", chunks: ["host"] }),
      new HtmlWebpackPlugin({ template: "emulator/host/probe/signin-probe.html", filename: "signin-probe.html", chunks: ["signin-probe"] }),
    ],
  };

  return [hub, host];
};
