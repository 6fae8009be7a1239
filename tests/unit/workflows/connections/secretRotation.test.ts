// @vitest-environment jsdom
import { hashSecret } from "../../../../emulator/model/core/ids";
import type { FaultRule } from "../../../../emulator/model/core/knobs";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { SEED } from "../../../../emulator/model/seed";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import { actionTarget } from "../../../../src/workflows/connections/connectionServices";
import { defaultSecretsToRemove, SecretRotation } from "../../../../src/workflows/connections/secretRotation";
import type { InventoryRow } from "../../../../src/workflows/connections/inventory";
import { readSecretMarker } from "../../../../src/workflows/provisioning/markers";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { addExistingConnection } from "./connectionScenarios";
import { appOf, connectionWorld, endpointIn, stepsWith, type ConnectionWorld } from "./connectionWorld";

const choice = (removeKeyIds: string[]) => ({
  description: "Azure Pipelines",
  endDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString(),
  removeKeyIds,
});

const readable = (row: InventoryRow) => {
  if (row.access.state !== "readable") throw new Error(`The app of ${row.facts.name} was not read: ${row.access.state}`);
  return row.access.app;
};

/** A connection this extension created, signed in, with the rotation's defaults. */
async function ours(options: Parameters<typeof connectionWorld>[0] = {}) {
  const c = connectionWorld(options);
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const row = await c.row(endpointId);
  const before = c.state();
  const oldSecretHash = endpointIn(before, endpointId)!.secretHash;
  return { c, endpointId, row, before, oldSecretHash, removeKeyIds: defaultSecretsToRemove(readable(row)) };
}

/** TestConnection of the saved connection, as "Verify" in Azure DevOps does it. */
async function verifies(c: ConnectionWorld, endpointId: string) {
  return (await c.world.connections.verify(c.world.context.project.id, endpointId)).ok;
}

describe("rotating a connection's secret with overlap", () => {
  it("adds a new secret, verifies it before saving, saves it, verifies again and removes the old one", async () => {
    const { c, endpointId, row, removeKeyIds } = await ours();
    expect(removeKeyIds).toHaveLength(1);
    expect(await verifies(c, endpointId)).toBe(true);
    const rotation = c.services.startRotation(row, choice(removeKeyIds), c.onChange);
    const sentBefore = c.world.requests.length;

    const snapshot = await rotation.start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.map((s) => [s.id, s.status])).toEqual([
      ["readApp", "done"],
      ["addSecret", "done"],
      ["verifyNew", "done"],
      ["updateConnection", "done"],
      ["verifySaved", "done"],
      ["removeOldSecrets", "done"],
    ]);
    const state = c.state();
    const app = appOf(state, endpointId)!;
    // The app ends with exactly the new secret, marked with the connection's id, and the connection holds it.
    expect(app.passwordCredentials).toHaveLength(1);
    expect(app.passwordCredentials[0]!.keyId).toBe(rotation.created.newSecretKeyId);
    expect(readSecretMarker(app.passwordCredentials[0]!.displayName)).toBe(endpointId);
    expect(endpointIn(state, endpointId)!.secretHash).toBe(app.passwordCredentials[0]!.secretHash);
    // Verified with endpoint id "0" before the update: the connection's details with the new secret.
    const order = c.world.requests
      .slice(sentBefore)
      .filter((r) => /endpointproxy|serviceendpoint\/endpoints\/[0-9a-f-]{36}$/.test(r.url) && r.method !== "GET")
      .map((r) => `${r.method} ${/endpointId=([^&]+)/.exec(r.url)?.[1] ?? "update"}`);
    expect(order).toEqual(["POST 0", "PUT update", `POST ${endpointId}`]);
    expect(await verifies(c, endpointId)).toBe(true);
  });

  it("never writes the new secret to the journal, and keeps it in the connection's body only", async () => {
    const { c, row, removeKeyIds } = await ours();
    await c.services.startRotation(row, choice(removeKeyIds), c.onChange).start();
    const secret = c.world.secretsIssued.at(-1)!;
    expect(c.world.journalWrites.some((w) => w.collection === "connection-actions")).toBe(true);
    for (const write of c.world.journalWrites) expect(write.text).not.toContain(secret);
  });

  it("waits while Azure has not yet accepted the new secret, and says so", async () => {
    const { c, endpointId, row, removeKeyIds } = await ours({ knobs: { consistency: { secretToTestConnectionCalls: 3 } } });
    const rotation = c.services.startRotation(row, choice(removeKeyIds), c.onChange);

    expect((await rotation.start()).status).toBe("succeeded");

    const waits = c.snapshots.map((s) => s.steps.find((step) => step.id === "verifyNew")?.waiting).filter((w) => w !== undefined);
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits[0]!.reason).toBe("Azure has not yet accepted the new secret");
    expect(await verifies(c, endpointId)).toBe(true);
  });

  it("for a connection it did not create, removes only the secrets the person picked", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy" });
    const spare = c.world.model.state.applications.find((a) => a.id === theirs.app.id)!;
    spare.passwordCredentials.push({
      ...spare.passwordCredentials[0]!,
      keyId: "5f0d8a3e-1111-4222-8333-444455556666",
      displayName: "Kept for the release pipeline",
    });
    await c.signIn();
    const row = await c.row(theirs.endpoint.id);
    expect(readable(row).secrets.map((s) => s.usedByConnection)).toEqual(["unknown", "unknown"]);
    expect(defaultSecretsToRemove(readable(row))).toEqual([]);

    const snapshot = await c.services.startRotation(row, choice([theirs.keyId]), c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    const keys = appOf(c.state(), theirs.endpoint.id)!.passwordCredentials.map((p) => p.keyId);
    expect(keys).toHaveLength(2);
    expect(keys).toContain("5f0d8a3e-1111-4222-8333-444455556666");
    expect(keys).not.toContain(theirs.keyId);
    expect(await verifies(c, theirs.endpoint.id)).toBe(true);
  });

  it("keeps every old secret when the person picks none", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy" });
    await c.signIn();
    const snapshot = await c.services.startRotation(await c.row(theirs.endpoint.id), choice([]), c.onChange).start();
    expect(stepsWith(snapshot, "skipped")).toEqual(["removeOldSecrets"]);
    expect(appOf(c.state(), theirs.endpoint.id)!.passwordCredentials).toHaveLength(2);
  });
});

/** A failure before the connection is updated: the new secret goes again, and the connection keeps its old one. */
const BEFORE_UPDATE: Array<{ step: string; fault: Omit<FaultRule, "count"> }> = [
  { step: "readApp", fault: { service: "graph", method: "GET", path: "^/v1\\.0/applications\\(appId=", status: 500 } },
  { step: "addSecret", fault: { service: "graph", method: "POST", path: "/addPassword$", status: 500 } },
  { step: "verifyNew", fault: { service: "devops", method: "POST", path: "/serviceendpoint/endpointproxy$", status: 500 } },
  { step: "updateConnection", fault: { service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 400 } },
];

describe.each(BEFORE_UPDATE)("when $step fails (before the connection changes)", ({ step, fault }) => {
  it("leaves the connection untouched, removes the new secret, and says why", async () => {
    const { c, endpointId, row, before, oldSecretHash, removeKeyIds } = await ours();
    c.world.fail({ ...fault, count: Infinity });

    const snapshot = await c.services.startRotation(row, choice(removeKeyIds), c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toMatch(/failed\.$/);
    expect(c.snapshots.some((s) => s.status === "failed" && s.steps.find((x) => x.id === step)?.status === "failed")).toBe(true);
    c.world.clearFaults();
    const state = c.state();
    expect(endpointIn(state, endpointId)!.secretHash).toBe(oldSecretHash);
    expect(appOf(state, endpointId)!.passwordCredentials).toEqual(appOf(before, endpointId)!.passwordCredentials);
    expect(await verifies(c, endpointId)).toBe(true);
  });
});

describe("when Azure never accepts the new secret", () => {
  it("stops before saving, removes the new secret and keeps the old one in the connection", async () => {
    const { c, endpointId, row, before, oldSecretHash, removeKeyIds } = await ours({
      knobs: { consistency: { secretToTestConnectionCalls: 1000 } },
    });

    const snapshot = await c.services.startRotation(row, choice(removeKeyIds), c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toBe("Azure did not accept the new secret.");
    expect(snapshot.problem?.detail).toMatch(/AADSTS7000215/);
    expect(endpointIn(c.state(), endpointId)!.secretHash).toBe(oldSecretHash);
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toEqual(appOf(before, endpointId)!.passwordCredentials);
  });

  it("stops at once when cancelled while waiting, and removes the new secret", async () => {
    const { c, endpointId, row, before, removeKeyIds } = await ours({ knobs: { consistency: { secretToTestConnectionCalls: 1000 } } });
    const rotation: ReturnType<typeof c.services.startRotation> = c.services.startRotation(row, choice(removeKeyIds), (s: RunSnapshot) => {
      if (s.steps.some((step) => step.waiting)) rotation.cancel();
    });

    const snapshot = await rotation.start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toMatch(/cancelled/);
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toEqual(appOf(before, endpointId)!.passwordCredentials);
  });
});

describe("when the update's answer is lost", () => {
  it("keeps the new secret (the connection may hold it) and finishes on Retry", async () => {
    const { c, endpointId, row, removeKeyIds } = await ours();
    c.world.fail({ service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 500, count: Infinity });
    const rotation = c.services.startRotation(row, choice(removeKeyIds), c.onChange);

    const failed = await rotation.start();

    expect(failed.status).toBe("failed");
    expect(rotation.canRollBack()).toBe(false);
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(2);
    c.world.clearFaults();
    expect((await rotation.retry()).status).toBe("succeeded");
    expect(appOf(c.state(), endpointId)!.passwordCredentials.map((p) => p.keyId)).toEqual([rotation.created.newSecretKeyId]);
    expect(await verifies(c, endpointId)).toBe(true);
  });
});

/** A failure after the update: both secrets stay valid, so nothing stops working; Retry goes on. */
const AFTER_UPDATE: Array<{ step: string; fault: FaultRule }> = [
  {
    step: "verifySaved",
    fault: { service: "devops", method: "POST", path: "/serviceendpoint/endpointproxy$", status: 500, count: Infinity },
  },
  { step: "removeOldSecrets", fault: { service: "graph", method: "POST", path: "/removePassword$", status: 500, count: Infinity } },
];

describe.each(AFTER_UPDATE)("when $step fails (after the connection holds the new secret)", ({ step, fault }) => {
  it("keeps the old secret, offers Retry but no rollback, and finishes on Retry", async () => {
    const { c, endpointId, row, removeKeyIds } = await ours();
    let armed = false;
    // The service starts failing as the step starts: everything before it went through.
    const rotation = c.services.startRotation(row, choice(removeKeyIds), (s) => {
      if (!armed && s.steps.find((x) => x.id === step)?.status === "running") {
        armed = true;
        c.world.fail({ ...fault });
      }
    });

    const failed = await rotation.start();

    expect(failed.status).toBe("failed");
    expect(stepsWith(failed, "failed")).toEqual([step]);
    expect(rotation.canRollBack()).toBe(false);
    expect(rotation.created.updated).toBe(true);
    const app = appOf(c.state(), endpointId)!;
    expect(app.passwordCredentials).toHaveLength(2);
    c.world.clearFaults();
    expect(await verifies(c, endpointId)).toBe(true);

    expect((await rotation.retry()).status).toBe("succeeded");
    expect(appOf(c.state(), endpointId)!.passwordCredentials.map((p) => p.keyId)).toEqual([rotation.created.newSecretKeyId]);
    expect(endpointIn(c.state(), endpointId)!.secretHash).toBe(hashSecret(c.world.secretsIssued.at(-1)!));
  });
});

describe("when the answer to adding the new secret is lost", () => {
  it("finds the secret nobody holds by its marker and removes it", async () => {
    const { c, endpointId, row, before, removeKeyIds } = await ours();
    const graph = c.world.clients.graph;
    const losing = Object.create(graph) as typeof graph;
    // Graph adds the secret, but the answer never arrives.
    losing.addPassword = async (...args: Parameters<typeof graph.addPassword>) => {
      await graph.addPassword(...args);
      throw new ServiceError("graph", 0, "NetworkError", "The request could not reach graph.microsoft.com.");
    };
    const ports = {
      connections: c.world.connections,
      graph: losing,
      arm: c.world.clients.arm,
      clock: c.world.clock,
      journal: c.world.journal,
    };
    const rotation = new SecretRotation(actionTarget(row, SEED.project.id), choice(removeKeyIds), ports, { runId: "lost-answer" });

    const snapshot = await rotation.start();

    expect(snapshot.status).toBe("rolledBack");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toEqual(appOf(before, endpointId)!.passwordCredentials);
  });
});
