// @vitest-environment node
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { WorkflowRun } from "../../../../src/workflows/engine/workflowRun";
import type { RunSnapshot, StepDefinition, StepState } from "../../../../src/workflows/engine/workflowTypes";

/** The executor: a dependency graph run in parallel, stopped at the first failure, retried or rolled back without orphans. */
interface Recorder {
  log: string[];
  fail: Set<string>;
}

function step(id: string, dependsOn: string[], recorder: Recorder, extra: Partial<StepDefinition> = {}): StepDefinition {
  return {
    id,
    title: `Step ${id}`,
    dependsOn,
    run: async () => {
      recorder.log.push(`start ${id}`);
      await Promise.resolve();
      if (recorder.fail.has(id)) throw new ServiceError("arm", 500, "InternalServerError", `${id} broke`);
      recorder.log.push(`end ${id}`);
    },
    undo: async () => void recorder.log.push(`undo ${id}`),
    ...extra,
  };
}

/** a → (b ∥ c) → d */
function diamond(fail: string[] = [], extra: Record<string, Partial<StepDefinition>> = {}, resumeFrom?: StepState[]) {
  const recorder: Recorder = { log: [], fail: new Set(fail) };
  const snapshots: RunSnapshot[] = [];
  const steps = [
    step("a", [], recorder, extra["a"]),
    step("b", ["a"], recorder, extra["b"]),
    step("c", ["a"], recorder, extra["c"]),
    step("d", ["b", "c"], recorder, extra["d"]),
  ];
  const run = new WorkflowRun(steps, { onChange: (s) => snapshots.push(s), now: () => 42, ...(resumeFrom ? { resumeFrom } : {}) });
  return { run, recorder, snapshots };
}

const statuses = (snapshot: RunSnapshot) => Object.fromEntries(snapshot.steps.map((s) => [s.id, s.status]));

describe("running a workflow", () => {
  it("runs independent steps in parallel and the rest in dependency order", async () => {
    const { run, recorder } = diamond();
    const snapshot = await run.run();
    expect(snapshot.status).toBe("succeeded");
    expect(recorder.log).toEqual(["start a", "end a", "start b", "start c", "end b", "end c", "start d", "end d"]);
    expect(snapshot.steps[0]).toMatchObject({ startedAt: 42, endedAt: 42 });
  });

  it("skips a step that does not apply, and runs what depends on it", async () => {
    const { run, recorder } = diamond([], { b: { enabled: () => false } });
    const snapshot = await run.run();
    expect(statuses(snapshot)).toEqual({ a: "done", b: "skipped", c: "done", d: "done" });
    expect(recorder.log).not.toContain("start b");
  });

  it("stops starting steps at the first failure, describing it for a person", async () => {
    const { run, recorder } = diamond(["b"]);
    const snapshot = await run.run();
    expect(snapshot.status).toBe("failed");
    expect(statuses(snapshot)).toEqual({ a: "done", b: "failed", c: "done", d: "waiting" });
    expect(snapshot.problem).toMatchObject({ title: "Step b failed." });
    expect(recorder.log).not.toContain("start d");
  });

  it("retries only what is not done", async () => {
    const { run, recorder } = diamond(["b"]);
    await run.run();
    recorder.fail.clear();
    recorder.log.length = 0;
    expect((await run.run()).status).toBe("succeeded");
    expect(recorder.log).toEqual(["start b", "end b", "start d", "end d"]);
  });

  it("refuses to run twice at once, or after a rollback", async () => {
    const { run } = diamond();
    const first = run.run();
    await expect(run.run()).rejects.toThrow("already in progress");
    await first;
    await run.rollback();
    await expect(run.run()).rejects.toThrow("rolled-back run cannot run again");
  });

  it("reports waits and notes while a step runs, and clears the wait when it ends", async () => {
    const { run, snapshots } = diamond([], {
      a: {
        run: async (reporter) => {
          reporter.waiting({ reason: "replicating", delayMs: 1000, waitedMs: 1000, maxTotalWaitMs: 5000 });
          reporter.note("Verified");
        },
      },
    });
    const snapshot = await run.run();
    expect(snapshots.some((s) => s.steps[0]?.waiting?.reason === "replicating")).toBe(true);
    expect(snapshot.steps[0]).toMatchObject({ status: "done", note: "Verified" });
    expect(snapshot.steps[0]).not.toHaveProperty("waiting");
  });

  it("ends a cancelled run as failed with a cancellation, ready to retry", async () => {
    const { run } = diamond([], {
      a: {
        run: (reporter) =>
          new Promise((_resolve, reject) => {
            reporter.signal.addEventListener("abort", () => reject(new Error("aborted")));
          }),
      },
    });
    const running = run.run();
    run.cancel();
    const snapshot = await running;
    expect(snapshot.status).toBe("failed");
    expect(snapshot.problem?.title).toBe("Step a was cancelled.");
  });
});

describe("rolling back", () => {
  it("undoes every done step newest first, and the failed step too (its answer may have been lost)", async () => {
    const { run, recorder } = diamond(["d"]);
    await run.run();
    recorder.log.length = 0;
    const snapshot = await run.rollback();
    expect(snapshot.status).toBe("rolledBack");
    expect(recorder.log).toEqual(["undo d", "undo c", "undo b", "undo a"]);
    expect(statuses(snapshot)).toEqual({ a: "undone", b: "undone", c: "undone", d: "undone" });
  });

  it("shows every step as removed afterwards, also those with nothing of their own to undo", async () => {
    const { run, recorder } = diamond(["d"], { b: { undo: undefined } });
    await run.run();
    const rolledBack = await run.rollback();
    expect(rolledBack.status).toBe("rolledBack");
    expect(statuses(rolledBack)).toEqual({ a: "undone", b: "undone", c: "undone", d: "undone" });
    expect(recorder.log).not.toContain("undo b");
  });

  it("refuses while running", async () => {
    const { run } = diamond();
    const running = run.run();
    await expect(run.rollback()).rejects.toThrow("Cancel the run before rolling back.");
    await running;
  });

  it("goes on past an undo that fails, says which was left, and rolls back only that again", async () => {
    let broken = true;
    const { run, recorder } = diamond([], {
      b: {
        undo: async () => {
          if (broken) throw new ServiceError("graph", 500, "InternalServerError", "down");
        },
      },
    });
    await run.run();
    recorder.log.length = 0;
    const failed = await run.rollback();
    expect(failed.status).toBe("rollbackIncomplete");
    expect(failed.problem?.title).toBe('Undoing "Step b" failed.');
    expect(recorder.log).toContain("undo a");
    expect(failed.leftBehind).toEqual([expect.objectContaining({ object: "Step b" })]);
    expect(statuses(failed)).toMatchObject({ a: "undone", b: "failed", c: "undone", d: "undone" });
    broken = false;
    expect((await run.rollback()).status).toBe("rolledBack");
    expect(recorder.log.filter((l) => l === "undo a")).toEqual(["undo a"]);
  });
});

describe("resuming from a journal", () => {
  const journaled = (statusesById: Record<string, StepState["status"]>): StepState[] =>
    Object.entries(statusesById).map(([id, status]) => ({ id, title: id, status }));

  it("keeps done steps and runs the rest", async () => {
    const { run, recorder } = diamond([], {}, journaled({ a: "done", b: "done", c: "running", d: "waiting" }));
    expect(statuses(run.snapshot())).toEqual({ a: "done", b: "done", c: "waiting", d: "waiting" });
    await run.run();
    expect(recorder.log).toEqual(["start c", "end c", "start d", "end d"]);
  });

  it("rolls back done steps and those that were under way or failed when the page closed", async () => {
    const { run, recorder } = diamond([], {}, journaled({ a: "done", b: "running", c: "failed", d: "waiting" }));
    expect((await run.rollback()).status).toBe("rolledBack");
    expect([...recorder.log].sort()).toEqual(["undo a", "undo b", "undo c"]);
    expect(recorder.log.at(-1)).toBe("undo a");
    expect(recorder.log).not.toContain("undo d");
  });
});
