// @vitest-environment node
import { CancelledError, realClock, type Clock } from "../../../src/platform/clock";
import { backoffDelay, HTTP_RETRY, REPLICATION_RETRY, withRetry, type RetryPolicy, type WaitInfo } from "../../../src/platform/retry";

/** A clock whose sleeps return at once and are written down. */
function instantClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => 0,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new CancelledError();
      sleeps.push(ms);
    },
  };
}

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 8_000, maxTotalWaitMs: 60_000 };
const always = () => ({ retry: true, reason: "busy" });

/** An operation that fails `failures` times, then returns the attempt number. */
function failing(failures: number) {
  let calls = 0;
  const operation = async (attempt: number) => {
    calls += 1;
    if (calls <= failures) throw new Error(`failure ${calls}`);
    return attempt;
  };
  return { operation, calls: () => calls };
}

describe("backoff", () => {
  it.each([1, 2, 3, 4, 5, 8])("waits between half and all of the exponential delay at attempt %i, never above the cap", (attempt) => {
    const exponential = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
    expect(backoffDelay(POLICY, attempt, () => 0)).toBe(exponential / 2);
    expect(backoffDelay(POLICY, attempt, () => 1)).toBe(exponential);
    const jittered = backoffDelay(POLICY, attempt, Math.random);
    expect(jittered).toBeGreaterThanOrEqual(exponential / 2);
    expect(jittered).toBeLessThanOrEqual(exponential);
  });

  it("keeps the shipped policies within their stated bounds", () => {
    for (const policy of [HTTP_RETRY, REPLICATION_RETRY]) {
      expect(backoffDelay(policy, 100, () => 1)).toBe(policy.maxDelayMs);
      expect(policy.maxDelayMs).toBeLessThanOrEqual(policy.maxTotalWaitMs);
    }
  });
});

describe("retrying an operation", () => {
  it("returns at once when the first attempt works", async () => {
    const clock = instantClock();
    expect(await withRetry(async () => "ok", always, POLICY, { clock })).toBe("ok");
    expect(clock.sleeps).toEqual([]);
  });

  it("retries with growing waits until it works, saying why it waits", async () => {
    const clock = instantClock();
    const waits: WaitInfo[] = [];
    const { operation } = failing(3);

    const result = await withRetry(operation, always, POLICY, { clock, random: () => 1, onWait: (w) => waits.push(w) });

    expect(result).toBe(4);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000]);
    expect(waits).toEqual([
      { attempt: 1, delayMs: 1_000, reason: "busy", waitedMs: 1_000, maxTotalWaitMs: 60_000 },
      { attempt: 2, delayMs: 2_000, reason: "busy", waitedMs: 3_000, maxTotalWaitMs: 60_000 },
      { attempt: 3, delayMs: 4_000, reason: "busy", waitedMs: 7_000, maxTotalWaitMs: 60_000 },
    ]);
  });

  it("gives up after the last attempt with the last error", async () => {
    const { operation, calls } = failing(99);
    await expect(withRetry(operation, always, POLICY, { clock: instantClock() })).rejects.toThrow("failure 5");
    expect(calls()).toBe(POLICY.maxAttempts);
  });

  it("does not retry what the caller says is final", async () => {
    const { operation, calls } = failing(99);
    await expect(withRetry(operation, () => ({ retry: false }), POLICY, { clock: instantClock() })).rejects.toThrow("failure 1");
    expect(calls()).toBe(1);
  });

  it("honours the server's Retry-After instead of its own backoff", async () => {
    const clock = instantClock();
    const { operation } = failing(2);
    await withRetry(operation, () => ({ retry: true, afterMs: 7_000 }), POLICY, { clock });
    expect(clock.sleeps).toEqual([7_000, 7_000]);
  });

  it("caps an outlandish Retry-After at four times the longest backoff", async () => {
    const clock = instantClock();
    const { operation } = failing(1);
    await withRetry(operation, () => ({ retry: true, afterMs: 3_600_000 }), { ...POLICY, maxTotalWaitMs: 1_000_000 }, { clock });
    expect(clock.sleeps).toEqual([4 * POLICY.maxDelayMs]);
  });

  it("never waits longer in all than the policy's total bound", async () => {
    const clock = instantClock();
    const { operation, calls } = failing(99);
    const policy = { maxAttempts: 100, baseDelayMs: 1_000, maxDelayMs: 8_000, maxTotalWaitMs: 20_000 };
    await expect(withRetry(operation, always, policy, { clock, random: () => 1 })).rejects.toThrow();
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20_000);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(calls()).toBe(5);
  });

  it("gives up at once when the server asks for a wait beyond the total bound", async () => {
    const clock = instantClock();
    const { operation, calls } = failing(99);
    await expect(
      withRetry(operation, () => ({ retry: true, afterMs: 30_000 }), { ...POLICY, maxTotalWaitMs: 20_000 }, { clock }),
    ).rejects.toThrow("failure 1");
    expect(calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it("uses a default reason when the caller gives none", async () => {
    const waits: WaitInfo[] = [];
    await withRetry(failing(1).operation, () => ({ retry: true }), POLICY, { clock: instantClock(), onWait: (w) => waits.push(w) });
    expect(waits[0]?.reason).toBe("The service asked to try again later");
  });
});

describe("cancelling a retry", () => {
  it("does not start when already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const { operation, calls } = failing(0);
    await expect(withRetry(operation, always, POLICY, { clock: instantClock(), signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(calls()).toBe(0);
  });

  it("ends a wait at once when cancelled during it", async () => {
    const controller = new AbortController();
    const { operation, calls } = failing(99);
    const retrying = withRetry(
      operation,
      always,
      { ...POLICY, baseDelayMs: 60_000, maxDelayMs: 60_000, maxTotalWaitMs: 600_000 },
      { clock: realClock, signal: controller.signal },
    );
    await vi.waitFor(() => expect(calls()).toBe(1));
    const started = Date.now();
    controller.abort();
    await expect(retrying).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("passes a cancellation from the operation through without retrying", async () => {
    let calls = 0;
    const operation = async () => {
      calls += 1;
      throw new CancelledError();
    };
    await expect(withRetry(operation, always, POLICY, { clock: instantClock() })).rejects.toBeInstanceOf(CancelledError);
    expect(calls).toBe(1);
  });
});
