import { throttleRule } from "../../../emulator/model/core/knobs";
import { handleControl } from "../../../emulator/server/control";
import { createEndpoint, devops, newModel, ORG, PROJECT } from "./helpers";

/**
 * Azure DevOps throttling through the central fault injector (knobs.faults, consumed one request at a time):
 * throttleRule builds a rule for the next N calls of the service, or of a route family by path.
 */
const list = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpoints`;

describe("Azure DevOps throttling", () => {
  it("answers 429 with Retry-After and X-RateLimit headers in Azure DevOps' error shape for the next N calls, then serves again", async () => {
    const model = newModel();
    model.knobs.faults.push(throttleRule("devops", { count: 2, retryAfter: 7 }));
    for (let i = 0; i < 2; i++) {
      const res = await devops(model, "GET", list);
      expect(res.status).toBe(429);
      expect(res.headers["retry-after"]).toBe("7");
      expect(res.headers["x-ratelimit-resource"]).toBeDefined();
      expect(res.body).toMatchObject({ typeKey: "TooManyRequests", message: expect.any(String) });
    }
    expect((await devops(model, "GET", list)).status).toBe(200);
  });

  it("throttles only a route family when given a path, and offers a 503 variant", async () => {
    const model = newModel();
    model.knobs.faults.push(throttleRule("devops", { path: "/_apis/serviceendpoint/endpoints", status: 503, retryAfter: 3 }));
    expect((await devops(model, "GET", `/${ORG}/_apis/projects`)).status).toBe(200);
    const res = await createEndpoint(model);
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("3");
    expect(model.state.devops.serviceEndpoints).toEqual([]);
    expect((await createEndpoint(model)).status).toBe(200);
  });

  it("can be set over HTTP with PATCH /_emulator/knobs", async () => {
    const model = newModel();
    const url = new URL("http://127.0.0.1:7000/_emulator/knobs");
    await handleControl(model, "PATCH", url, JSON.stringify({ faults: [throttleRule("devops", { count: 1 })] }));
    expect((await devops(model, "GET", list)).status).toBe(429);
    expect((await devops(model, "GET", list)).status).toBe(200);
  });
});

describe("the control page", () => {
  it("offers the service-behaviour knobs with their current values", async () => {
    const model = newModel();
    model.knobs.hasPermissions = "forbidden";
    const page = await handleControl(model, "GET", new URL("http://127.0.0.1:7000/_emulator/"), undefined);
    const html = String(page.body);
    for (const name of ["federationIssuer", "missingEndpointRead", "hasPermissions", "needAdminApproval"])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain("<option selected>forbidden</option>");
    expect(html).toContain("applicationToWriteCalls");
  });
});
