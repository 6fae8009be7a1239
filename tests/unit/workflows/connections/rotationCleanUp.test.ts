// @vitest-environment jsdom
import { defaultSecretsToRemove } from "../../../../src/workflows/connections/secretRotation";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { appOf, connectionWorld } from "./connectionWorld";

const choice = (removeKeyIds: string[]) => ({
  description: "Azure Pipelines",
  endDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString(),
  removeKeyIds,
});

/** A rotation that stops before the connection changed removes its new secret; a refused removal is named, not hidden. */
describe("a rotation whose clean-up is refused", () => {
  it("ends rollbackIncomplete naming the new secret, and removes it when rolled back again", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const row = await c.row(endpointId);
    const access = row.access;
    if (access.state !== "readable") throw new Error("The app was not read.");
    // Verify refuses the new secret for good, so the rotation stops before the update and undoes its add.
    c.world.fail({ service: "devops", method: "POST", path: "/serviceendpoint/endpointproxy", status: 500, count: Infinity });
    c.world.fail({ service: "graph", method: "POST", path: "/removePassword$", status: 403, count: Infinity });
    const rotation = c.services.startRotation(row, choice(defaultSecretsToRemove(access.app)), c.onChange);

    const stopped = await rotation.start();

    expect(stopped.status).toBe("rollbackIncomplete");
    expect(stopped.leftBehind).toEqual([
      expect.objectContaining({ object: "The new client secret", link: expect.stringContaining("/appId/") }),
    ]);
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(2);

    c.world.clearFaults();
    // Retry after an incomplete clean-up tries again only what was left.
    expect((await rotation.retry()).status).toBe("rolledBack");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(1);
  });
});
