// @vitest-environment jsdom
import { subscriptionIdAt } from "../emulator/model/seed";
import type { DocumentStore } from "../src/clients/devops/devopsTypes";
import { AZURE_CLOUD } from "../src/platform/clouds";
import { DEFAULT_BULK_CONCURRENCY } from "../src/workflows/bulk/bulkLimits";
import { planBulk } from "../src/workflows/bulk/bulkPlan";
import { BulkRun, tallyRows } from "../src/workflows/bulk/bulkRun";
import type { ScopeChoice } from "../src/workflows/provisioning/form";
import { createWorld, formFor } from "../tests/support/inProcessAzure";
import { median, writeFigures } from "./report";

const LATENCY_MS = 100;
const SCOPES = 10;
const RUNS = 3;
const BUDGET = 3.5;

/** The journal is Azure DevOps extension data: in the product each write is one more call with the same latency. */
function withLatency(store: DocumentStore): DocumentStore {
  const wait = () => new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
  return {
    get: async (c, id) => (await wait(), store.get(c, id)),
    list: async (c) => (await wait(), store.list(c)),
    put: async (c, d) => (await wait(), store.put(c, d)),
    delete: async (c, id) => (await wait(), store.delete(c, id)),
  };
}

function slowWorld() {
  const world = createWorld({
    seed: { subscriptionCount: SCOPES },
    knobs: { latencyMs: { graph: LATENCY_MS, arm: LATENCY_MS, devops: LATENCY_MS, entra: LATENCY_MS } },
  });
  return { world, ports: { ...world.ports, journal: withLatency(world.journal) } };
}

const subscriptions: ScopeChoice[] = Array.from({ length: SCOPES }, (_, i) => ({
  level: "Subscription",
  subscriptionId: subscriptionIdAt(i),
  subscriptionName: `Subscription ${i}`,
}));

describe("bulk run wall time", () => {
  it(`measures ${SCOPES} subscriptions against a single run, ${LATENCY_MS} ms per call`, async () => {
    const single: number[] = [];
    const bulk: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      {
        const { world, ports } = slowWorld();
        const run = world.provisioningRun(formFor("Subscription"), { ports });
        const started = performance.now();
        expect((await run.start()).status).toBe("succeeded");
        single.push(performance.now() - started);
      }
      {
        const { world, ports } = slowWorld();
        const plan = planBulk({
          form: formFor("Subscription"),
          scopes: subscriptions,
          context: world.context,
          cloud: AZURE_CLOUD,
          newRunId: world.newRunId,
        });
        const run = new BulkRun(plan, (part, onChange) => world.provisioningRun(part.form, { runId: part.runId, onChange, ports }));
        const started = performance.now();
        const snapshot = await run.start();
        bulk.push(performance.now() - started);
        expect(tallyRows(snapshot.rows).verified).toBe(SCOPES);
      }
    }
    const ratio = median(bulk) / median(single);
    const waves = Math.ceil(SCOPES / DEFAULT_BULK_CONCURRENCY);
    writeFigures("bulk", [
      {
        name: `Bulk run of ${SCOPES} subscriptions (median of ${RUNS})`,
        value:
          `${Math.round(median(bulk))} ms = ${ratio.toFixed(2)} × a single run (${Math.round(median(single))} ms; ` +
          `${DEFAULT_BULK_CONCURRENCY} at a time, ${waves} waves, ${LATENCY_MS} ms per call)`,
        budget: `≤ ${BUDGET} × a single run`,
        withinBudget: ratio <= BUDGET,
      },
    ]);
  }, 120_000);
});
