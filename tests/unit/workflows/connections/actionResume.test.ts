// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { ACTIONS_COLLECTION, unfinishedActions, type ActionJournal } from "../../../../src/workflows/connections/actionEngine";
import { actionTarget } from "../../../../src/workflows/connections/connectionServices";
import { defaultSecretsToRemove } from "../../../../src/workflows/connections/secretRotation";
import { secretDisplayName } from "../../../../src/workflows/provisioning/markers";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { appOf, connectionWorld, endpointIn } from "./connectionWorld";

/** #14.11: Resume runs the same stopped action again from its journal; steps done stay done. */
const END = new Date(NOW.getTime() + 90 * DAY_MS).toISOString();

async function world() {
  const c = connectionWorld();
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const inventory = await c.inventory();
  const row = inventory.rows.find((r) => r.facts.id === endpointId)!;
  return { c, endpointId, inventory, row };
}

function journalOf(
  kind: ActionJournal["kind"],
  endpointId: string,
  rest: Pick<ActionJournal, "created" | "steps" | "inputs">,
): ActionJournal {
  const at = NOW.toISOString();
  return {
    id: "5b0c1a8e-0000-4000-8000-00000000bb01",
    version: 1,
    kind,
    endpointId,
    connectionName: "contoso-prod-reader",
    createdAt: at,
    updatedAt: at,
    status: "running",
    ...rest,
  };
}

describe("resuming a stopped action", () => {
  it("resumes a rotation stopped before the connection changed: a new secret replaces the dropped one, which goes", async () => {
    const { c, endpointId, row } = await world();
    const app = appOf(c.state(), endpointId)!;
    const oldKeyIds = app.passwordCredentials.map((p) => p.keyId);
    const dropped = await c.world.clients.graph.addPassword(app.id, secretDisplayName("Azure Pipelines", endpointId), END);
    const choice = {
      description: "Azure Pipelines",
      endDateTime: END,
      removeKeyIds: row.access.state === "readable" ? defaultSecretsToRemove(row.access.app) : [],
    };
    const journal = journalOf("rotation", endpointId, {
      created: { appObjectId: app.id, newSecretKeyId: dropped.keyId },
      steps: [
        { id: "readApp", title: "Read the app registration", status: "done" },
        { id: "addSecret", title: "Add a new client secret", status: "done" },
        { id: "verifyNew", title: "Verify the connection with the new secret", status: "running" },
      ],
      inputs: { target: actionTarget(row, SEED.project.id), choice },
    });
    await c.world.journal.put(ACTIONS_COLLECTION, journal);
    const stoppedRow = (await c.inventory()).rows.find((r) => r.facts.id === endpointId)!;
    expect(stoppedRow.unfinishedAction?.id).toBe(journal.id);

    const rotation = await c.services.resumeAction(stoppedRow, c.onChange);
    expect(rotation.runId).toBe(journal.id);
    const snapshot = await rotation.start();

    expect(snapshot.status).toBe("succeeded");
    const keyIds = appOf(c.state(), endpointId)!.passwordCredentials.map((p) => p.keyId);
    expect(keyIds).toHaveLength(1);
    expect(keyIds).not.toContain(dropped.keyId);
    expect(oldKeyIds.some((k) => keyIds.includes(k))).toBe(false);
    expect((await c.world.connections.verify(SEED.project.id, endpointId)).ok).toBe(true);
    expect(await unfinishedActions(c.world.journal)).toEqual([]);
  });

  it("resumes a deletion stopped after the connection went: the connection step stays done, the role and app go", async () => {
    const { c, endpointId, inventory, row } = await world();
    const plan = await c.services.planConnectionDeletion(row, inventory);
    await c.world.connections.delete(endpointId, [SEED.project.id]);
    const journal = journalOf("deletion", endpointId, {
      created: { connectionDeleted: true },
      steps: [{ id: "deleteConnection", title: "Delete the service connection", status: "done" }],
      inputs: { plan, choice: plan.defaults },
    });
    await c.world.journal.put(ACTIONS_COLLECTION, journal);
    const requests = c.world.requests.length;

    const deletion = await c.services.resumeAction(
      { ...row, unfinishedAction: { id: journal.id, kind: "deletion", status: "running", updatedAt: journal.updatedAt } },
      c.onChange,
    );
    const snapshot = await deletion.start();

    expect(snapshot.status).toBe("succeeded");
    expect(endpointIn(c.state(), endpointId)).toBeUndefined();
    expect(c.state().applications.some((a) => a.id === plan.app!.objectId)).toBe(false);
    expect(c.world.requests.slice(requests).some((r) => r.method === "DELETE" && r.url.includes("serviceendpoint"))).toBe(false);
  });

  it("says a conversion cannot be resumed from here, and what to do", async () => {
    const { c, endpointId, row } = await world();
    const journal = journalOf("conversion", endpointId, { created: {}, steps: [] });
    await c.world.journal.put(ACTIONS_COLLECTION, journal);
    const stopped = {
      ...row,
      unfinishedAction: { id: journal.id, kind: "conversion" as const, status: "running" as const, updatedAt: journal.updatedAt },
    };

    await expect(c.services.resumeAction(stopped, c.onChange)).rejects.toMatchObject({
      problem: { title: "This action cannot be resumed.", action: expect.stringMatching(/Clean up/) },
    });
  });
});
