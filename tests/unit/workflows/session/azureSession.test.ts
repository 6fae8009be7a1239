// @vitest-environment jsdom
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { ARM_SCOPES, GRAPH_SCOPES } from "../../../../src/workflows/session/azureSession";
import { createWorld, formFor } from "../../../support/inProcessAzure";

/** Graph and ARM clients for one tenant, each asking sign-in for a token of its own resource. */
describe("the Azure session's clients", () => {
  it("ask for a Graph token for Graph and an ARM token for ARM, in the chosen tenant", async () => {
    const world = createWorld();
    await world.clients.graph.me();
    await world.clients.arm.listSubscriptions();
    expect(world.signIn.requests).toEqual([
      { resource: "https://graph.microsoft.com", scopes: GRAPH_SCOPES, tenantId: SEED.tenantId },
      { resource: "https://management.azure.com", scopes: ARM_SCOPES, tenantId: SEED.tenantId },
    ]);
  });

  it("read the signed-in user through Graph", async () => {
    const world = createWorld({ user: "developer" });
    expect(await world.clients.graph.me()).toEqual(
      expect.objectContaining({ id: SEED.users.developer, userPrincipalName: "dev@contoso.onmicrosoft.com", userType: "Member" }),
    );
  });

  it("sign in again with the claims when ARM demands MFA for a write, and repeat it once", async () => {
    const world = createWorld({ user: "developer" });
    world.model.state.tenants.find((t) => t.id === SEED.tenantId)!.requireMfaForArmWrites = true;
    world.model.state.users.find((u) => u.id === SEED.users.developer)!.mfa = false;
    // The developer is User Access Administrator on the development subscription.
    const form = formFor("Subscription", {
      scope: { level: "Subscription", subscriptionId: subscriptionIdAt(1), subscriptionName: "Contoso Development" },
    });

    const snapshot = await world.provisioningRun(form).start();

    expect(snapshot.status).toBe("succeeded");
    expect(world.requests.filter((r) => r.method === "PUT").map((r) => r.status)).toEqual([401, 201]);
    // One interactive sign-in for the claims, for ARM only.
    expect(world.signIn.requests.filter((r) => r.claims).map((r) => r.resource)).toEqual(["https://management.azure.com"]);
  });
});
