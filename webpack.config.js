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
    entry: { hub: "./src/hub/index.tsx" },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", chunkFilename: "[name].[contenthash:8].js", publicPath: "", clean: true },
    plugins: [
      new webpack.DefinePlugin({ __EMULATOR__: JSON.stringify(emulator) }),
      new MiniCssExtractPlugin({ filename: "[name].[contenthash:8].css" }),
      new HtmlWebpackPlugin({ template: "static/hub.html", filename: "hub.html", chunks: ["hub"] }),
    ],
  };

  const host = {
    ...common,
    name: "emulator-host",
    entry: { host: "./emulator/host/host.ts" },
    output: { path: path.resolve(__dirname, "dist-emulator"), filename: "[name].js", clean: true },
    plugins: [
      new MiniCssExtractPlugin({ filename: "[name].css" }),
      new HtmlWebpackPlugin({ template: "emulator/host/host.html", filename: "host.html", chunks: ["host"] }),
    ],
  };

  return [hub, host];
};
