// @vitest-environment node
import { createRequire } from "node:module";
import path from "node:path";
import { readFileSync } from "node:fs";

/**
 * The widget's pages are extension pages like the hubs: the build gives them the hubs' Content-Security-Policy, and
 * the manifest's contribution ids are the ones the pages register with the SDK.
 */
const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, "../../..");
const webpackConfig = require(path.join(root, "webpack.config.js")) as {
  loadCloudTable(emulatorOrigin: string): unknown[];
  contentSecurityPolicies(clouds: unknown[], emulatorOrigin: string): Record<string, string>;
};

describe("the widget's pages", () => {
  it("carry the same Content-Security-Policy as the hub", () => {
    const policies = webpackConfig.contentSecurityPolicies(webpackConfig.loadCloudTable(""), "");
    expect(policies["widget"]).toBe(policies["hub"]);
    expect(policies["widget-configuration"]).toBe(policies["hub"]);
  });

  it("are the manifest's widget and configuration contributions, at 2x2 and 4x2, and register under those ids", () => {
    const manifest = JSON.parse(readFileSync(path.join(root, "vss-extension.json"), "utf8")) as {
      contributions: Array<{ id: string; type: string; targets: string[]; properties: Record<string, unknown> }>;
    };
    const widget = manifest.contributions.find((c) => c.type === "ms.vss-dashboards-web.widget")!;
    const configuration = manifest.contributions.find((c) => c.type === "ms.vss-dashboards-web.widget-configuration")!;
    expect(widget.targets).toEqual(["ms.vss-dashboards-web.widget-catalog", `.${configuration.id}`]);
    expect(configuration.targets).toEqual(["ms.vss-dashboards-web.widget-configuration"]);
    expect(widget.properties["supportedSizes"]).toEqual([
      { rowSpan: 2, columnSpan: 2 },
      { rowSpan: 2, columnSpan: 4 },
    ]);
    expect([widget.properties["uri"], configuration.properties["uri"]]).toEqual(["dist/widget.html", "dist/widget-configuration.html"]);
    const host = readFileSync(path.join(root, "src/widget/widgetHost.ts"), "utf8");
    expect(host).toContain(`WIDGET_CONTRIBUTION = "${widget.id}"`);
    expect(host).toContain(`WIDGET_CONFIGURATION_CONTRIBUTION = "${configuration.id}"`);
  });
});
