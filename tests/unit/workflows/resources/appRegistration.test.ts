// @vitest-environment jsdom
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { LeftBehindError } from "../../../../src/workflows/engine/leftBehind";
import {
  addAppOwners,
  awaitAppReplicated,
  ensureApp,
  recordConnectionOnApp,
  removeApp,
} from "../../../../src/workflows/resources/appRegistration";
import { SEED } from "../../../../emulator/model/seed";
import { notYetReplicated, resourceWorld } from "./resourceWorld";

describe("the app registration resource", () => {
  it("creates the app tagged with the run, and finds that app again instead of creating a second one", async () => {
    const { world, runId, spec } = resourceWorld();
    const created = await ensureApp(world.clients.graph, spec(), false);
    const again = await ensureApp(world.clients.graph, spec(), true);
    expect(again.id).toBe(created.id);
    expect(world.appsOfRun(runId)).toHaveLength(1);
    expect(created.tags).toContain(`azconn:run:${runId}`);
  });

  it("waits out Graph's 404 on a write right after the create, visibly and on the same app", async () => {
    const { world, wait, waits, app } = resourceWorld();
    const made = await app();
    notYetReplicated(world, "/owners/\\$ref$", 2);
    await addAppOwners(world.clients.graph, wait, made.id, [SEED.users.developer]);
    expect(waits).toEqual([
      "Entra ID is still replicating the new app registration",
      "Entra ID is still replicating the new app registration",
    ]);
    expect(world.state().applications.find((a) => a.id === made.id)!.ownerIds).toContain(SEED.users.developer);
  });

  it("gives up on the 404 after its bound instead of waiting forever", async () => {
    const { world, wait, app } = resourceWorld();
    const made = await app();
    notYetReplicated(world, "/owners/\\$ref$", Infinity);
    await expect(
      awaitAppReplicated({ ...wait, policy: { ...wait.policy, maxAttempts: 3 } }, () =>
        world.clients.graph.addOwner(made.id, SEED.users.developer),
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("records the connection's marker once", async () => {
    const { world, wait, app } = resourceWorld();
    const made = await app();
    const tags = await recordConnectionOnApp(world.clients.graph, wait, made, "11111111-2222-4333-8444-555555555555", "notes");
    expect(tags).toContain("azconn:connection:11111111-2222-4333-8444-555555555555");
    const patches = () => world.requests.filter((r) => r.method === "PATCH").length;
    const before = patches();
    await recordConnectionOnApp(world.clients.graph, wait, { ...made, tags }, "11111111-2222-4333-8444-555555555555", "notes");
    expect(patches()).toBe(before);
  });

  it("removes only an app carrying the run's tag: another run's app is left alone", async () => {
    const { world, runId, app } = resourceWorld();
    const ours = await app();
    const theirs = await app(world.newRunId());
    expect(await removeApp(world.clients.graph, runId, theirs.appId, AZURE_CLOUD)).toEqual({
      kind: "leftAlone",
      reason: "not created by this run: left alone",
    });
    expect(await removeApp(world.clients.graph, runId, ours.appId, AZURE_CLOUD)).toEqual({ kind: "removed" });
    expect(world.state().applications.map((a) => a.appId)).toContain(theirs.appId);
    expect(world.state().applications.map((a) => a.appId)).not.toContain(ours.appId);
    expect(await removeApp(world.clients.graph, runId, ours.appId, AZURE_CLOUD)).toEqual({ kind: "absent" });
  });

  it("finds the run's app by its tag when no id is known (the create's answer was lost)", async () => {
    const { world, runId, app } = resourceWorld();
    await app();
    expect(await removeApp(world.clients.graph, runId, undefined, AZURE_CLOUD)).toEqual({ kind: "removed" });
    expect(world.appsOfRun(runId)).toHaveLength(0);
  });

  it("reports a refused delete as left, with a link to the app in the Entra admin center", async () => {
    const { world, runId, app } = resourceWorld();
    const made = await app();
    world.fail({ service: "graph", method: "DELETE", path: "^/v1\\.0/applications/", status: 403, count: 1 });
    const error = await removeApp(world.clients.graph, runId, made.appId, AZURE_CLOUD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeftBehindError);
    expect((error as LeftBehindError).left.link).toBe(
      `https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${made.appId}`,
    );
    expect(world.appsOfRun(runId)).toHaveLength(1);
  });
});
