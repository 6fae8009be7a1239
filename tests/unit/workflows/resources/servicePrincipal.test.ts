// @vitest-environment jsdom
import { ensureServicePrincipal, readServicePrincipal } from "../../../../src/workflows/resources/servicePrincipal";
import { resourceWorld } from "./resourceWorld";

describe("the service principal resource", () => {
  it("waits out 'does not reference a valid application' right after the app was created", async () => {
    const { world, wait, waits, app } = resourceWorld({ knobs: { consistency: { applicationToServicePrincipalCalls: 2 } } });
    const made = await app();
    const principal = await ensureServicePrincipal(world.clients.graph, wait, made.appId, false);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBe("Entra ID is still replicating the new app registration");
    expect((await readServicePrincipal(world.clients.graph, made.appId))?.id).toBe(principal.id);
  });

  it("finds the principal an earlier attempt created instead of creating a second one", async () => {
    const { world, wait, app } = resourceWorld();
    const made = await app();
    const first = await ensureServicePrincipal(world.clients.graph, wait, made.appId, false);
    const again = await ensureServicePrincipal(world.clients.graph, wait, made.appId, true);
    expect(again.id).toBe(first.id);
    expect(world.state().servicePrincipals.filter((p) => p.appId === made.appId)).toHaveLength(1);
  });

  it("fails at once on a refusal that is not replication", async () => {
    const { world, wait, waits, app } = resourceWorld();
    const made = await app();
    world.fail({ service: "graph", method: "POST", path: "/servicePrincipals$", status: 403, count: 1 });
    await expect(ensureServicePrincipal(world.clients.graph, wait, made.appId, false)).rejects.toMatchObject({ status: 403 });
    expect(waits).toEqual([]);
  });
});
