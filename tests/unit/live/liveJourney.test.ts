// @vitest-environment jsdom
import { spawnSync } from "node:child_process";
import { SEED } from "../../../emulator/model/seed";
import { ARM_SCOPES, GRAPH_SCOPES } from "../../../src/clients/auth/tokenScopes";
import { AZURE_CLOUD } from "../../../src/platform/clouds";
import { READER } from "../../../src/workflows/provisioning/form";
import { readLiveConfig, LIVE_ENV } from "../../live/liveConfig";
import { LIVE_PREFIX, runLiveJourney, type LiveTarget, type LiveTransport } from "../../live/liveJourney";
import { createWorld, DEVOPS_ROOT, formFor, type World } from "../../support/inProcessAzure";

/**
 * `npm run test:live` runs against a real tenant; here the same journey runs against Azure in a box through fake
 * transports (the world's fetch and tokens), so its code path is tested on every `npm test`.
 */
const TARGET: LiveTarget = {
  tenantId: SEED.tenantId,
  subscriptionId: (formFor("Subscription").scope as { subscriptionId: string }).subscriptionId,
  organizationUrl: DEVOPS_ROOT,
  organization: SEED.devopsOrganization,
  project: SEED.project.name,
};

function transportOf(world: World): LiveTransport {
  return {
    fetch: world.fetch,
    clock: world.clock,
    token: (resource) =>
      resource === "devops"
        ? Promise.resolve("test")
        : world.signIn.getToken({
            resource,
            scopes: resource === AZURE_CLOUD.graph.resource ? GRAPH_SCOPES : ARM_SCOPES,
            tenantId: SEED.tenantId,
          }),
  };
}

const liveApps = (world: World) => world.state().applications.filter((a) => a.displayName.startsWith(LIVE_PREFIX));
const liveConnections = (world: World) => world.state().devops.serviceEndpoints.filter((e) => e.name.startsWith(LIVE_PREFIX));

describe("the live journey, against Azure in a box", () => {
  it("creates, verifies, rotates, converts and deletes a marked connection, and proves nothing is left", async () => {
    const world = createWorld();
    const before = world.state();

    const report = await runLiveJourney(TARGET, transportOf(world));

    expect(report.connectionName.startsWith(LIVE_PREFIX)).toBe(true);
    expect(report.left).toEqual([]);
    expect(report.cleanedUp).toEqual([]);
    const answers = Object.fromEntries(report.observations.map((o) => [o.what, o.answer]));
    expect(answers["verified right after create"]).toBe("yes");
    expect(answers["duplicate connection name"]).toMatch(/^\d{3} /);
    expect(answers["conversion of a manual connection"]).toMatch(/^converted; issuer https:\/\/login\.microsoftonline\.com\//);
    expect(answers["reading a deleted connection"]).toMatch(/^(204|404) /);
    // Nothing of it is left anywhere: no app, no connection, no role assignment beyond those there before.
    const after = world.state();
    expect(liveApps(world)).toEqual([]);
    expect(liveConnections(world)).toEqual([]);
    expect(after.roleAssignments.map((a) => a.name).sort()).toEqual(before.roleAssignments.map((a) => a.name).sort());
  });

  it("first removes what an interrupted run left", async () => {
    const world = createWorld();
    const interrupted = world.provisioningRun(
      formFor("Subscription", {
        app: { displayName: `${LIVE_PREFIX}old` },
        connection: { name: `${LIVE_PREFIX}old`, pipelineIds: [] },
        role: READER,
      }),
    );
    expect((await interrupted.start()).status).toBe("succeeded");
    expect(liveConnections(world)).toHaveLength(1);

    const report = await runLiveJourney(TARGET, transportOf(world));

    expect(report.cleanedUp).toContain(`service connection ${LIVE_PREFIX}old (succeeded)`);
    expect(report.left).toEqual([]);
    expect(liveApps(world)).toEqual([]);
    expect(liveConnections(world)).toEqual([]);
  });
});

describe("live mode's configuration", () => {
  const CONFIGURED = {
    [LIVE_ENV.tenantId]: SEED.tenantId,
    [LIVE_ENV.subscriptionId]: "00000000-0000-4000-8000-000000000001",
    [LIVE_ENV.organizationUrl]: "https://dev.azure.com/contoso",
    [LIVE_ENV.project]: "Fabrikam Web",
  };

  it("names what is missing instead of failing", () => {
    expect(readLiveConfig({})).toEqual({
      configured: false,
      missing: [LIVE_ENV.tenantId, LIVE_ENV.subscriptionId, LIVE_ENV.organizationUrl, LIVE_ENV.project],
    });
  });

  it("takes tokens given directly, and asks the Azure CLI for the others, per service and tenant", () => {
    const asked: string[][] = [];
    const result = readLiveConfig({ ...CONFIGURED, [LIVE_ENV.graphToken]: "given-graph" }, (args) => {
      asked.push(args);
      return `cli-${args[3]}`;
    });
    expect(result).toMatchObject({
      configured: true,
      config: {
        organizationUrl: "https://dev.azure.com/contoso/",
        organization: "contoso",
        tokens: { graph: "given-graph", arm: "cli-https://management.azure.com", devops: "cli-499b84ac-1321-427f-aa17-267ca6975798" },
      },
    });
    expect(asked.map((a) => a.slice(0, 6))).toEqual([
      ["account", "get-access-token", "--resource", "https://management.azure.com", "--tenant", SEED.tenantId],
      ["account", "get-access-token", "--resource", "499b84ac-1321-427f-aa17-267ca6975798", "--tenant", SEED.tenantId],
    ]);
  });

  it("says how to sign in when the Azure CLI has no token", () => {
    expect(() =>
      readLiveConfig(CONFIGURED, () => {
        throw new Error("Please run 'az login' to setup account.");
      }),
    ).toThrow(/az login --tenant/);
  });

  it("skips in one line and exits 0 when unconfigured, as CI runs it", () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AZCONN_LIVE_")));
    const run = spawnSync(process.execPath, ["scripts/test-live.mjs"], { env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toMatch(/^Live mode skipped: set AZCONN_LIVE_TENANT_ID, /);
  });
});
