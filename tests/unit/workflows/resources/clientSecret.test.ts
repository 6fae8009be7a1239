// @vitest-environment jsdom
import { ensureSecret, removeChosenSecrets, removeOwnSecret } from "../../../../src/workflows/resources/clientSecret";
import { notYetReplicated, resourceWorld } from "./resourceWorld";

const END = "2026-09-01T00:00:00Z";

describe("the client secret resource", () => {
  it("adds a secret marked with its owner, waiting out Graph's 404 right after the app was created", async () => {
    const { world, runId, wait, waits, app } = resourceWorld();
    const made = await app();
    notYetReplicated(world, "/addPassword$", 1);
    const password = await ensureSecret(world.clients.graph, wait, {
      appObjectId: made.id,
      appId: made.appId,
      description: "Azure Pipelines",
      marker: runId,
      endDateTime: END,
    });
    expect(waits).toEqual(["Entra ID is still replicating the new app registration"]);
    const secrets = world.state().applications.find((a) => a.id === made.id)!.passwordCredentials;
    expect(secrets.map((s) => s.keyId)).toEqual([password.keyId]);
    expect(secrets[0]!.displayName).toBe(`Azure Pipelines [azconn:${runId}]`);
  });

  it("removes a secret of an earlier attempt (same marker, text lost) when told to sweep", async () => {
    const { world, runId, wait, app } = resourceWorld();
    const made = await app();
    const spec = { appObjectId: made.id, appId: made.appId, description: "Azure Pipelines", marker: runId, endDateTime: END };
    await ensureSecret(world.clients.graph, wait, spec);
    const second = await ensureSecret(world.clients.graph, wait, spec, { keep: new Set() });
    expect(
      world
        .state()
        .applications.find((a) => a.id === made.id)!
        .passwordCredentials.map((s) => s.keyId),
    ).toEqual([second.keyId]);
  });

  it("removes its own secret, and leaves alone one without its marker", async () => {
    const { world, runId, wait, app } = resourceWorld();
    const made = await app();
    const ours = await ensureSecret(world.clients.graph, wait, {
      appObjectId: made.id,
      appId: made.appId,
      description: "ours",
      marker: runId,
      endDateTime: END,
    });
    const theirs = await world.clients.graph.addPassword(made.id, "someone else's", END);
    const spec = { appObjectId: made.id, appId: made.appId, marker: runId };
    expect(await removeOwnSecret(world.clients.graph, spec, theirs.keyId)).toEqual({
      kind: "leftAlone",
      reason: "not created by this run: left alone",
    });
    expect(await removeOwnSecret(world.clients.graph, spec, ours.keyId)).toEqual({ kind: "removed" });
    expect(await removeOwnSecret(world.clients.graph, spec, ours.keyId)).toEqual({ kind: "absent" });
    expect(
      world
        .state()
        .applications.find((a) => a.id === made.id)!
        .passwordCredentials.map((s) => s.keyId),
    ).toEqual([theirs.keyId]);
  });

  it("removes the secrets a person chose, going on where a failed removal stopped", async () => {
    const { world, app } = resourceWorld();
    const made = await app();
    const a = await world.clients.graph.addPassword(made.id, "a", END);
    const b = await world.clients.graph.addPassword(made.id, "b", END);
    const removed: string[] = [];
    world.fail({ service: "graph", method: "POST", path: "/removePassword$", status: 500, count: 10 });
    await expect(removeChosenSecrets(world.clients.graph, made.id, [a.keyId, b.keyId], removed)).rejects.toBeDefined();
    world.clearFaults();
    await removeChosenSecrets(world.clients.graph, made.id, [a.keyId, b.keyId], removed);
    expect(removed).toEqual([a.keyId, b.keyId]);
    expect(world.state().applications.find((x) => x.id === made.id)!.passwordCredentials).toEqual([]);
  });
});
