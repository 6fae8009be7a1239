// @vitest-environment jsdom
import { hashSecret } from "../../../../emulator/model/core/ids";
import { JOURNAL_COLLECTION, unfinishedRuns, type ProvisioningJournal } from "../../../../src/workflows/provisioning/journal";
import type { ArmPort, ProvisioningPorts } from "../../../../src/workflows/provisioning/ports";
import { createWorld, formFor, type World } from "../../../support/inProcessAzure";
import { expectNothingLeftBehind, expectProvisioned } from "../../../support/provisioningState";

/**
 * A tab closed in the middle of a run. The journal (extension data, User scope) is all that is left: a new run built
 * from it must be able to finish the work, or undo it. The secret was only ever in the closed tab's memory.
 */

/** Ports whose role-assignment PUT reaches ARM and then never answers: the tab closes while it waits. */
function closingTabAtRoleAssignment(world: World): ProvisioningPorts {
  const arm: ArmPort = {
    putRoleAssignment: async (...args) => {
      await world.clients.arm.putRoleAssignment(...args);
      return new Promise(() => undefined);
    },
    deleteRoleAssignment: (...args) => world.clients.arm.deleteRoleAssignment(...args),
  };
  return { ...world.ports, arm };
}

async function journalOf(world: World, runId: string): Promise<ProvisioningJournal> {
  const journal = await world.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, runId);
  if (!journal) throw new Error("no journal");
  return journal;
}

/** Starts a run that will never finish, and waits until its journal shows the role assignment under way. */
async function interruptedRun(world: World) {
  const form = formFor("Subscription");
  const first = world.provisioningRun(form, { ports: closingTabAtRoleAssignment(world) });
  void first.start();
  await vi.waitFor(async () => {
    const journal = await journalOf(world, first.runId);
    expect(journal.created.roleAssignment).toBeDefined();
    expect(journal.created.secretKeyId).toBeDefined();
    expect(world.state().roleAssignments.some((ra) => ra.principalId === journal.created.servicePrincipalId)).toBe(true);
  });
  const journal = await journalOf(world, first.runId);
  return { form, journal };
}

describe("resuming a run after the tab was closed", () => {
  it("offers the run as unfinished", async () => {
    const world = createWorld();
    const { journal } = await interruptedRun(world);
    expect((await unfinishedRuns(world.journal)).map((j) => j.id)).toEqual([journal.id]);
    expect(journal.status).toBe("running");
  });

  it("finishes it with a new secret and removes the journaled one, ending with exactly one secret", async () => {
    const world = createWorld();
    const before = world.state();
    const { form, journal } = await interruptedRun(world);
    const journaledKeyId = journal.created.secretKeyId!;

    const resumed = world.provisioningRun(journal.form, { runId: journal.id, journal });
    const snapshot = await resumed.start();

    expect(snapshot.status).toBe("succeeded");
    expect(resumed.created.secretKeyId).not.toBe(journaledKeyId);
    const { app, endpoint } = await expectProvisioned(world, resumed, form, before);
    expect(app.passwordCredentials.map((p) => p.keyId)).toEqual([resumed.created.secretKeyId]);
    expect(endpoint.secretHash).toBe(hashSecret(resumed.revealSecret()!));
    // The app and its principal were not created again.
    expect(app.id).toBe(journal.created.appObjectId);
    expect(world.requests.filter((r) => r.method === "POST" && r.url.endsWith("/v1.0/applications"))).toHaveLength(1);
    expect((await unfinishedRuns(world.journal)).map((j) => j.id)).toEqual([]);
  });

  it("rolls it back from the journal, including the role assignment whose answer never came", async () => {
    const world = createWorld();
    const before = world.state();
    const { journal } = await interruptedRun(world);

    const resumed = world.provisioningRun(journal.form, { runId: journal.id, journal });
    const snapshot = await resumed.rollback();

    expect(snapshot.status).toBe("rolledBack");
    expectNothingLeftBehind(world, before);
    expect((await journalOf(world, journal.id)).status).toBe("rolledBack");
  });

  it("resumes a run that had failed, after the service recovered", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("ManagementGroup");
    world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: Infinity });
    const first = world.provisioningRun(form);
    await first.start();
    first.dropSecret();
    world.clearFaults();
    const journal = await journalOf(world, first.runId);
    expect(journal.status).toBe("failed");

    const resumed = world.provisioningRun(journal.form, { runId: journal.id, journal });

    expect((await resumed.start()).status).toBe("succeeded");
    const { app } = await expectProvisioned(world, resumed, form, before);
    expect(app.passwordCredentials).toHaveLength(1);
    expect(app.passwordCredentials[0]!.keyId).not.toBe(journal.created.secretKeyId);
  });

  it("does not add a secret again when the connection already holds it", async () => {
    const world = createWorld();
    const before = world.state();
    const form = formFor("Subscription");
    world.fail({ service: "devops", method: "PATCH", path: "/pipelinePermissions/", status: 500, count: Infinity });
    const first = world.provisioningRun(form);
    await first.start();
    world.clearFaults();
    const journal = await journalOf(world, first.runId);

    const resumed = world.provisioningRun(journal.form, { runId: journal.id, journal });

    expect((await resumed.start()).status).toBe("succeeded");
    expect(world.secretsIssued).toHaveLength(1);
    await expectProvisioned(world, resumed, form, before);
  });

  it("retries nothing that was done: a resumed run of a finished journal changes nothing", async () => {
    const world = createWorld();
    const first = world.provisioningRun(formFor("Subscription"));
    await first.start();
    const journal = await journalOf(world, first.runId);
    const sent = world.requests.length;

    const resumed = world.provisioningRun(journal.form, { runId: journal.id, journal });
    expect((await resumed.start()).status).toBe("succeeded");
    expect(world.requests.length).toBe(sent);
  });
});
