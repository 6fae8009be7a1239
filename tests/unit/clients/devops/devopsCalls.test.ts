import type { ServiceEndpointRestClient } from "azure-devops-extension-api/ServiceEndpoint";
import { HttpHelperServiceEndpointClient, RestServiceConnectionsClient } from "../../../../src/clients/devops/serviceConnectionsClient";
import type { Clock } from "../../../../src/platform/clock";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { devopsAudience } from "../../../../src/platform/http/tokenAudience";
import type { WaitInfo } from "../../../../src/platform/retry";

const ROOT = "https://dev.azure.com/contoso/";
type Answer = Response | ((signal: AbortSignal | undefined) => Promise<Response>);

/** The api package's ServiceEndpoint client, its requests sent by the hub's HTTP helper, over a scripted fetch. */
function harness(answers: Answer[], timeoutMs?: number) {
  const sent: Array<{ method: string; url: string; accept: string | null }> = [];
  const sleeps: number[] = [];
  const waits: WaitInfo[] = [];
  const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
  const api = new HttpHelperServiceEndpointClient(
    { rootPath: ROOT },
    {
      clock,
      onWait: (w) => waits.push(w),
      token: async () => "devops-token",
      audience: devopsAudience("contoso"),
      ...(timeoutMs ? { timeoutMs } : {}),
      fetch: async (input, init) => {
        sent.push({ method: init?.method ?? "GET", url: String(input), accept: new Headers(init?.headers).get("accept") });
        const answer = answers.shift() ?? new Response(null, { status: 599 });
        return typeof answer === "function" ? answer(init?.signal ?? undefined) : answer;
      },
    },
  );
  return { client: new RestServiceConnectionsClient(api as ServiceEndpointRestClient), sent, sleeps, waits };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const endpoint = {
  id: "e1",
  name: "prod",
  type: "azurerm",
  url: "https://management.azure.com/",
  data: {},
  authorization: { scheme: "ServicePrincipal", parameters: {} },
};

describe("Azure DevOps calls through azure-devops-extension-api, on the HTTP helper's terms", () => {
  it("keeps the package's routes and Accept-header api-version", async () => {
    const { client, sent } = harness([json(200, [endpoint])]);
    expect(await client.listAzureRm("project")).toHaveLength(1);
    expect(sent[0]!.url).toMatch(/^https:\/\/dev\.azure\.com\/contoso\/project\/_apis\/serviceendpoint\/endpoints\?type=azurerm/);
    expect(sent[0]!.accept).toMatch(
      /^application\/json;api-version=[\d.]+-preview\.\d+;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true$/,
    );
  });

  it("waits out 429 for its Retry-After and 503 with bounded backoff, and reports each wait", async () => {
    const { client, sleeps, waits } = harness([
      json(429, { message: "slow down" }, { "Retry-After": "7" }),
      json(503, { message: "busy" }),
      json(200, endpoint),
    ]);
    expect(await client.create(endpoint as never)).toMatchObject({ id: "e1" });
    expect(sleeps[0]).toBe(7000);
    expect(sleeps[1]).toBeGreaterThan(0);
    expect(sleeps[1]).toBeLessThanOrEqual(15_000);
    expect(waits.map((w) => w.reason)).toEqual(["The service is throttling requests", "The service is temporarily unavailable"]);
  });

  it("never sends a create twice after a 500, but retries a read", async () => {
    const create = harness([json(500, { message: "oops", typeKey: "Boom" }), json(200, endpoint)]);
    await expect(create.client.create(endpoint as never)).rejects.toMatchObject({ service: "devops", status: 500, code: "Boom" });
    expect(create.sent).toHaveLength(1);
    const read = harness([json(502, { message: "bad gateway" }), json(200, [endpoint])]);
    expect(await read.client.listAzureRm("project")).toHaveLength(1);
    expect(read.sent).toHaveLength(2);
  });

  it("gives up within the policy's bound and says what Azure DevOps answered", async () => {
    const { client, sleeps } = harness(Array.from({ length: 10 }, () => json(429, { message: "slow down" })));
    const error = await client.listAzureRm("project").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 429 });
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(45_000);
  });

  it("times an attempt out like every other call", async () => {
    const hang = (signal: AbortSignal | undefined) =>
      new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const { client } = harness([hang, hang, hang, hang, hang], 10);
    await expect(client.create(endpoint as never)).rejects.toMatchObject({ service: "devops", status: 0 });
  });

  it("refuses to send the token off the organization's hosts", async () => {
    const api = new HttpHelperServiceEndpointClient(
      { rootPath: "https://dev.azure.com/fabrikam/" },
      { token: async () => "t", audience: devopsAudience("contoso"), fetch: async () => json(200, []) },
    );
    await expect(new RestServiceConnectionsClient(api as ServiceEndpointRestClient).listAzureRm("p")).rejects.toMatchObject({
      code: "UntrustedHost",
    });
  });
});

describe("reading a connection that is gone", () => {
  it.each([
    ["404", () => json(404, { message: "not found", typeKey: "ServiceEndpointNotFoundException" })],
    ["204 with no body", () => new Response(null, { status: 204 })],
    ["200 with an empty body", () => new Response("", { status: 200 })],
    ["200 with null", () => json(200, null)],
  ])("reads %s as gone (undefined), never as an error", async (_what, answer) => {
    expect(await harness([answer()]).client.get("project", "e1")).toBeUndefined();
  });

  it("still reports other failures", async () => {
    await expect(harness([json(403, { message: "denied" })]).client.get("project", "e1")).rejects.toMatchObject({ status: 403 });
  });

  it("returns a connection that is there", async () => {
    expect(await harness([json(200, endpoint)]).client.get("project", "e1")).toMatchObject({ id: "e1", name: "prod" });
  });
});
