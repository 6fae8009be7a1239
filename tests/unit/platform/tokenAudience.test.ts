// @vitest-environment node
import { AZURE_CHINA_CLOUD, AZURE_CLOUD, AZURE_US_GOVERNMENT } from "../../../src/platform/clouds";
import { HttpClient } from "../../../src/platform/http/httpClient";
import { ServiceError } from "../../../src/platform/http/serviceError";
import { armAudience, devopsAudience, graphAudience, isUnderRoot } from "../../../src/platform/http/tokenAudience";

/** Tokens stay with their service: each client sends its token only to its own service's hosts. */
describe("which hosts may receive each service's token", () => {
  it("lets a Graph token go to the cloud's Graph host only", () => {
    const graph = graphAudience(AZURE_US_GOVERNMENT);
    expect(graph("https://graph.microsoft.us/v1.0/me")).toBe(true);
    expect(graph("https://graph.microsoft.com/v1.0/me")).toBe(false);
    expect(graph("https://management.usgovcloudapi.net/subscriptions")).toBe(false);
    expect(graph("https://graph.microsoft.us.evil.example/v1.0/me")).toBe(false);
    expect(graph("http://graph.microsoft.us/v1.0/me")).toBe(false);
  });

  it("lets an ARM token go to the cloud's ARM host only", () => {
    const arm = armAudience(AZURE_CHINA_CLOUD);
    expect(arm("https://management.chinacloudapi.cn/subscriptions?api-version=2022-12-01")).toBe(true);
    expect(arm("https://management.azure.com/subscriptions")).toBe(false);
    expect(arm("https://microsoftgraph.chinacloudapi.cn/v1.0/me")).toBe(false);
  });

  it("lets the Azure DevOps token go to the organization's own hosts only", () => {
    const devops = devopsAudience("contoso");
    for (const url of [
      "https://dev.azure.com/contoso/_apis/serviceendpoint/endpoints",
      "https://dev.azure.com/Contoso/_apis/projects",
      "https://vssps.dev.azure.com/contoso/_apis/identities",
      "https://extmgmt.dev.azure.com/contoso/_apis/extensionmanagement",
      "https://contoso.visualstudio.com/_apis/projects",
      "https://contoso.vssps.visualstudio.com/_apis/identities",
      "https://contoso.extmgmt.visualstudio.com/_apis/extensionmanagement",
    ]) {
      expect(devops(url), url).toBe(true);
    }
    for (const url of [
      "https://dev.azure.com/fabrikam/_apis/projects",
      "https://dev.azure.com/contoso-evil/_apis/projects",
      "https://fabrikam.visualstudio.com/_apis/projects",
      "https://contoso.visualstudio.com.evil.example/_apis",
      "https://graph.microsoft.com/v1.0/me",
      "http://dev.azure.com/contoso/_apis/projects",
      "https://dev.azure.com/contoso/../fabrikam/_apis/projects",
    ]) {
      expect(devops(url), url).toBe(false);
    }
    expect(devopsAudience("not/an/org")("https://dev.azure.com/not/an/org/")).toBe(false);
  });

  it("compares paths after the URL parser resolved them, so a root cannot be climbed out of", () => {
    expect(isUnderRoot("https://x.example/graph/v1.0/me", "https://x.example/graph")).toBe(true);
    expect(isUnderRoot("https://x.example/graph/../arm/subscriptions", "https://x.example/graph")).toBe(false);
    expect(isUnderRoot("https://x.example/graphy", "https://x.example/graph")).toBe(false);
    expect(isUnderRoot("https://user:pw@x.example/graph", "https://x.example/graph")).toBe(false);
  });
});

describe("the HTTP helper with a service's audience", () => {
  it("refuses to send the ARM token to Graph of the same cloud, before asking for a token", async () => {
    const tokens: number[] = [];
    const sent: string[] = [];
    const http = new HttpClient({
      service: "arm",
      baseUrl: AZURE_CLOUD.arm.endpoint,
      audience: armAudience(AZURE_CLOUD),
      token: async () => (tokens.push(1), "token"),
      fetch: async (input) => (sent.push(String(input)), new Response("{}", { status: 200 })),
    });
    const error = await http.send({ method: "GET", path: "https://graph.microsoft.com/v1.0/me" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: "UntrustedHost",
      message: expect.stringMatching(/Azure Resource Manager token to https:\/\/graph\.microsoft\.com/),
    });
    expect(tokens).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("keeps a client without an explicit audience to its own base URL (the Graph client never reaches ARM)", async () => {
    const sent: string[] = [];
    const http = new HttpClient({
      service: "graph",
      baseUrl: AZURE_CLOUD.graph.endpoint,
      token: async () => "graph-token",
      fetch: async (input) => (sent.push(String(input)), new Response("{}", { status: 200 })),
    });
    await expect(http.send({ method: "GET", path: "https://management.azure.com/subscriptions" })).rejects.toMatchObject({
      code: "UntrustedHost",
    });
    await http.send({ method: "GET", path: "https://graph.microsoft.com/v1.0/me" });
    expect(sent).toEqual(["https://graph.microsoft.com/v1.0/me"]);
  });
});
