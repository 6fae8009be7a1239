import { readLiveConfig } from "./liveConfig";
import { runLiveJourney } from "./liveJourney";

/**
 * `npm run test:live`: the live journey against the tenant, subscription and organization named in the environment
 * (tests/live/liveConfig.ts), with the real fetch. It prints what the real services answered, one line each.
 */
describe("the hub's workflows against a real tenant and organization", () => {
  it("create → verify → rotate → convert → delete, leaving nothing behind", async () => {
    const result = readLiveConfig();
    if (!result.configured) throw new Error(`Live mode is not configured: set ${result.missing.join(", ")}.`);
    const { config } = result;
    const report = await runLiveJourney(config, {
      fetch: globalThis.fetch.bind(globalThis),
      token: async (resource) =>
        resource === "devops" ? config.tokens.devops : resource.includes("graph") ? config.tokens.graph : config.tokens.arm,
    });
    console.log(`Live run: ${report.connectionName}`);
    for (const line of report.cleanedUp) console.log(`  cleaned up first: ${line}`);
    for (const { what, answer } of report.observations) console.log(`  observed: ${what}: ${answer}`);
    expect(report.left).toEqual([]);
  });
});
