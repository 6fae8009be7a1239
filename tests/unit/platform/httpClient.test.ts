// @vitest-environment node
import { CancelledError, type Clock } from "../../../src/platform/clock";
import { HttpClient, type HttpClientOptions } from "../../../src/platform/http/httpClient";
import { parseClaimsChallenge, parseErrorBody, parseRetryAfter, ServiceError } from "../../../src/platform/http/serviceError";

/**
 * The one HTTP helper for Graph and ARM: tokens only to the cloud table's hosts, retries that never repeat a POST
 * unless it is safe, one re-authentication for a claims challenge, and every failure as a ServiceError.
 */
interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

type Answer = Response | Error | ((sent: Sent, signal: AbortSignal | undefined) => Promise<Response>);

function harness(answers: Answer[], options: Partial<HttpClientOptions> = {}) {
  const sent: Sent[] = [];
  const tokens: Array<string | undefined> = [];
  const sleeps: number[] = [];
  const clock: Clock = { now: () => Date.parse("2026-03-01T12:00:00Z"), sleep: async (ms) => void sleeps.push(ms) };
  const fetchImpl: typeof fetch = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const request: Sent = {
      url: String(input),
      method: init?.method ?? "GET",
      headers,
      ...(typeof init?.body === "string" ? { body: init.body } : {}),
    };
    sent.push(request);
    const answer = answers.shift() ?? new Response(null, { status: 599 });
    if (answer instanceof Error) throw answer;
    if (typeof answer === "function") return answer(request, init?.signal ?? undefined);
    return answer;
  };
  const http = new HttpClient({
    service: "graph",
    baseUrl: "https://graph.microsoft.com",
    token: async (o) => {
      tokens.push(o?.claims);
      return o?.claims ? "token-with-claims" : "token";
    },
    fetch: fetchImpl,
    clock,
    ...options,
  });
  return { http, sent, tokens, sleeps };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const graphError = (status: number, code: string, message = "nope", headers: Record<string, string> = {}) =>
  json(status, { error: { code, message } }, headers);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ServiceError,
  );

describe("sending a request", () => {
  it("sends the bearer token, Accept and a JSON body to the cloud's host, with the query", async () => {
    const { http, sent } = harness([json(201, { id: "1" })]);
    const answer = await http.send<{ id: string }>({
      method: "POST",
      path: "/v1.0/applications",
      query: { $select: "id", skip: undefined },
      body: { displayName: "x" },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: "1" });
    expect(sent).toEqual([
      {
        url: "https://graph.microsoft.com/v1.0/applications?%24select=id",
        method: "POST",
        headers: { authorization: "Bearer token", accept: "application/json", "content-type": "application/json" },
        body: '{"displayName":"x"}',
      },
    ]);
  });

  it("follows an absolute link on the same cloud", async () => {
    const { http, sent } = harness([json(200, { value: [] })]);
    await http.send({ method: "GET", path: "https://graph.microsoft.com/v1.0/applications?$skiptoken=abc" });
    expect(sent[0]?.url).toBe("https://graph.microsoft.com/v1.0/applications?$skiptoken=abc");
  });

  it("reads an empty answer as no body", async () => {
    const { http } = harness([new Response(null, { status: 204 })]);
    expect((await http.send({ method: "DELETE", path: "/v1.0/applications/1" })).body).toBeUndefined();
  });
});

describe("never sending a token outside the clouds", () => {
  it.each([
    "https://graph.microsoft.com.evil.example/v1.0/me",
    "https://evil.example/v1.0/me",
    "http://graph.microsoft.com/v1.0/me",
    "https://127.0.0.1:7000/graph/v1.0/me",
  ])("refuses %s without asking for a token or sending anything", async (url) => {
    const { http, sent, tokens } = harness([json(200, {})]);
    const error = await failure(http.send({ method: "GET", path: url }));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 0, code: "UntrustedHost" });
    expect(sent).toEqual([]);
    expect(tokens).toEqual([]);
  });

  it("refuses a base URL that is not a cloud's (the emulator's, in a production build)", async () => {
    const { http, sent } = harness([json(200, {})], { baseUrl: "http://127.0.0.1:7000/graph" });
    expect(await failure(http.send({ method: "GET", path: "/v1.0/me" }))).toMatchObject({ code: "UntrustedHost" });
    expect(sent).toEqual([]);
  });

  it("does not retry the refusal", async () => {
    const { http, sleeps } = harness([]);
    await failure(http.send({ method: "GET", path: "https://evil.example/" }));
    expect(sleeps).toEqual([]);
  });
});

describe("retries", () => {
  it("never sends a POST twice after a 500: the first may have done its work", async () => {
    const { http, sent } = harness([graphError(500, "InternalServerError"), json(201, {})]);
    expect(await failure(http.send({ method: "POST", path: "/v1.0/applications", body: {} }))).toMatchObject({
      status: 500,
      service: "graph",
    });
    expect(sent).toHaveLength(1);
  });

  it("never sends a POST twice after a network failure", async () => {
    const { http, sent } = harness([new TypeError("Failed to fetch"), json(201, {})]);
    expect(await failure(http.send({ method: "POST", path: "/v1.0/applications", body: {} }))).toMatchObject({
      status: 0,
      code: "NetworkError",
    });
    expect(sent).toHaveLength(1);
  });

  it("retries a POST that was throttled (429), waiting as long as Retry-After says", async () => {
    const { http, sent, sleeps } = harness([
      graphError(429, "TooManyRequests", "slow down", { "retry-after": "3" }),
      json(201, { id: "1" }),
    ]);
    expect((await http.send({ method: "POST", path: "/v1.0/applications", body: {} })).status).toBe(201);
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([3_000]);
  });

  it("retries a POST on 503, and one the caller marks idempotent on 500", async () => {
    const a = harness([graphError(503, "ServiceUnavailable"), json(200, {})]);
    expect((await a.http.send({ method: "POST", path: "/v1.0/x", body: {} })).status).toBe(200);
    const b = harness([graphError(500, "InternalServerError"), new Response(null, { status: 204 })]);
    expect((await b.http.send({ method: "POST", path: "/v1.0/applications/1/removePassword", body: {}, idempotent: true })).status).toBe(
      204,
    );
    expect(b.sent).toHaveLength(2);
  });

  it.each([500, 502, 503, 504])("retries a GET on %i", async (status) => {
    const { http, sent } = harness([graphError(status, "Oops"), json(200, { ok: true })]);
    expect((await http.send({ method: "GET", path: "/v1.0/me" })).body).toEqual({ ok: true });
    expect(sent).toHaveLength(2);
  });

  it("retries a PUT after a network failure", async () => {
    const { http, sent } = harness([new TypeError("Failed to fetch"), json(200, {})]);
    await http.send({ method: "PUT", path: "/v1.0/x", body: {} });
    expect(sent).toHaveLength(2);
  });

  it.each([400, 403, 404, 409])("does not retry %i", async (status) => {
    const { http, sent } = harness([graphError(status, "Nope"), json(200, {})]);
    expect(await failure(http.send({ method: "GET", path: "/v1.0/me" }))).toMatchObject({ status, code: "Nope" });
    expect(sent).toHaveLength(1);
  });

  it("stops after the policy's attempts and reports each wait", async () => {
    const waits: number[] = [];
    const { http, sent } = harness(
      Array.from({ length: 10 }, () => graphError(503, "ServiceUnavailable")),
      { onWait: (w) => waits.push(w.attempt) },
    );
    expect(await failure(http.send({ method: "GET", path: "/v1.0/me" }))).toMatchObject({ status: 503 });
    expect(sent).toHaveLength(5);
    expect(waits).toEqual([1, 2, 3, 4]);
  });

  it("gives up an attempt that takes longer than the timeout, as a network failure", async () => {
    const hang = (_sent: Sent, signal: AbortSignal | undefined) =>
      new Promise<Response>((_resolve, reject) =>
        signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    const { http, sent } = harness([hang], { timeoutMs: 10 });
    expect(await failure(http.send({ method: "POST", path: "/v1.0/applications", body: {} }))).toMatchObject({
      status: 0,
      code: "NetworkError",
    });
    expect(sent).toHaveLength(1);
  });

  it("stops at once when the caller cancels", async () => {
    const controller = new AbortController();
    controller.abort();
    const { http, sent } = harness([json(200, {})]);
    await expect(http.send({ method: "GET", path: "/v1.0/me", signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(sent).toEqual([]);
  });
});

describe("claims challenges", () => {
  const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
  const challenge = () =>
    json(
      401,
      { error: { code: "RequestDisallowedByPolicy", message: "MFA" } },
      { "www-authenticate": `Bearer error="insufficient_claims", claims="${btoa(claims)}"` },
    );

  it("signs in again once with the claims and repeats the request", async () => {
    const { http, sent, tokens } = harness([challenge(), json(201, {})]);
    expect((await http.send({ method: "POST", path: "/v1.0/applications", body: {} })).status).toBe(201);
    expect(tokens).toEqual([undefined, claims]);
    expect(sent.map((s) => s.headers["authorization"])).toEqual(["Bearer token", "Bearer token-with-claims"]);
  });

  it("does not loop when the new token is challenged again, and keeps the claims for the person", async () => {
    const { http, sent, tokens } = harness([challenge(), challenge(), json(201, {})]);
    const error = await failure(http.send({ method: "POST", path: "/v1.0/applications", body: {} }));
    expect(error).toMatchObject({ status: 401, code: "RequestDisallowedByPolicy", details: { claims } });
    expect(tokens).toHaveLength(2);
    expect(sent).toHaveLength(2);
  });

  it("does not sign in again for a 401 without a challenge", async () => {
    const { http, tokens } = harness([graphError(401, "InvalidAuthenticationToken")]);
    expect(await failure(http.send({ method: "GET", path: "/v1.0/me" }))).toMatchObject({ status: 401 });
    expect(tokens).toHaveLength(1);
  });
});

describe("reading errors", () => {
  it("reads Graph's and ARM's {error:{code,message}}, Entra's {error,error_description} and Azure DevOps' {typeKey,message}", () => {
    expect(parseErrorBody({ error: { code: "Authorization_RequestDenied", message: "Insufficient privileges" } })).toEqual({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges",
    });
    expect(parseErrorBody({ error: "invalid_grant", error_description: "AADSTS50076: MFA" })).toEqual({
      code: "invalid_grant",
      message: "AADSTS50076: MFA",
    });
    expect(parseErrorBody({ typeKey: "DuplicateServiceConnectionException", message: "exists" })).toEqual({
      code: "DuplicateServiceConnectionException",
      message: "exists",
    });
    expect(parseErrorBody("<html>")).toEqual({});
    expect(parseErrorBody(null)).toEqual({});
  });

  it("uses the status when the body says nothing", async () => {
    const { http } = harness([new Response("<html>gateway</html>", { status: 404 })]);
    expect(await failure(http.send({ method: "GET", path: "/v1.0/me" }))).toMatchObject({
      status: 404,
      code: "Http404",
      message: "GET https://graph.microsoft.com/v1.0/me answered 404.",
    });
  });

  it("reads Retry-After as seconds or as a date, never negative", () => {
    const now = Date.parse("2026-03-01T12:00:00Z");
    expect(parseRetryAfter("5", now)).toBe(5_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
  });

  it("decodes the claims of a challenge, base64 or base64url", () => {
    expect(parseClaimsChallenge(`Bearer realm="", claims="${btoa('{"a":1}')}"`)).toBe('{"a":1}');
    expect(parseClaimsChallenge('Bearer claims="eyJhIjoxfQ"')).toBe('{"a":1}');
    expect(parseClaimsChallenge('Bearer error="invalid_token"')).toBeUndefined();
    expect(parseClaimsChallenge(null)).toBeUndefined();
  });
});
