import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import { addUser, body, call, grant, newBox, tokenFor, V, type Json } from "./support/armKit";

/**
 * "May the signed-in user assign roles here?" through routes the 2022-04-01 authorization spec documents.
 * `GET {scope}/providers/Microsoft.Authorization/permissions` is documented only for a resource group
 * (Permissions_ListForResourceGroup) and a resource (Permissions_ListForResource); the emulator also serves it at a
 * subscription, management group and the root, which no spec documents ([undocumented] in ROUTES.md).
 *
 * Documented way at any scope (RoleAssignments_ListForScope + RoleDefinitions_List):
 *   1. GET {scope}/providers/Microsoft.Authorization/roleAssignments?$filter=atScope() and assignedTo('{oid}')
 *      → the caller's assignments at or above the scope (groups included); 403 = no roles there.
 *   2. GET {scope}/providers/Microsoft.Authorization/roleDefinitions → match properties.roleDefinitionId by name (GUID).
 *   3. Allowed when some role's actions match Microsoft.Authorization/roleAssignments/write (wildcards, case-insensitive)
 *      and none of that role's notActions do.
 */
const SUB = `/subscriptions/${subscriptionIdAt(0)}`;
const PLATFORM = "/providers/Microsoft.Management/managementGroups/contoso-platform";
const WRITE = "Microsoft.Authorization/roleAssignments/write";

function matches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
      .join(".*")}$`,
    "i",
  );
  return regex.test(action);
}

async function mayAssignRoles(box: AzureInABox, oid: string, scope: string): Promise<boolean> {
  const token = tokenFor(box, oid);
  const filter = encodeURIComponent(`atScope() and assignedTo('${oid}')`);
  const assignments = await call(
    box,
    "GET",
    `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=${V.authorization}&$filter=${filter}`,
    { token },
  );
  if (assignments.status === 403) return false;
  expect(assignments.status).toBe(200);
  const roleIds = new Set(
    (body(assignments).value as Json[]).map((a) => String(a.properties.roleDefinitionId).split("/").pop()!.toLowerCase()),
  );
  const definitions = await call(box, "GET", `${scope}/providers/Microsoft.Authorization/roleDefinitions?api-version=${V.authorization}`, {
    token,
  });
  expect(definitions.status).toBe(200);
  return (body(definitions).value as Json[])
    .filter((d) => roleIds.has(String(d.name).toLowerCase()))
    .some((d) =>
      (d.properties.permissions as Json[]).some(
        (p) => (p.actions as string[]).some((a) => matches(a, WRITE)) && !(p.notActions as string[]).some((n) => matches(n, WRITE)),
      ),
    );
}

describe("deciding whether the caller may assign roles, through documented routes only", () => {
  it("yes for Owner, User Access Administrator and RBAC Administrator at or above the scope", async () => {
    const box = newBox();
    for (const [label, role, scope] of [
      ["owner", ROLE_IDS.owner, SUB],
      ["uaa", ROLE_IDS.userAccessAdministrator, PLATFORM],
      ["rbac", ROLE_IDS.rbacAdministrator, SUB],
    ] as const) {
      const oid = addUser(box, label);
      grant(box, oid, role, scope);
      expect(await mayAssignRoles(box, oid, SUB)).toBe(true);
    }
  });

  it("no for Contributor (its notActions exclude Microsoft.Authorization/*/Write) and for Reader", async () => {
    const box = newBox();
    const contributor = addUser(box, "contributor");
    grant(box, contributor, ROLE_IDS.contributor, SUB);
    expect(await mayAssignRoles(box, contributor, SUB)).toBe(false);
    const reader = addUser(box, "reader");
    grant(box, reader, ROLE_IDS.reader, PLATFORM);
    expect(await mayAssignRoles(box, reader, SUB)).toBe(false);
  });

  it("no when the only Owner role is below the scope, or when the caller has no role at all (403 on the list)", async () => {
    const box = newBox();
    const rgOwner = addUser(box, "rg-owner");
    grant(box, rgOwner, ROLE_IDS.owner, `${SUB}/resourceGroups/rg-ml`);
    expect(await mayAssignRoles(box, rgOwner, SUB)).toBe(false);
    expect(await mayAssignRoles(box, rgOwner, `${SUB}/resourceGroups/rg-ml`)).toBe(true);
    const nobody = addUser(box, "nobody");
    expect(await mayAssignRoles(box, nobody, SUB)).toBe(false);
  });

  it("atScope() and assignedTo() leaves out other principals' assignments and ones below the scope", async () => {
    const box = newBox();
    const me = addUser(box, "me");
    grant(box, me, ROLE_IDS.reader, PLATFORM);
    grant(box, me, ROLE_IDS.owner, `${SUB}/resourceGroups/rg-ml`);
    const filter = encodeURIComponent(`atScope() and assignedTo('${me}')`);
    const res = await call(
      box,
      "GET",
      `${SUB}/providers/Microsoft.Authorization/roleAssignments?api-version=${V.authorization}&$filter=${filter}`,
      { token: tokenFor(box, me) },
    );
    expect(res.status).toBe(200);
    expect((body(res).value as Json[]).map((a) => [a.properties.scope, String(a.properties.principalId)])).toEqual([[PLATFORM, me]]);
    expect((body(res).value as Json[]).every((a) => a.properties.principalId !== SEED.users.admin)).toBe(true);
  });

  it("the documented resource-group permissions route answers the same question at a resource group", async () => {
    const box = newBox();
    const owner = addUser(box, "owner");
    grant(box, owner, ROLE_IDS.owner, SUB);
    const res = await call(
      box,
      "GET",
      `${SUB}/resourcegroups/rg-ml/providers/Microsoft.Authorization/permissions?api-version=${V.authorization}`,
      { token: tokenFor(box, owner) },
    );
    expect(res.status).toBe(200);
    expect(body(res).value).toEqual([{ actions: ["*"], notActions: [], dataActions: [], notDataActions: [] }]);
  });
});
