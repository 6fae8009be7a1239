// @vitest-environment node
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { WorkflowRun } from "../../../../src/workflows/engine/workflowRun";
import type { RunSnapshot, StepDefinition } from "../../../../src/workflows/engine/workflowTypes";

/** A run over two scopes: a → (x1 → y1) ∥ (x2 → y2) → z, where z needs both y's. */
function scopes(fail: Set<string>, options: { keepGoing?: boolean; retired?: string[] } = {}) {
  const log: string[] = [];
  const step = (id: string, dependsOn: string[]): StepDefinition => ({
    id,
    title: id,
    dependsOn,
    run: async () => {
      await Promise.resolve();
      if (fail.has(id)) throw new ServiceError("arm", 403, "AuthorizationFailed", `${id} refused`);
      log.push(`run ${id}`);
    },
    undo: async () => void log.push(`undo ${id}`),
  });
  const steps = [
    step("a", []),
    step("x#1", ["a"]),
    step("y#1", ["x#1"]),
    step("x#2", ["a"]),
    step("y#2", ["x#2"]),
    step("z", ["y#1", "y#2"]),
  ];
  return { run: new WorkflowRun(steps, options), log };
}

const statuses = (snapshot: RunSnapshot) => Object.fromEntries(snapshot.steps.map((s) => [s.id, s.status]));

describe("a run that keeps going past a failed step", () => {
  it("stops only the failed step's dependents; independent steps go on", async () => {
    const { run, log } = scopes(new Set(["x#1"]), { keepGoing: true });
    const snapshot = await run.run();
    expect(snapshot.status).toBe("failed");
    expect(statuses(snapshot)).toEqual({ a: "done", "x#1": "failed", "y#1": "waiting", "x#2": "done", "y#2": "done", z: "waiting" });
    expect(log).toContain("run y#2");
  });

  it("without it, no new step starts after a failure", async () => {
    const { run, log } = scopes(new Set(["x#1"]));
    await run.run();
    expect(log).not.toContain("run y#2");
  });

  it("rolls back one part only, retires it, and lets the rest finish without it", async () => {
    const fail = new Set(["y#1"]);
    const { run, log } = scopes(fail, { keepGoing: true });
    await run.run();
    fail.clear();

    const partial = await run.rollback((id) => id.endsWith("#1"));

    expect(log.filter((l) => l.startsWith("undo"))).toEqual(["undo y#1", "undo x#1"]);
    expect(statuses(partial)).toMatchObject({ a: "done", "x#1": "undone", "y#1": "undone", "x#2": "done", "y#2": "done", z: "waiting" });
    expect(run.retiredSteps().sort()).toEqual(["x#1", "y#1"]);
    const finished = await run.run();
    expect(finished.status).toBe("succeeded");
    expect(log).toContain("run z");
    expect(log.filter((l) => l === "run y#1")).toHaveLength(0);
  });

  it("keeps retired steps retired when resumed from a journal", async () => {
    const { run, log } = scopes(new Set(), { keepGoing: true, retired: ["x#1", "y#1"] });
    const snapshot = await run.run();
    expect(snapshot.status).toBe("succeeded");
    expect(log).not.toContain("run x#1");
    expect(log).toContain("run z");
  });

  it("starts at most maxParallel steps at once", async () => {
    const flight = { now: 0, max: 0 };
    const wide = Array.from({ length: 6 }, (_, i): StepDefinition => ({
      id: `s#${i}`,
      title: `s${i}`,
      dependsOn: [],
      run: async () => {
        flight.max = Math.max(flight.max, ++flight.now);
        await new Promise((resolve) => setTimeout(resolve, 1));
        flight.now--;
      },
    }));
    expect((await new WorkflowRun(wide, { maxParallel: 2 }).run()).status).toBe("succeeded");
    expect(flight.max).toBe(2);
    flight.max = 0;
    await new WorkflowRun(wide).run();
    expect(flight.max).toBe(6);
  });
});
