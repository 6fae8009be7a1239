// @vitest-environment jsdom
import { appOf, connectionWorld, stepsWith } from "./connectionWorld";

/** A refused delete in a clean deletion is named, with a link, and never taken for done. */
describe("deleting a connection whose role assignment may not be deleted", () => {
  it("deletes the connection, names the role assignment left with a portal link, keeps the app, and finishes on Retry", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("contoso-prod-reader");
    await c.signIn();
    const inventory = await c.inventory();
    const row = inventory.rows.find((r) => r.facts.id === endpointId)!;
    const app = appOf(c.state(), endpointId)!;
    const plan = await c.services.planConnectionDeletion(row, inventory);
    c.world.fail({ service: "arm", method: "DELETE", path: "/roleAssignments/", status: 403, count: Infinity });
    const deletion = c.services.startDeletion(plan, plan.defaults, c.onChange);

    const stopped = await deletion.start();

    expect(stopped.status).toBe("failed");
    expect(stepsWith(stopped, "failed")).toEqual(["deleteRoleAssignments"]);
    expect(stopped.leftBehind).toEqual([
      expect.objectContaining({
        object: expect.stringMatching(/^The Reader role assignment at \/subscriptions\//),
        link: expect.stringMatching(/^https:\/\/portal\.azure\.com\/#@\/resource\/subscriptions\/.*\/users$/),
      }),
    ]);
    // The app waits: deleting it first would leave the assignment an orphan ARM keeps.
    expect(c.state().applications.some((a) => a.id === app.id)).toBe(true);

    c.world.clearFaults();
    const finished = await deletion.retry();
    expect(finished.status).toBe("succeeded");
    expect(finished.leftBehind).toBeUndefined();
    expect(c.state().applications.some((a) => a.id === app.id)).toBe(false);
  });
});
