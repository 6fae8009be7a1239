// @vitest-environment jsdom
import { throttleRule } from "../../../../emulator/model/core/knobs";
import { SEED } from "../../../../emulator/model/seed";
import { HttpHelperServiceEndpointClient, RestServiceConnectionsClient } from "../../../../src/clients/devops/serviceConnectionsClient";
import { devopsAudience } from "../../../../src/platform/http/tokenAudience";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { HttpWaitRelay } from "../../../../src/workflows/session/httpWaits";
import { createWorld, DEVOPS_ROOT, formFor } from "../../../support/inProcessAzure";

/** The world's clients, with their HTTP-level waits going to the relay, as the composition root wires them. */
function throttledWorld() {
  const world = createWorld();
  const relay = new HttpWaitRelay();
  const connections = new RestServiceConnectionsClient(
    new HttpHelperServiceEndpointClient(
      { rootPath: DEVOPS_ROOT },
      {
        fetch: world.fetch,
        clock: world.clock,
        onWait: relay.onWait("devops"),
        token: async () => "test",
        audience: devopsAudience(SEED.devopsOrganization),
      },
    ),
  );
  return { world, relay, ports: { ...world.ports, connections } };
}

describe("HTTP-level waits on the running step", () => {
  it("shows Azure DevOps throttling on the step and ends verified without a click", async () => {
    const { world, relay, ports } = throttledWorld();
    world.model.knobs.faults.push(throttleRule("devops", { count: 2, status: 429, retryAfter: 3 }));
    const snapshots: RunSnapshot[] = [];
    const run = world.provisioningRun(formFor("Subscription"), { ports, httpWaits: relay, onChange: (s) => snapshots.push(s) });

    const final = await run.start();

    const waits = snapshots.flatMap((s) => s.steps.filter((step) => step.waiting).map((step) => ({ id: step.id, ...step.waiting! })));
    expect(waits.length).toBeGreaterThanOrEqual(2);
    expect(waits[0]).toMatchObject({ reason: "Azure DevOps is throttling requests", delayMs: 3_000 });
    expect(world.clock.sleeps.filter((ms) => ms === 3_000)).toHaveLength(2);
    expect(final.status).toBe("succeeded");
    expect(final.steps.find((s) => s.id === "verify")?.status).toBe("done");
    // Once done, no step still says it waits.
    expect(final.steps.filter((s) => s.waiting)).toEqual([]);
  });

  it("names Microsoft Graph and Azure Resource Manager too, and shows nothing once the step is over", () => {
    const relay = new HttpWaitRelay();
    const seen: Array<string | undefined> = [];
    const reporter = {
      waiting: (w: { reason: string } | undefined) => seen.push(w?.reason),
      note: () => undefined,
      signal: new AbortController().signal,
    };
    const detach = relay.attach(reporter);
    relay.onWait("graph")({
      attempt: 1,
      delayMs: 1_000,
      reason: "The service is throttling requests",
      waitedMs: 1_000,
      maxTotalWaitMs: 45_000,
    });
    relay.onWait("arm")({
      attempt: 1,
      delayMs: 1_000,
      reason: "The service is temporarily unavailable",
      waitedMs: 1_000,
      maxTotalWaitMs: 45_000,
    });
    detach();
    relay.onWait("devops")({
      attempt: 1,
      delayMs: 1_000,
      reason: "The service is throttling requests",
      waitedMs: 1_000,
      maxTotalWaitMs: 45_000,
    });
    expect(seen).toEqual(["Microsoft Graph is throttling requests", "Azure Resource Manager is temporarily unavailable"]);
  });
});
