// @vitest-environment node
import { createRequire } from "node:module";
import path from "node:path";
import {
  AZURE_CHINA_CLOUD,
  AZURE_CLOUD,
  AZURE_US_GOVERNMENT,
  CLOUDS,
  cloudById,
  isCloudUrl,
  type Cloud,
} from "../../../../src/platform/clouds";
import { resourceScopes, tenantAuthority } from "../../../../src/clients/auth/tokenScopes";
import { ARM_SCOPES, GRAPH_SCOPES } from "../../../../src/workflows/session/azureSession";

/**
 * The cloud table drives sign-in, the Graph and ARM hosts, the connection's environment and URL, and the pages'
 * Content-Security-Policy. Azure public cloud runs end to end; the others are checked here, entry by entry.
 */
const require = createRequire(import.meta.url);
const webpackConfig = require(path.resolve("webpack.config.js")) as {
  loadCloudTable(emulatorOrigin: string): Cloud[];
  contentSecurityPolicies(clouds: Cloud[], emulatorOrigin: string): Record<"hub" | "settings" | "popup-relay" | "redirect-bridge", string>;
};

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `))
    ?.split(/\s+/)
    .slice(1) ?? [];

describe("the cloud table", () => {
  it.each([
    [
      AZURE_CLOUD,
      "AzureCloud",
      "https://login.microsoftonline.com",
      "https://graph.microsoft.com",
      "https://management.azure.com",
      "https://management.azure.com/",
    ],
    [
      AZURE_US_GOVERNMENT,
      "AzureUSGovernment",
      "https://login.microsoftonline.us",
      "https://graph.microsoft.us",
      "https://management.usgovcloudapi.net",
      "https://management.usgovcloudapi.net/",
    ],
    [
      AZURE_CHINA_CLOUD,
      "AzureChinaCloud",
      "https://login.chinacloudapi.cn",
      "https://microsoftgraph.chinacloudapi.cn",
      "https://management.chinacloudapi.cn",
      "https://management.chinacloudapi.cn/",
    ],
  ])("knows %s: authority, Graph, ARM, and the connection's environment and URL", (cloud, environment, authority, graph, arm, url) => {
    expect(cloud).toMatchObject({
      id: environment,
      authority,
      graph: { endpoint: graph, resource: graph },
      arm: { endpoint: arm, resource: arm },
      connection: { environment, url },
    });
    expect(cloudById(environment)).toBe(cloud);
    // Tokens are asked per cloud, with scopes qualified by that cloud's resource and the authority of the tenant.
    expect(resourceScopes({ resource: cloud.graph.resource, scopes: GRAPH_SCOPES })).toContain(`${graph}/Application.ReadWrite.All`);
    expect(resourceScopes({ resource: cloud.arm.resource, scopes: ARM_SCOPES })).toEqual([`${arm}/user_impersonation`]);
    expect(tenantAuthority(cloud, "72f988bf-86f1-41af-91ab-2d7cd011db47")).toBe(`${authority}/72f988bf-86f1-41af-91ab-2d7cd011db47`);
    expect(isCloudUrl(`${graph}/v1.0/me`)).toBe(true);
  });

  it("holds only the three real clouds in the production build", () => {
    expect(CLOUDS.map((c) => c.id)).toEqual(["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"]);
    expect(isCloudUrl("https://graph.evil.example/v1.0/me")).toBe(false);
  });
});

describe("the Content-Security-Policy built from it", () => {
  it("reads the same table the bundle compiles", () => {
    expect(webpackConfig.loadCloudTable("")).toEqual(JSON.parse(JSON.stringify(CLOUDS)));
    expect(webpackConfig.loadCloudTable("http://127.0.0.1:7000").map((c) => c.id)).toEqual([
      "Emulator",
      "AzureCloud",
      "AzureUSGovernment",
      "AzureChinaCloud",
    ]);
  });

  it("lets the pages connect to every cloud's hosts and Azure DevOps, and nowhere else", () => {
    const policies = webpackConfig.contentSecurityPolicies(webpackConfig.loadCloudTable(""), "");
    const hosts = CLOUDS.flatMap((c) => [c.authority, c.graph.endpoint, c.arm.endpoint]);
    for (const page of ["hub", "settings"] as const) {
      expect(directive(policies[page], "connect-src").sort()).toEqual(
        [...hosts, "https://dev.azure.com", "https://*.visualstudio.com"].sort(),
      );
      expect(directive(policies[page], "script-src")).toEqual(["'self'"]);
      expect(directive(policies[page], "default-src")).toEqual(["'none'"]);
      expect(policies[page]).not.toMatch(/unsafe-eval|http:|localhost|127\.0\.0\.1/);
    }
    expect(directive(policies["popup-relay"], "form-action")).toEqual(CLOUDS.map((c) => c.authority));
    expect(directive(policies["redirect-bridge"], "connect-src")).toEqual([]);
  });

  it("adds the emulator only to the development build's policy", () => {
    const policies = webpackConfig.contentSecurityPolicies(webpackConfig.loadCloudTable("http://127.0.0.1:7000"), "http://127.0.0.1:7000");
    expect(directive(policies.hub, "connect-src")).toContain("http://127.0.0.1:7000");
  });
});
