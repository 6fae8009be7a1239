import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import { addUser, body, call, grant, newBox, tokenFor, V } from "./support/armKit";

const SUB = subscriptionIdAt(0);
const PLATFORM = "/providers/Microsoft.Management/managementGroups/contoso-platform";
const SANDBOX = "/providers/Microsoft.Management/managementGroups/contoso-sandbox";
const definitions = (scope: string, filter?: string): string =>
  `${scope}/providers/Microsoft.Authorization/roleDefinitions?api-version=${V.authorization}${filter ? `&$filter=${encodeURIComponent(filter)}` : ""}`;
const permissions = (scope: string): string => `${scope}/providers/Microsoft.Authorization/permissions?api-version=${V.authorization}`;

describe("role definitions", () => {
  it("finds Reader by roleName at a subscription, with the id below that scope", async () => {
    const box = newBox();
    const res = await call(box, "GET", definitions(`/subscriptions/${SUB}`, "roleName eq 'Reader'"), {
      token: tokenFor(box, SEED.users.member),
    });
    expect(res.status).toBe(200);
    expect(body(res).value).toEqual([
      {
        properties: {
          roleName: "Reader",
          type: "BuiltInRole",
          description: "View all resources, but does not allow you to make any changes.",
          assignableScopes: ["/"],
          permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
          createdOn: "2015-02-02T21:55:09.8806423Z",
          updatedOn: "2015-02-02T21:55:09.8806423Z",
          createdBy: null,
          updatedBy: null,
        },
        id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}`,
        type: "Microsoft.Authorization/roleDefinitions",
        name: ROLE_IDS.reader,
      },
    ]);
  });

  it("matches roleName case-insensitively and filters by type", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.admin);
    expect(body(await call(box, "GET", definitions(PLATFORM, "roleName eq 'reader'"), { token })).value).toHaveLength(1);
    const custom = body(await call(box, "GET", definitions(PLATFORM, "type eq 'CustomRole'"), { token })).value;
    expect(custom.map((r: { name: string }) => r.name)).toEqual([SEED.customRoleId]);
  });

  it("offers a custom role only within its assignable scopes", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.admin);
    const names = async (scope: string): Promise<string[]> =>
      body(await call(box, "GET", definitions(scope), { token })).value.map((r: { name: string }) => r.name);
    expect(await names(`/subscriptions/${SUB}`)).toContain(SEED.customRoleId);
    expect(await names(SANDBOX)).not.toContain(SEED.customRoleId);
    const missing = await call(
      box,
      "GET",
      `${SANDBOX}/providers/Microsoft.Authorization/roleDefinitions/${SEED.customRoleId}?api-version=${V.authorization}`,
      { token },
    );
    expect(missing.status).toBe(404);
    expect(body(missing).error.code).toBe("RoleDefinitionDoesNotExist");
  });

  it("reads one definition by GUID at a scope and at the tenant root", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    const atSub = await call(
      box,
      "GET",
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.owner}?api-version=${V.authorization}`,
      { token },
    );
    expect(body(atSub).properties.roleName).toBe("Owner");
    const atRoot = await call(
      box,
      "GET",
      `/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.owner}?api-version=${V.authorization}`,
      { token },
    );
    expect(body(atRoot).id).toBe(`/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.owner}`);
  });

  it("answers 403 to a caller who cannot read at the scope, and 400 for a filter it does not support", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    expect((await call(box, "GET", definitions(`/subscriptions/${subscriptionIdAt(1)}`), { token })).status).toBe(403);
    const bad = await call(box, "GET", definitions(`/subscriptions/${SUB}`, "description eq 'x'"), { token });
    expect(bad.status).toBe(400);
  });
});

describe("GET {scope}/providers/Microsoft.Authorization/permissions", () => {
  it("answers Contributor's actions and notActions at the developer's subscription", async () => {
    const box = newBox();
    const res = await call(box, "GET", permissions(`/subscriptions/${SUB}`), { token: tokenFor(box, SEED.users.developer) });
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({
      value: [
        {
          actions: ["*"],
          notActions: [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
          ],
          dataActions: [],
          notDataActions: [],
        },
      ],
    });
  });

  it("includes roles inherited from management groups, nearest first, at a resource group and at a resource", async () => {
    const box = newBox();
    const user = addUser(box, "layered");
    grant(box, user, ROLE_IDS.reader, PLATFORM);
    grant(box, user, ROLE_IDS.rbacAdministrator, `/subscriptions/${SUB}/resourceGroups/rg-ml`);
    const token = tokenFor(box, user);
    const atGroup = body(await call(box, "GET", permissions(`/subscriptions/${SUB}/resourcegroups/rg-ml`), { token })).value;
    expect(atGroup.map((p: { actions: string[] }) => p.actions)).toEqual([
      ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read"],
      ["*/read"],
    ]);
    const atWorkspace = await call(
      box,
      "GET",
      permissions(`/subscriptions/${SUB}/resourcegroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`),
      { token },
    );
    expect(body(atWorkspace).value).toHaveLength(2);
    const atOtherGroup = body(await call(box, "GET", permissions(`/subscriptions/${SUB}/resourcegroups/rg-web`), { token })).value;
    expect(atOtherGroup).toHaveLength(1);
  });

  it("answers at a management group scope", async () => {
    const box = newBox();
    const res = await call(box, "GET", permissions(PLATFORM), { token: tokenFor(box, SEED.users.admin) });
    expect(body(res).value).toEqual([{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }]);
  });

  it("answers an empty list to a caller without any role there", async () => {
    const box = newBox();
    const res = await call(box, "GET", permissions(`/subscriptions/${subscriptionIdAt(1)}`), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(200);
    expect(body(res).value).toEqual([]);
  });

  it("answers 404 for a resource that does not exist to a caller with roles above it", async () => {
    const box = newBox();
    const res = await call(
      box,
      "GET",
      permissions(`/subscriptions/${SUB}/resourcegroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/nope`),
      { token: tokenFor(box, SEED.users.member) },
    );
    expect(res.status).toBe(404);
  });
});
