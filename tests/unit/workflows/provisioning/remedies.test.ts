// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { appNotes } from "../../../../src/workflows/provisioning/markers";
import { createWorld, DAY_MS, formFor, NOW } from "../../../support/inProcessAzure";
import { expectProvisioned, stepsWithStatus } from "../../../support/provisioningState";

/** Failures the hub can fix itself next to Retry: another connection name, a shorter secret lifetime. */
describe("a connection name that is already taken", () => {
  async function clash() {
    const world = createWorld();
    const taken = formFor("Subscription");
    await world.provisioningRun(taken).start();
    const before = world.state();
    const form = formFor("Subscription", { app: { displayName: "fabrikam-web-second" } });
    const run = world.provisioningRun(form);
    const snapshot = await run.start();
    return { world, before, form, run, snapshot };
  }

  it("stops at creating the connection and offers to rename it", async () => {
    const { run, snapshot } = await clash();
    expect(stepsWithStatus(run, "failed")).toEqual(["createConnection"]);
    expect(snapshot.problem).toMatchObject({ remedy: "renameConnection", action: "Choose another name and continue." });
    expect(snapshot.problem?.detail).toContain('"contoso-subscription-reader" already exists');
  });

  it("continues under the new name after amend and Retry, keeping what was created", async () => {
    const { world, before, run } = await clash();
    const appId = run.created.appId;

    run.amend((form) => ({ ...form, connection: { ...form.connection, name: "contoso-subscription-reader-2" } }));
    const snapshot = await run.retry();

    expect(snapshot.status).toBe("succeeded");
    expect(run.created.appId).toBe(appId);
    const renamed = run.currentForm();
    expect(renamed.connection.name).toBe("contoso-subscription-reader-2");
    const { app } = await expectProvisioned(world, run, renamed, before);
    // The app's notes name the connection it really serves.
    expect(app.notes).toBe(appNotes(SEED.devopsOrganization, SEED.project.name, "contoso-subscription-reader-2"));
  });
});

describe("a tenant policy that caps the secret lifetime", () => {
  async function capped() {
    const world = createWorld();
    world.model.state.tenants.find((t) => t.id === SEED.tenantId)!.secretPolicy.maxLifetimeDays = 90;
    const before = world.state();
    const form = formFor("Subscription");
    const run = world.provisioningRun(form);
    const snapshot = await run.start();
    return { world, before, run, snapshot };
  }

  it("stops at adding the secret and offers a shorter lifetime", async () => {
    const { run, snapshot } = await capped();
    expect(stepsWithStatus(run, "failed")).toEqual(["addSecret"]);
    expect(snapshot.problem).toMatchObject({ remedy: "shorterSecretLifetime" });
    expect(snapshot.problem?.action).toMatch(/shorter lifetime/);
  });

  it("continues with the shorter lifetime, without rolling back", async () => {
    const { world, before, run } = await capped();
    const appId = run.created.appId;
    const shorter = new Date(NOW.getTime() + 60 * DAY_MS).toISOString();

    run.amend((form) => ({ ...form, secret: { ...form.secret, endDateTime: shorter } }));
    const snapshot = await run.retry();

    expect(snapshot.status).toBe("succeeded");
    expect(run.created.appId).toBe(appId);
    expect(Date.parse(run.created.secretEndDateTime!)).toBe(Date.parse(shorter));
    await expectProvisioned(world, run, run.currentForm(), before);
  });
});
