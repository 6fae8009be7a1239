import type { Clock } from "../../../../src/platform/clock";

const host = vi.hoisted(() => ({ root: "https://dev.azure.com/contoso/", tokens: 0 }));
vi.mock("azure-devops-extension-sdk", () => ({
  getHost: () => ({ name: "contoso" }),
  getAccessToken: async () => (host.tokens++, "devops-token"),
  getService: async () => ({ getResourceAreaLocation: async () => host.root }),
}));

const { sdkDevOpsRest } = await import("../../../../src/clients/devops/devopsRest");

function harness(answers: Response[]) {
  const sent: Array<{ url: string; headers: Headers }> = [];
  const sleeps: number[] = [];
  const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
  const rest = sdkDevOpsRest({
    clock,
    fetch: async (input, init) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers) });
      return answers.shift() ?? new Response(null, { status: 599 });
    },
  });
  return { rest, sent, sleeps };
}

beforeEach(() => {
  host.root = "https://dev.azure.com/contoso/";
  host.tokens = 0;
});

describe("Azure DevOps REST on the platform's HTTP helper", () => {
  it("sends the api-version in the Accept header with the host's token, to the organization's root", async () => {
    const { rest, sent } = harness([new Response(JSON.stringify({ allPipelines: null }), { status: 200 })]);
    expect(await rest.send("area", "GET", "p/_apis/pipelines/pipelinePermissions/endpoint/e", "7.1-preview.1")).toEqual({
      allPipelines: null,
    });
    expect(sent[0]!.url).toBe("https://dev.azure.com/contoso/p/_apis/pipelines/pipelinePermissions/endpoint/e");
    expect(sent[0]!.headers.get("accept")).toMatch(/^application\/json;api-version=7\.1-preview\.1;excludeUrls=true;enumsAsNumbers=true/);
    expect(sent[0]!.headers.get("authorization")).toBe("Bearer devops-token");
  });

  it("waits out a 429 for its Retry-After, as Graph and ARM calls do", async () => {
    const { rest, sleeps } = harness([
      new Response(JSON.stringify({ message: "slow down", typeKey: "Throttled" }), { status: 429, headers: { "Retry-After": "3" } }),
      new Response("[true]", { status: 200 }),
    ]);
    expect(await rest.send("area", "GET", "_apis/x", "7.1")).toEqual([true]);
    expect(sleeps).toEqual([3000]);
  });

  it.each(["https://evil.example/contoso/", "https://dev.azure.com/fabrikam/", "https://graph.microsoft.com/"])(
    "refuses to send the token to %s, whatever the location service says",
    async (root) => {
      host.root = root;
      const { rest, sent } = harness([new Response("{}", { status: 200 })]);
      await expect(rest.send("area", "GET", "_apis/x", "7.1")).rejects.toMatchObject({ service: "devops", code: "UntrustedHost" });
      expect(sent).toEqual([]);
      expect(host.tokens).toBe(0);
    },
  );

  it("words Azure DevOps' own error body", async () => {
    const { rest } = harness([
      new Response(JSON.stringify({ message: "Access denied", typeKey: "UnauthorizedRequestException" }), { status: 403 }),
    ]);
    await expect(rest.send("area", "GET", "_apis/x", "7.1")).rejects.toMatchObject({
      service: "devops",
      status: 403,
      code: "UnauthorizedRequestException",
      message: "Access denied",
    });
  });
});
