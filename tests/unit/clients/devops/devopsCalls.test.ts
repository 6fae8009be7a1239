import type { ServiceEndpointRestClient } from "azure-devops-extension-api/ServiceEndpoint";
import { devopsCall } from "../../../../src/clients/devops/devopsRest";
import { RestServiceConnectionsClient } from "../../../../src/clients/devops/serviceConnectionsClient";
import type { Clock } from "../../../../src/platform/clock";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import type { WaitInfo } from "../../../../src/platform/retry";

/** The api package's failures: an Error with status and the parsed body (CONTRACTS.md §2). */
const apiError = (status: number, typeKey = `Http${status}`) => Object.assign(new Error(`${status}`), { status, responseText: "", serverError: { typeKey, message: `answered ${status}` } });

function testClock() {
  const sleeps: number[] = [];
  const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
  return { clock, sleeps };
}

describe("Azure DevOps calls on the HTTP helper's terms", () => {
  it("retries throttling and unavailability with bounded backoff and reports each wait", async () => {
    const { clock, sleeps } = testClock();
    const waits: WaitInfo[] = [];
    let calls = 0;
    const answer = await devopsCall(
      async () => {
        calls += 1;
        if (calls === 1) throw apiError(429);
        if (calls === 2) throw apiError(503);
        return "ok";
      },
      { clock, idempotent: false, onWait: (w) => waits.push(w) },
    );
    expect(answer).toBe("ok");
    expect(sleeps).toHaveLength(2);
    expect(sleeps.every((ms) => ms > 0 && ms <= 15_000)).toBe(true);
    expect(waits.map((w) => w.reason)).toEqual(["The service is throttling requests", "The service is temporarily unavailable"]);
  });

  it("does not send a create twice after a 500, but retries a read", async () => {
    const { clock } = testClock();
    let creates = 0;
    await expect(devopsCall(async () => { creates += 1; throw apiError(500); }, { clock, idempotent: false })).rejects.toMatchObject({ service: "devops", status: 500 });
    expect(creates).toBe(1);
    let reads = 0;
    expect(await devopsCall(async () => (++reads === 1 ? Promise.reject(apiError(502)) : "read"), { clock, idempotent: true })).toBe("read");
  });

  it("gives up after the policy's bound and says what Azure DevOps answered", async () => {
    const { clock, sleeps } = testClock();
    const error = await devopsCall(async () => { throw apiError(429); }, { clock, idempotent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 429 });
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(45_000);
  });

  it("times an attempt out like the HTTP helper does", async () => {
    const { clock } = testClock();
    const error = await devopsCall(() => new Promise<never>(() => undefined), { clock, idempotent: false, timeoutMs: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ service: "devops", status: 0, code: "Timeout" });
  });
});

describe("reading a connection that is gone", () => {
  const clientAnswering = (answer: () => Promise<unknown>) =>
    new RestServiceConnectionsClient({ getServiceEndpointDetails: answer } as unknown as ServiceEndpointRestClient, { clock: testClock().clock });

  it.each([
    ["404", () => Promise.reject(apiError(404, "ServiceEndpointNotFoundException"))],
    ["204 with no body (null)", () => Promise.resolve(null)],
    ["204 with no body (undefined)", () => Promise.resolve(undefined)],
    ["an empty object", () => Promise.resolve({})],
  ])("reads %s as gone", async (_what, answer) => {
    expect(await clientAnswering(answer).get("project", "endpoint")).toBeUndefined();
  });

  it("still reports other failures", async () => {
    await expect(clientAnswering(() => Promise.reject(apiError(403))).get("project", "endpoint")).rejects.toMatchObject({ status: 403 });
  });

  it("returns a connection that is there", async () => {
    expect(await clientAnswering(() => Promise.resolve({ id: "e1", name: "prod" })).get("project", "e1")).toMatchObject({ id: "e1", name: "prod" });
  });
});
