// @vitest-environment jsdom
import type { DocumentStore } from "../src/clients/devops/devopsTypes";
import { createWorld, formFor } from "../tests/support/inProcessAzure";
import { median, writeFigures } from "./report";

const LATENCY_MS = 100;
const RUNS = 5;

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

/**
 * The critical path of a run after Review, in sequential calls: journal (run id, before anything) → app →
 * service principal (the secret and co-owners in parallel) → role assignment → verify → connection → pipeline
 * permissions (the app's connection marker in parallel) → journal (final state).
 */
const CRITICAL_PATH = [
  "journal write",
  "POST /applications",
  "POST /servicePrincipals",
  "PUT roleAssignment",
  "POST endpointproxy (verify)",
  "POST endpoints",
  "PATCH pipelinePermissions",
  "journal write",
];

describe("provisioning run wall time", () => {
  it(`measures ${RUNS} runs with ${LATENCY_MS} ms per call`, async () => {
    const times: number[] = [];
    let calls = 0;
    for (let i = 0; i < RUNS; i++) {
      const world = createWorld({ knobs: { latencyMs: { graph: LATENCY_MS, arm: LATENCY_MS, devops: LATENCY_MS, entra: LATENCY_MS } } });
      const run = world.provisioningRun(formFor("Subscription"), { ports: { ...world.ports, journal: withLatency(world.journal) } });
      const started = performance.now();
      const snapshot = await run.start();
      times.push(performance.now() - started);
      expect(snapshot.status).toBe("succeeded");
      calls = world.requests.length;
    }
    const ideal = CRITICAL_PATH.length * LATENCY_MS;
    const measured = median(times);
    const ratio = measured / ideal;
    writeFigures("provisioning", [
      {
        name: "Provisioning run after Review (median of 5)",
        value: `${Math.round(measured)} ms = ${ratio.toFixed(2)} × ideal (${CRITICAL_PATH.length} sequential calls × ${LATENCY_MS} ms = ${ideal} ms; ${calls} HTTP calls in all)`,
        budget: "≤ 1.3 × ideal",
        withinBudget: ratio <= 1.3,
      },
    ]);
  }, 60_000);
});
