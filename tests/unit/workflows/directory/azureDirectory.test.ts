// @vitest-environment jsdom
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import { createWorld } from "../../../support/inProcessAzure";

/** What the form's pickers list, each read at most once: tenants, subscriptions, groups, workspaces, roles, co-owners. */
const gets = (world: ReturnType<typeof createWorld>, part: string) =>
  world.requests.filter((r) => r.method === "GET" && r.url.includes(part));

describe("the form's pickers", () => {
  it("list the tenant's enabled subscriptions by name, hiding disabled and delegated ones, and read them once", async () => {
    const world = createWorld();
    const subscriptions = await world.directory.subscriptions();
    expect(subscriptions.map((s) => s.displayName)).toEqual(["Contoso Development", "Contoso Production", "Contoso Subscription 00002"]);
    await world.directory.subscriptions();
    expect(gets(world, "/subscriptions?")).toHaveLength(1);
  });

  it("list management groups, resource groups and the workspace of a resource group", async () => {
    const world = createWorld();
    expect((await world.directory.managementGroups()).map((g) => g.name)).toEqual(
      expect.arrayContaining([SEED.managementGroup, "contoso-sandbox"]),
    );
    expect((await world.directory.resourceGroups(subscriptionIdAt(0))).map((g) => g.name)).toEqual(["rg-ml", "rg-web"]);
    expect(await world.directory.workspaces(subscriptionIdAt(0), "rg-ml")).toEqual([
      expect.objectContaining({ name: "mlw-forecasting", location: "westeurope", resourceGroup: "rg-ml" }),
    ]);
  });

  it("list the roles assignable at a scope, built-in first, with how risky each is", async () => {
    const world = createWorld();
    const roles = await world.directory.roles(`/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}`);
    expect(roles.find((r) => r.roleName === "Reader")).toMatchObject({
      id: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
      builtIn: true,
      risk: "read",
    });
    expect(roles.find((r) => r.roleName === "Owner")?.risk).toBe("grantAccess");
    expect(roles.at(-1)).toMatchObject({ roleName: "Deployment Reader", builtIn: false });
  });

  it("finds a co-owner by user principal name or object id, and nobody for an unknown name", async () => {
    const world = createWorld();
    expect(await world.directory.findUser("member@contoso.onmicrosoft.com")).toMatchObject({
      id: SEED.users.member,
      displayName: "Mo Member",
    });
    expect(await world.directory.findUser(SEED.users.developer)).toMatchObject({ userPrincipalName: "dev@contoso.onmicrosoft.com" });
    expect(await world.directory.findUser("nobody@contoso.onmicrosoft.com")).toBeUndefined();
  });

  it("asks again after a failure instead of remembering it", async () => {
    const world = createWorld();
    world.fail({ service: "arm", method: "GET", path: "^/providers/Microsoft.Management/managementGroups$", status: 403, count: 1 });
    await expect(world.directory.managementGroups()).rejects.toMatchObject({ status: 403 });
    expect((await world.directory.managementGroups()).length).toBeGreaterThan(0);
  });
});
