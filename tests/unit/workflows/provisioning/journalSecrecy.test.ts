// @vitest-environment jsdom
import { JOURNAL_COLLECTION, type ProvisioningJournal } from "../../../../src/workflows/provisioning/journal";
import { createWorld, formFor, type World } from "../../../support/inProcessAzure";

/**
 * The created secret is never in storage: every write of the journal (ids only) is scanned for every secret Graph
 * handed out during the test, whatever happened to the run.
 */
function expectNoSecretInJournal(world: World): void {
  expect(world.secretsIssued.length).toBeGreaterThan(0);
  expect(world.journalWrites.length).toBeGreaterThan(0);
  for (const write of world.journalWrites) {
    for (const secret of world.secretsIssued) expect(write.text).not.toContain(secret);
    expect(write.text).not.toMatch(/serviceprincipalkey|secretText/i);
  }
}

describe("the journal never holds the secret", () => {
  it("through a whole run, while the secret stays available to reveal until dropped", async () => {
    const world = createWorld();
    const run = world.provisioningRun(formFor("Subscription"));
    await run.start();

    expectNoSecretInJournal(world);
    expect(world.secretsIssued).toEqual([run.revealSecret()]);
    run.dropSecret();
    expect(run.revealSecret()).toBeUndefined();
  });

  it("journals the run id before the first call, so a lost answer can be found by tag", async () => {
    const world = createWorld();
    const run = world.provisioningRun(formFor("Subscription"));
    await run.start();
    const first = JSON.parse(world.journalWrites[0]!.text) as ProvisioningJournal;
    expect(first).toMatchObject({ id: run.runId, version: 1, status: "ready", created: {} });
    expect(world.journalWrites.every((w) => w.collection === JOURNAL_COLLECTION && w.id === run.runId)).toBe(true);
    const last = JSON.parse(world.journalWrites[world.journalWrites.length - 1]!.text) as ProvisioningJournal;
    expect(last.status).toBe("succeeded");
    expect(last.created).toMatchObject({
      appObjectId: run.created.appObjectId,
      secretKeyId: run.created.secretKeyId,
      endpointId: run.created.endpointId,
    });
  });

  it("through a failure, a retry and a rollback", async () => {
    const world = createWorld();
    world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: Infinity });
    const run = world.provisioningRun(formFor("ManagementGroup"));
    await run.start();
    await run.retry();
    await run.rollback();
    expectNoSecretInJournal(world);
  });

  it("through a resume that adds a second secret", async () => {
    const world = createWorld();
    world.fail({ service: "devops", method: "POST", path: "/_apis/serviceendpoint/endpoints$", status: 500, count: Infinity });
    const first = world.provisioningRun(formFor("Subscription"));
    await first.start();
    world.clearFaults();
    const journal = (await world.journal.get<ProvisioningJournal>(JOURNAL_COLLECTION, first.runId))!;
    await world.provisioningRun(journal.form, { runId: journal.id, journal }).start();

    expect(world.secretsIssued).toHaveLength(2);
    expectNoSecretInJournal(world);
  });

  it("keeps going when the journal cannot be written, and says the run could not be resumed", async () => {
    const world = createWorld();
    world.journal.failWrites = Number.POSITIVE_INFINITY;
    const run = world.provisioningRun(formFor("Subscription"));

    expect((await run.start()).status).toBe("succeeded");
    expect(run.journalProblem).toMatch(/cannot be resumed/);
  });

  it("forgets a failed journal write once a later write succeeds", async () => {
    const world = createWorld();
    world.journal.failWrites = 1;
    const run = world.provisioningRun(formFor("Subscription"));

    expect((await run.start()).status).toBe("succeeded");
    expect(run.journalProblem).toBeUndefined();
  });
});
