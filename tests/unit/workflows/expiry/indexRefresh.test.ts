// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { defaultSecretsToRemove } from "../../../../src/workflows/connections/secretRotation";
import { readExpiryIndex } from "../../../../src/workflows/expiry/expiryIndex";
import { DAY_MS } from "../../../support/inProcessAzure";
import { connectionWorld, type ConnectionWorld } from "../connections/connectionWorld";

/** The dashboard widget reads what the hub last read: the hub refreshes the index when it reads or rotates a secret. */
async function indexOf(c: ConnectionWorld) {
  // Writes happen in the background: let them land.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return [...(await readExpiryIndex(c.organizationData, SEED.project.id, c.world.clock.now())).entries.values()];
}

describe("the widget's expiry index", () => {
  it("is refreshed when the Connections tab reads the secrets, naming who read and when", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const row = await c.row(endpointId);

    const entries = await indexOf(c);
    const [secret] = c.state().applications.find((a) => a.appId === row.facts.clientId)!.passwordCredentials;
    expect(entries).toEqual([
      expect.objectContaining({
        connectionId: endpointId,
        appId: row.facts.clientId,
        endDateTime: new Date(secret!.endDateTime).toISOString(),
        readAt: new Date(c.world.clock.now()).toISOString(),
        readBy: { id: SEED.users.admin, displayName: "Megan Bowen" },
      }),
    ]);
  });

  it("takes the new end date when a rotation succeeds", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const row = await c.row(endpointId);
    const endDateTime = new Date(c.world.clock.now() + 30 * DAY_MS).toISOString();
    const removeKeyIds = row.access.state === "readable" ? defaultSecretsToRemove(row.access.app) : [];

    const snapshot = await c.services.startRotation(row, { description: "Rotated", endDateTime, removeKeyIds }, () => undefined).start();

    expect(snapshot.status).toBe("succeeded");
    const [entry] = await indexOf(c);
    expect(new Date(entry!.endDateTime).getTime()).toBe(new Date(endDateTime).getTime());
  });

  it("never fails the read when extension data cannot be written", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    c.organizationData.failWrites = 10;

    const row = await c.row(endpointId);

    expect(row.access.state).toBe("readable");
    expect(await indexOf(c)).toEqual([]);
  });
});
