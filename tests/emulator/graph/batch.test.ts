import { errorOf, GraphClient, graphToken, newBox } from "./graphKit";

interface BatchAnswer {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

function answers(res: { body?: unknown }): BatchAnswer[] {
  return (res.body as { responses: BatchAnswer[] }).responses;
}

describe("POST /$batch", () => {
  it("answers each request with its own id, status, headers and body, using the batch's token", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const app = await client.createApp("batched");
    const res = await client.post("/$batch", {
      requests: [
        { id: "1", method: "GET", url: "/me?$select=id,displayName" },
        { id: "2", method: "GET", url: `applications/${app.id}?$select=appId` },
        {
          id: "3",
          method: "POST",
          url: `/applications/${app.id}/addPassword`,
          headers: { "Content-Type": "application/json" },
          body: { passwordCredential: { displayName: "b" } },
        },
        { id: "4", method: "GET", url: "/applications/00000000-0000-0000-0000-000000000000" },
      ],
    });
    expect(res.status).toBe(200);
    const [me, read, secret, missing] = answers(res);
    expect(me).toMatchObject({ id: "1", status: 200, body: { displayName: "Ada Admin" } });
    expect(me!.headers).toMatchObject({ "Cache-Control": "no-cache", "Content-Type": expect.stringContaining("application/json") });
    expect(read).toMatchObject({ id: "2", status: 200, body: { appId: app.appId } });
    expect(secret).toMatchObject({ id: "3", status: 200, body: { displayName: "b" } });
    expect(missing).toMatchObject({ id: "4", status: 404, body: { error: { code: "Request_ResourceNotFound" } } });
  });

  it("omits the body of an answer that has none", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const app = await client.createApp("patched in batch");
    const res = await client.post("/$batch", {
      requests: [
        { id: "a", method: "PATCH", url: `/applications/${app.id}`, headers: { "content-type": "application/json" }, body: { notes: "n" } },
      ],
    });
    expect(answers(res)).toEqual([{ id: "a", status: 204, headers: { "Cache-Control": "no-cache" } }]);
  });

  it("resolves requests against the root the batch came in on", async () => {
    const box = newBox();
    const root = "http://127.0.0.1:7000/graph";
    const client = new GraphClient(box, graphToken(box, "admin"), root);
    const res = await client.post("/$batch", { requests: [{ id: "1", method: "GET", url: "/organization" }] });
    expect(answers(res)[0]!.body!["@odata.context"]).toBe(`${root}/v1.0/$metadata#organization`);
  });

  it("refuses more than 20 requests with 400", async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" }));
    const res = await GraphClient.as(newBox(), "admin").post("/$batch", { requests });
    expect(errorOf(res)).toMatchObject({ status: 400, code: "BadRequest" });
    const twenty = await GraphClient.as(newBox(), "admin").post("/$batch", { requests: requests.slice(0, 20) });
    expect(twenty.status).toBe(200);
  });

  it("refuses ids that repeat, without regard to case", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/$batch", {
      requests: [
        { id: "a", method: "GET", url: "/me" },
        { id: "A", method: "GET", url: "/me" },
      ],
    });
    expect(res.status).toBe(400);
  });

  it("refuses a request with a body but no Content-Type header", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/$batch", {
      requests: [{ id: "1", method: "POST", url: "/applications", body: { displayName: "x" } }],
    });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "BadRequest",
      message: "Write request id : 1 does not contain Content-Type header or body.",
    });
  });

  it("refuses a batch without requests or with a dependency on an unknown id", async () => {
    const client = GraphClient.as(newBox(), "admin");
    expect((await client.post("/$batch", {})).status).toBe(400);
    expect((await client.post("/$batch", { requests: [{ id: "1", method: "GET", url: "/me", dependsOn: ["9"] }] })).status).toBe(400);
  });

  it("runs dependsOn in order and fails the dependents of a failed request with 424", async () => {
    const box = newBox();
    const client = GraphClient.as(box, "admin");
    const json = { "Content-Type": "application/json" };
    const res = await client.post("/$batch", {
      requests: [
        { id: "2", method: "GET", url: "/applications?$filter=displayName eq 'ordered'", dependsOn: ["1"] },
        { id: "1", method: "POST", url: "/applications", headers: json, body: { displayName: "ordered" } },
        { id: "3", method: "POST", url: "/applications", headers: json, body: { displayName: "" } },
        { id: "4", method: "GET", url: "/me", dependsOn: ["3"] },
      ],
    });
    const byId = new Map(answers(res).map((a) => [a.id, a]));
    expect(answers(res).map((a) => a.id)).toEqual(["2", "1", "3", "4"]);
    expect(byId.get("1")!.status).toBe(201);
    expect((byId.get("2")!.body as { value: unknown[] }).value).toHaveLength(1);
    expect(byId.get("3")!.status).toBe(400);
    expect(byId.get("4")!.status).toBe(424);
  });

  it("applies fault rules to each request on its own, as Graph throttles batched requests individually", async () => {
    const box = newBox();
    box.knobs.faults.push({ service: "graph", method: "GET", path: "^/v1\\.0/organization$", count: 1, status: 429, retryAfter: 7 });
    const res = await GraphClient.as(box, "admin").post("/$batch", {
      requests: [
        { id: "1", method: "GET", url: "/organization" },
        { id: "2", method: "GET", url: "/organization" },
      ],
    });
    const [throttled, ok] = answers(res);
    expect(throttled).toMatchObject({ status: 429, headers: { "Retry-After": "7" }, body: { error: { code: "TooManyRequests" } } });
    expect(ok!.status).toBe(200);
  });

  it("refuses nested batches and absolute URLs per request", async () => {
    const res = await GraphClient.as(newBox(), "admin").post("/$batch", {
      requests: [
        { id: "1", method: "POST", url: "/$batch", headers: { "Content-Type": "application/json" }, body: { requests: [] } },
        { id: "2", method: "GET", url: "https://graph.microsoft.com/v1.0/me" },
      ],
    });
    expect(answers(res).map((a) => a.status)).toEqual([400, 400]);
  });

  it("needs a valid token for the batch itself", async () => {
    const res = await new GraphClient(newBox(), undefined).post("/$batch", { requests: [{ id: "1", method: "GET", url: "/me" }] });
    expect(res.status).toBe(401);
  });
});
