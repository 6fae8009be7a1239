// @vitest-environment jsdom
/**
 * The one retry policy (src/platform/retry.ts, used by the HTTP helper and by src/workflows/engine/retryStep.ts), held
 * to what the person is promised: Retry-After is honoured when it can be read, backoff has jitter and bounds, the
 * total wait shown on the Run page is a real bound, and Cancel ends a wait at once and starts no further step.
 */
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import fc from "fast-check";
import { useEffect, useState } from "react";
import { RunPage } from "../../../src/hub/wizard/pages/RunPage";
import { CancelledError, type Clock } from "../../../src/platform/clock";
import { HttpClient } from "../../../src/platform/http/httpClient";
import { backoffDelay, HTTP_RETRY, REPLICATION_RETRY, withRetry, type RetryPolicy, type WaitInfo } from "../../../src/platform/retry";
import type { RunSnapshot, WaitState } from "../../../src/workflows/engine/workflowTypes";
import type { ProvisioningRun } from "../../../src/workflows/provisioning/provisioningRun";
import { VERIFY_RETRY } from "../../../src/workflows/engine/policy";
import { createWorld, formFor } from "../../support/inProcessAzure";
import { expectNothingLeftBehind, expectProvisioned } from "../../support/provisioningState";

const policyArb = fc
  .record({
    maxAttempts: fc.integer({ min: 1, max: 20 }),
    baseDelayMs: fc.integer({ min: 1, max: 10_000 }),
    maxDelayMs: fc.integer({ min: 1, max: 60_000 }),
    maxTotalWaitMs: fc.integer({ min: 0, max: 600_000 }),
  })
  .map((p): RetryPolicy => ({ ...p, maxDelayMs: Math.max(p.maxDelayMs, p.baseDelayMs) }));

/** A clock whose sleeps return at once and are written down. */
function instantClock(start = 0): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  let now = start;
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new CancelledError();
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** A clock whose sleeps never end by themselves: only a cancel ends them (a wait the person sits through). */
function stuckClock(): Clock & { sleeping: number } {
  const clock = {
    sleeping: 0,
    now: () => Date.parse("2026-03-01T12:00:00Z"),
    sleep: (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        if (signal?.aborted) return reject(new CancelledError());
        clock.sleeping += 1;
        signal?.addEventListener("abort", () => reject(new CancelledError()), { once: true });
      }),
  };
  return clock;
}

describe("backoff", () => {
  it("stays between half and all of the capped exponential delay, for any policy, attempt and random draw", () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 1, max: 64 }), fc.double({ min: 0, max: 1, noNaN: true }), (policy, attempt, draw) => {
        const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        const delay = backoffDelay(policy, attempt, () => draw);
        return (
          delay >= Math.floor(exponential / 2) && delay <= Math.ceil(exponential) && delay <= policy.maxDelayMs && Number.isFinite(delay)
        );
      }),
    );
  });

  it("has jitter: many clients failing at once do not retry in step", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(HTTP_RETRY, 3, Math.random)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe("the total wait", () => {
  it("never exceeds the policy's bound, nor its attempts, whatever the server asks (Retry-After included)", async () => {
    await fc.assert(
      fc.asyncProperty(
        policyArb,
        fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }), { minLength: 1, maxLength: 30 }),
        async (policy, serverDelays) => {
          const clock = instantClock();
          const waits: WaitInfo[] = [];
          let attempts = 0;
          await withRetry(
            async () => {
              attempts += 1;
              throw new Error("busy");
            },
            () => {
              const afterMs = serverDelays[(attempts - 1) % serverDelays.length];
              return { retry: true, ...(afterMs !== undefined ? { afterMs } : {}) };
            },
            policy,
            { clock, onWait: (w) => waits.push(w) },
          ).catch(() => undefined);
          const total = clock.sleeps.reduce((a, b) => a + b, 0);
          expect(total).toBeLessThanOrEqual(policy.maxTotalWaitMs);
          expect(attempts).toBeLessThanOrEqual(policy.maxAttempts);
          for (const w of waits) {
            expect(w.waitedMs).toBeLessThanOrEqual(w.maxTotalWaitMs);
            expect(w.maxTotalWaitMs).toBe(policy.maxTotalWaitMs);
          }
        },
      ),
    );
  });

  it("the shipped policies promise minutes, not hours", () => {
    expect(HTTP_RETRY.maxTotalWaitMs).toBeLessThanOrEqual(60_000);
    expect(REPLICATION_RETRY.maxTotalWaitMs).toBeLessThanOrEqual(300_000);
    expect(VERIFY_RETRY.maxTotalWaitMs).toBeLessThanOrEqual(300_000);
  });
});

describe("Retry-After", () => {
  /** An HTTP helper over a fetch that throttles `times` times with the given headers, then answers 200. */
  function throttled(times: number, headers: Record<string, string>) {
    const clock = instantClock(Date.parse("2026-03-01T12:00:00Z"));
    let calls = 0;
    const http = new HttpClient({
      service: "graph",
      baseUrl: "https://graph.microsoft.com",
      token: async () => "token",
      clock,
      fetch: async () => {
        calls += 1;
        return calls <= times
          ? new Response(JSON.stringify({ error: { code: "TooManyRequests", message: "Slow down." } }), { status: 429, headers })
          : new Response("{}", { status: 200 });
      },
    });
    return { http, clock, calls: () => calls };
  }

  it("waits exactly as long as the server says, in seconds", async () => {
    const { http, clock } = throttled(2, { "Retry-After": "7" });
    await http.send({ method: "POST", path: "/v1.0/applications", body: {} });
    expect(clock.sleeps).toEqual([7_000, 7_000]);
  });

  it("waits until the HTTP date the server names", async () => {
    const { http, clock } = throttled(1, { "Retry-After": new Date(Date.parse("2026-03-01T12:00:12Z")).toUTCString() });
    await http.send({ method: "GET", path: "/v1.0/me" });
    expect(clock.sleeps).toEqual([12_000]);
  });

  it("falls back to jittered backoff when the browser may not read the header", async () => {
    const { http, clock } = throttled(3, {});
    await http.send({ method: "GET", path: "/v1.0/me" });
    clock.sleeps.forEach((ms, i) => {
      const exponential = Math.min(HTTP_RETRY.maxDelayMs, HTTP_RETRY.baseDelayMs * 2 ** i);
      expect(ms).toBeGreaterThanOrEqual(exponential / 2);
      expect(ms).toBeLessThanOrEqual(exponential);
    });
  });

  it("ignores a Retry-After it cannot parse rather than waiting forever", async () => {
    const { http, clock } = throttled(1, { "Retry-After": "soon-ish" });
    await http.send({ method: "GET", path: "/v1.0/me" });
    expect(clock.sleeps[0]).toBeLessThanOrEqual(HTTP_RETRY.baseDelayMs);
  });

  it("gives up with a throttling problem once the server's waits would pass the bound", async () => {
    const { http, clock, calls } = throttled(Infinity, { "Retry-After": "20" });
    await expect(http.send({ method: "GET", path: "/v1.0/me" })).rejects.toMatchObject({ status: 429 });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(HTTP_RETRY.maxTotalWaitMs);
    expect(calls()).toBe(3);
  });
});

describe("a replication wait on the Run page", () => {
  it("shows a bound that holds: the step waits no longer in all, then stops with a clear problem", async () => {
    const world = createWorld({ knobs: { consistency: { principalToRoleAssignmentCalls: 1_000 } } });
    const before = world.state();
    const shown: WaitState[] = [];
    const run = world.provisioningRun(formFor("Subscription"), {
      onChange: (s) => s.steps.forEach((step) => step.waiting && shown.push(step.waiting)),
    });

    const snapshot = await run.start();

    expect(snapshot.status).toBe("failed");
    expect(snapshot.problem?.detail).toMatch(/replicating the new service principal/);
    expect(shown.length).toBeGreaterThan(3);
    for (const wait of shown) {
      expect(wait.maxTotalWaitMs).toBe(REPLICATION_RETRY.maxTotalWaitMs);
      expect(wait.waitedMs).toBeLessThanOrEqual(wait.maxTotalWaitMs);
    }
    expect(world.clock.sleptMs).toBeLessThanOrEqual(REPLICATION_RETRY.maxTotalWaitMs);
    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });
});

describe("Cancel during a wait", () => {
  /** The Run page over a live run, as the wizard wires it: Cancel → run.cancel(). */
  function LiveRunPage({ run, changes }: { run: ProvisioningRun; changes: Set<(s: RunSnapshot) => void> }) {
    const [snapshot, setSnapshot] = useState<RunSnapshot>(run.snapshot());
    useEffect(() => {
      changes.add(setSnapshot);
      void run.start().then(setSnapshot);
      return () => void changes.delete(setSnapshot);
    }, [run, changes]);
    return (
      <RunPage
        snapshot={snapshot}
        now={() => 0}
        connectionName="c"
        onRetry={() => undefined}
        onRollback={() => undefined}
        onCancel={() => run.cancel()}
        onRename={() => undefined}
        onShorterLifetime={() => undefined}
        onSignInAgain={() => undefined}
      />
    );
  }

  it("ends the wait at once from the Run page's Cancel, starts no further step, and can be retried or rolled back", async () => {
    const world = createWorld({ knobs: { consistency: { principalToRoleAssignmentCalls: 2 } } });
    const before = world.state();
    const clock = stuckClock();
    let latest: RunSnapshot | undefined;
    const changes = new Set<(s: RunSnapshot) => void>();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form, {
      ports: { ...world.ports, clock },
      onChange: (s) => {
        latest = s;
        changes.forEach((change) => change(s));
      },
    });
    const user = userEvent.setup();
    render(<LiveRunPage run={run} changes={changes} />);

    // The role assignment waits for replication, on a wait that would never end by itself.
    await vi.waitFor(() => expect(clock.sleeping).toBe(1));
    expect(latest?.steps.find((s) => s.id === "assignRole")?.waiting?.reason).toMatch(/replicating/);
    await user.click(screen.getByRole("button", { name: "Cancel" }));

    await screen.findByText(/was cancelled/);
    const snapshot = run.snapshot();
    expect(snapshot.status).toBe("failed");
    expect(
      snapshot.steps.filter((s) => ["verify", "createConnection", "markApp", "authorizePipelines"].includes(s.id)).map((s) => s.status),
    ).toEqual(["waiting", "waiting", "waiting", "waiting"]);
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Roll back" })).toBeInTheDocument();
    expect(world.state().devops.serviceEndpoints).toEqual(before.devops.serviceEndpoints);

    // Retry (waits return at once now) finishes with one of everything; Roll back then leaves nothing.
    clock.sleep = (ms, signal) => world.clock.sleep(ms, signal);
    expect((await run.retry()).status).toBe("succeeded");
    await expectProvisioned(world, run, form, before);
    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });

  it("stops the run after the call under way when Cancel comes outside a wait (no later step starts)", async () => {
    const world = createWorld();
    const before = world.state();
    const run = world.provisioningRun(formFor("Subscription"));
    let cancelled = false;
    const original = world.model.handleService.bind(world.model);
    world.model.handleService = async (req) => {
      if (!cancelled && req.service === "arm" && req.method === "PUT") {
        cancelled = true;
        run.cancel();
      }
      return original(req);
    };

    const snapshot = await run.start();

    expect(snapshot.status).toBe("failed");
    expect(snapshot.problem?.title).toBe("The run was cancelled.");
    expect(snapshot.steps.find((s) => s.id === "assignRole")?.status).toBe("done");
    expect(snapshot.steps.find((s) => s.id === "createConnection")?.status).toBe("waiting");
    expect((await run.rollback()).status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
  });
});
