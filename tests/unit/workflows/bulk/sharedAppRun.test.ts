// @vitest-environment jsdom
import { subscriptionIdAt } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planBulk, sharedAppName } from "../../../../src/workflows/bulk/bulkPlan";
import { summaryText } from "../../../../src/workflows/bulk/bulkRun";
import { newlySucceeded } from "../../../../src/workflows/bulk/sharedAppRows";
import {
  planSharedApp,
  SHARED_APP_JOURNAL_COLLECTION,
  SharedAppRun,
  type SharedAppJournal,
  type SharedAppPlan,
} from "../../../../src/workflows/bulk/sharedAppRun";
import { readAppMarker } from "../../../../src/workflows/provisioning/markers";
import type { ScopeChoice } from "../../../../src/workflows/provisioning/form";
import { createWorld, formFor, type World } from "../../../support/inProcessAzure";

const COUNT = 3;
const APP_NAME = "shared-app-of-three";

function subscriptions(count: number): ScopeChoice[] {
  return Array.from({ length: count }, (_, i) => ({
    level: "Subscription" as const,
    subscriptionId: subscriptionIdAt(i),
    subscriptionName: `Subscription ${i}`,
  }));
}

const FAST_VERIFY = { verifyRetry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 5_000 } };

function sharedWorld(credential: "secret" | "federation" = "secret") {
  const world = createWorld({ seed: { subscriptionCount: COUNT } });
  const bulk = planBulk({
    form: formFor("Subscription", { credential }),
    scopes: subscriptions(COUNT),
    context: world.context,
    cloud: AZURE_CLOUD,
    newRunId: world.newRunId,
  });
  const plan = planSharedApp(bulk, world.newRunId(), APP_NAME);
  const newRun = (journal?: SharedAppJournal) =>
    new SharedAppRun(plan, AZURE_CLOUD, world.ports, { ...FAST_VERIFY, ...(journal ? { journal } : {}) });
  return { world, plan, newRun };
}

function refuseRoleAt(world: World, index: number) {
  world.fail({
    service: "arm",
    method: "PUT",
    path: `^/subscriptions/${subscriptionIdAt(index)}/providers/Microsoft.Authorization/roleAssignments/`,
    status: 403,
    count: Infinity,
  });
}

/** What the world holds that it did not before. */
function newSince(world: World, before: ReturnType<World["state"]>) {
  const state = world.state();
  const fresh = <T>(now: T[], then: T[], key: (x: T) => string) => now.filter((x) => !then.some((y) => key(y) === key(x)));
  const apps = fresh(state.applications, before.applications, (a) => a.id);
  return {
    apps: apps.length,
    principals: fresh(state.servicePrincipals, before.servicePrincipals, (p) => p.id).length,
    secrets: apps.reduce((n, a) => n + a.passwordCredentials.length, 0),
    roleAssignments: fresh(state.roleAssignments, before.roleAssignments, (r) => r.name).length,
    connections: fresh(state.devops.serviceEndpoints, before.devops.serviceEndpoints, (e) => e.id).length,
  };
}

function appOf(world: World, plan: SharedAppPlan) {
  return world.appsOfRun(plan.runId);
}

describe("one app registration shared by every scope", () => {
  it("creates 1 app, 1 principal, 1 secret, a role assignment and a connection per scope, all using the one app", async () => {
    const { world, plan, newRun } = sharedWorld();
    const before = world.state();

    const snapshot = await newRun().start();

    expect(summaryText(snapshot.rows)).toBe("3 created and verified");
    expect(newSince(world, before)).toEqual({ apps: 1, principals: 1, secrets: 1, roleAssignments: 3, connections: 3 });
    const [app] = appOf(world, plan);
    expect(app?.displayName).toBe(APP_NAME);
    expect(new Set(snapshot.rows.map((r) => r.created.appId))).toEqual(new Set([app!.appId]));
    const endpoints = world.state().devops.serviceEndpoints;
    expect(endpoints.map((e) => e.authorization.parameters["serviceprincipalid"])).toEqual([app!.appId, app!.appId, app!.appId]);
    // The app's marker names every connection made.
    expect(readAppMarker(app!.tags).connectionIds.sort()).toEqual(snapshot.rows.map((r) => r.created.endpointId).sort());
    // Each connection goes into the widget's expiry index once, with the one app and secret date.
    const seen = new Set<string>();
    const entries = newlySucceeded(snapshot.rows, seen);
    expect(entries.map((e) => e.appId)).toEqual([app!.appId, app!.appId, app!.appId]);
    expect(new Set(entries.map((e) => e.endDateTime)).size).toBe(1);
    expect(newlySucceeded(snapshot.rows, seen)).toEqual([]);
    // The journal holds ids only.
    const [journal] = await world.journal.list<SharedAppJournal>(SHARED_APP_JOURNAL_COLLECTION);
    for (const secret of world.secretsIssued) expect(JSON.stringify(journal)).not.toContain(secret);
  });

  it("goes on past a refused scope; Retry failed finishes it with the same app and secret", async () => {
    const { world, plan, newRun } = sharedWorld();
    const before = world.state();
    refuseRoleAt(world, 1);
    const run = newRun();

    const first = await run.start();

    expect(first.rows.map((r) => r.status)).toEqual(["succeeded", "failed", "succeeded"]);
    expect(first.rows[1]!.problem?.title).toBeTruthy();
    expect(newSince(world, before)).toMatchObject({ apps: 1, roleAssignments: 2, connections: 2 });

    world.clearFaults();
    const second = await run.retryFailed();

    expect(summaryText(second.rows)).toBe("3 created and verified");
    expect(newSince(world, before)).toEqual({ apps: 1, principals: 1, secrets: 1, roleAssignments: 3, connections: 3 });
    expect(readAppMarker(appOf(world, plan)[0]!.tags).connectionIds).toHaveLength(3);
  });

  it("Roll back failed removes only the failed scope's role and connection; the app and the other connections still verify", async () => {
    const { world, plan, newRun } = sharedWorld();
    const before = world.state();
    refuseRoleAt(world, 2);
    const run = newRun();
    await run.start();
    world.clearFaults();

    const after = await run.rollbackFailed();

    expect(after.rows.map((r) => r.status)).toEqual(["succeeded", "succeeded", "rolledBack"]);
    expect(newSince(world, before)).toEqual({ apps: 1, principals: 1, secrets: 1, roleAssignments: 2, connections: 2 });
    for (const row of after.rows.slice(0, 2))
      expect((await world.connections.verify(world.context.project.id, row.created.endpointId!)).ok).toBe(true);
    // The rest of the run finished: the app records the two connections left.
    expect(readAppMarker(appOf(world, plan)[0]!.tags).connectionIds.sort()).toEqual(
      after.rows
        .slice(0, 2)
        .map((r) => r.created.endpointId)
        .sort(),
    );
    // A retired scope is not run again.
    const again = await run.retryFailed();
    expect(again.rows[2]!.status).toBe("rolledBack");
    expect(newSince(world, before).connections).toBe(2);
  });

  it("Roll back all leaves nothing: no app, principal, secret, role assignment or connection", async () => {
    const { world, newRun } = sharedWorld();
    const before = world.state();
    refuseRoleAt(world, 0);
    const run = newRun();
    await run.start();
    world.clearFaults();

    const after = await run.rollbackAll();

    expect(after.rows.every((r) => r.status === "rolledBack")).toBe(true);
    expect(newSince(world, before)).toEqual({ apps: 0, principals: 0, secrets: 0, roleAssignments: 0, connections: 0 });
  });

  it("a connection whose delete was refused is named, kept provably the run's, and removed by the next Roll back all", async () => {
    const { world, newRun } = sharedWorld();
    const before = world.state();
    const run = newRun();
    const made = await run.start();
    const stuck = made.rows[1]!.created.endpointId!;
    world.fail({ service: "devops", method: "DELETE", path: `/serviceendpoint/endpoints/${stuck}`, status: 403, count: Infinity });

    const first = await run.rollbackAll();

    expect(first.rows.map((r) => r.status)).toEqual(["rolledBack", "rollbackIncomplete", "rolledBack"]);
    expect(newSince(world, before)).toEqual({ apps: 0, principals: 0, secrets: 0, roleAssignments: 0, connections: 1 });
    world.clearFaults();
    const second = await run.rollbackAll();
    expect(second.rows.every((r) => r.status === "rolledBack")).toBe(true);
    expect(newSince(world, before).connections).toBe(0);
  });

  it("resumes after a closed tab from its journal without making the app again", async () => {
    const { world, plan, newRun } = sharedWorld();
    const before = world.state();
    refuseRoleAt(world, 1);
    await newRun().start();
    world.clearFaults();
    const [journal] = await world.journal.list<SharedAppJournal>(SHARED_APP_JOURNAL_COLLECTION);
    expect(journal?.created.app.appId).toBeTruthy();

    const resumed = newRun(journal);
    expect(resumed.snapshot().rows.map((r) => r.status)).toEqual(["succeeded", "failed", "succeeded"]);
    const done = await resumed.retryFailed();

    expect(summaryText(done.rows)).toBe("3 created and verified");
    expect(appOf(world, plan)).toHaveLength(1);
    expect(newSince(world, before)).toMatchObject({ apps: 1, principals: 1, roleAssignments: 3, connections: 3 });
    // Rolling back the resumed run still removes everything, the connections made before the tab closed too.
    await resumed.rollbackAll();
    expect(newSince(world, before)).toEqual({ apps: 0, principals: 0, secrets: 0, roleAssignments: 0, connections: 0 });
  });

  it("names the shared app from the template for every scope, not after the first", () => {
    const context = { organization: "contoso", project: { id: "p", name: "web" } };
    expect(sharedAppName(subscriptions(3), context)).toBe("contoso-web-3 subscriptions");
    expect(sharedAppName(subscriptions(2), context, "{project} {scopeLevel} {scope}")).toBe("web Subscription 2 subscriptions");
  });

  it("with federation: no secret anywhere, and each connection trusted through its own federated credential on the one app", async () => {
    const { world, plan, newRun } = sharedWorld("federation");
    const before = world.state();
    const run = newRun();

    const snapshot = await run.start();

    expect(summaryText(snapshot.rows)).toBe("3 created and verified");
    expect(newSince(world, before)).toEqual({ apps: 1, principals: 1, secrets: 0, roleAssignments: 3, connections: 3 });
    expect(world.secretsIssued).toEqual([]);
    const [app] = appOf(world, plan);
    const endpoints = world.state().devops.serviceEndpoints.filter((e) => snapshot.rows.some((r) => r.created.endpointId === e.id));
    expect(endpoints.map((e) => e.authorization.scheme)).toEqual(Array(3).fill("WorkloadIdentityFederation"));
    expect(app!.federatedIdentityCredentials.map((c) => c.subject).sort()).toEqual(
      endpoints.map((e) => e.authorization.parameters["workloadIdentityFederationSubject"]).sort(),
    );
    expect(run.revealSecret(0)).toBeUndefined();

    await run.rollbackAll();
    expect(newSince(world, before)).toEqual({ apps: 0, principals: 0, secrets: 0, roleAssignments: 0, connections: 0 });
  });

  it("with federation, Roll back failed removes the failed scope's connection and its federated credential only", async () => {
    const { world, plan, newRun } = sharedWorld("federation");
    refuseRoleAt(world, 0);
    const run = newRun();
    const first = await run.start();
    expect(first.rows.map((r) => r.status)).toEqual(["failed", "succeeded", "succeeded"]);
    world.clearFaults();

    const after = await run.rollbackFailed();

    expect(after.rows.map((r) => r.status)).toEqual(["rolledBack", "succeeded", "succeeded"]);
    const [app] = appOf(world, plan);
    expect(app!.federatedIdentityCredentials).toHaveLength(2);
    for (const row of after.rows.slice(1))
      expect((await world.connections.verify(world.context.project.id, row.created.endpointId!)).ok).toBe(true);
  });
});
