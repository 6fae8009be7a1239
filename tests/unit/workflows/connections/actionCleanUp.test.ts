// @vitest-environment jsdom
import { ACTIONS_COLLECTION, unfinishedActions, type ActionJournal } from "../../../../src/workflows/connections/actionEngine";
import { describeCleanUp, planCleanUp } from "../../../../src/workflows/connections/actionCleanUp";
import { federatedCredentialName } from "../../../../src/workflows/resources/federatedCredential";
import { secretDisplayName } from "../../../../src/workflows/provisioning/markers";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { appOf, connectionWorld } from "./connectionWorld";

/** #14.11: Clean up removes exactly what a stopped action created, from its journal, and marks the journal done. */
async function stopped(
  kind: "rotation" | "conversion",
  created: (c: ReturnType<typeof connectionWorld>, appObjectId: string, endpointId: string) => Promise<Record<string, unknown>>,
) {
  const c = connectionWorld();
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const app = appOf(c.state(), endpointId)!;
  const journal: ActionJournal = {
    id: "5b0c1a8e-0000-4000-8000-00000000aa01",
    version: 1,
    kind,
    endpointId,
    connectionName: "contoso-prod-reader",
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
    status: "running",
    created: { appObjectId: app.id, ...(await created(c, app.id, endpointId)) },
    steps: [],
  };
  await c.world.journal.put(ACTIONS_COLLECTION, journal);
  const row = (await c.inventory()).rows.find((r) => r.facts.id === endpointId)!;
  return { c, endpointId, app, journal, row };
}

const END = new Date(NOW.getTime() + 90 * DAY_MS).toISOString();

describe("cleaning up after a stopped action", () => {
  it("removes the new secret of a rotation that never reached the connection, and marks the journal done", async () => {
    const { c, endpointId, row } = await stopped("rotation", async (c, appObjectId, endpointId) => {
      const added = await c.world.clients.graph.addPassword(appObjectId, secretDisplayName("Azure Pipelines", endpointId), END);
      return { newSecretKeyId: added.keyId };
    });
    const before = appOf(c.state(), endpointId)!.passwordCredentials.length;
    expect(row.unfinishedAction?.kind).toBe("rotation");

    const plan = (await c.services.planCleanUp(row))!;
    expect(plan.secretKeyIds).toHaveLength(1);
    expect(describeCleanUp(plan)[0]).toMatch(/The new client secret the rotation added/);
    const snapshot = await c.services.startCleanUp(row, plan, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(before - 1);
    expect(appOf(c.state(), endpointId)!.passwordCredentials.map((p) => p.keyId)).not.toContain(plan.secretKeyIds[0]);
    expect(await unfinishedActions(c.world.journal)).toEqual([]);
  });

  it("leaves a secret that does not carry the connection's marker (ownership proof)", async () => {
    const { c, endpointId, row } = await stopped("rotation", async (c, appObjectId) => {
      const added = await c.world.clients.graph.addPassword(appObjectId, "Someone else's secret", END);
      return { newSecretKeyId: added.keyId };
    });
    const before = appOf(c.state(), endpointId)!.passwordCredentials.length;

    const plan = (await c.services.planCleanUp(row))!;
    const snapshot = await c.services.startCleanUp(row, plan, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.find((s) => s.id === "removeNewSecret")?.note).toMatch(/Not removed/);
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(before);
  });

  it("keeps the new secret once the connection may hold it", () => {
    const base = {
      id: "x",
      version: 1 as const,
      kind: "rotation" as const,
      endpointId: "e",
      connectionName: "n",
      createdAt: "",
      updatedAt: "",
      status: "failed" as const,
      steps: [],
    };
    expect(planCleanUp({ ...base, created: { newSecretKeyId: "k", updated: true } }).secretKeyIds).toEqual([]);
    expect(planCleanUp({ ...base, created: { newSecretKeyId: "k", updateUncertain: true } }).secretKeyIds).toEqual([]);
  });

  it("removes the federated credentials a stopped conversion added while the connection is still on its secret", async () => {
    const { c, endpointId, row } = await stopped("conversion", async (c, appObjectId, endpointId) => {
      const added = await c.world.clients.graph.addFederatedCredential(appObjectId, {
        name: federatedCredentialName(endpointId),
        issuer: "https://vstoken.dev.azure.com/00000000-0000-4000-8000-000000000001",
        subject: "sc://contoso/Fabrikam Web/contoso-prod-reader",
        audiences: ["api://AzureADTokenExchange"],
      });
      return { federatedCredentialId: added.id, converted: false };
    });

    const plan = (await c.services.planCleanUp(row))!;
    expect(plan.federatedCredentialIds).toHaveLength(1);
    const snapshot = await c.services.startCleanUp(row, plan, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(appOf(c.state(), endpointId)!.federatedIdentityCredentials).toEqual([]);
    expect(await unfinishedActions(c.world.journal)).toEqual([]);
  });
});
