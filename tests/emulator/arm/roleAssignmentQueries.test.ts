import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import { addServicePrincipal, addUser, body, call, grant, newBox, readAllPages, roleAssignmentPath, tokenFor, V } from "./support/armKit";

const SUB = subscriptionIdAt(0);
const SUB_SCOPE = `/subscriptions/${SUB}`;
const RG_SCOPE = `${SUB_SCOPE}/resourceGroups/rg-ml`;
const PLATFORM = "/providers/Microsoft.Management/managementGroups/contoso-platform";
const ROOT_GROUP = `/providers/Microsoft.Management/managementGroups/${SEED.tenantId}`;
const list = (scope: string, filter?: string): string =>
  `${scope}/providers/Microsoft.Authorization/roleAssignments?api-version=${V.authorization}${filter ? `&$filter=${encodeURIComponent(filter)}` : ""}`;

/** A principal with Reader at a management group, the subscription and a resource group inside it. */
function layeredPrincipal() {
  const box = newBox();
  const sp = addServicePrincipal(box, "layered");
  const atGroup = grant(box, sp, ROLE_IDS.reader, PLATFORM);
  const atSub = grant(box, sp, ROLE_IDS.reader, SUB_SCOPE);
  const atRg = grant(box, sp, ROLE_IDS.reader, RG_SCOPE);
  return { box, sp, atGroup, atSub, atRg, token: tokenFor(box, SEED.users.admin) };
}

const names = (items: Array<{ name: string }>): string[] => items.map((i) => i.name).sort();

describe("GET one role assignment", () => {
  it("answers the assignment at its scope", async () => {
    const { box, atSub, token } = layeredPrincipal();
    const res = await call(box, "GET", roleAssignmentPath(SUB_SCOPE, atSub.name), { token });
    expect(res.status).toBe(200);
    expect(body(res).properties.scope).toBe(SUB_SCOPE);
  });

  it("answers 404 RoleAssignmentNotFound for a name that is not at that scope", async () => {
    const { box, atSub, token } = layeredPrincipal();
    const res = await call(box, "GET", roleAssignmentPath(RG_SCOPE, atSub.name), { token });
    expect(res.status).toBe(404);
    expect(body(res).error).toEqual({ code: "RoleAssignmentNotFound", message: `The role assignment '${atSub.name}' is not found.` });
  });

  it("needs roleAssignments/read at the scope", async () => {
    const { box, atSub } = layeredPrincipal();
    const res = await call(box, "GET", roleAssignmentPath(`/subscriptions/${subscriptionIdAt(1)}`, atSub.name), {
      token: tokenFor(box, SEED.users.member),
    });
    expect(res.status).toBe(403);
  });
});

describe("GET role assignments at a scope", () => {
  it("filters by principalId to the assignments at, above and below the scope", async () => {
    const { box, sp, atGroup, atSub, atRg, token } = layeredPrincipal();
    const { items } = await readAllPages(box, list(SUB_SCOPE, `principalId eq '${sp}'`), token);
    expect(names(items)).toEqual(names([atGroup, atSub, atRg]));
  });

  it("with atScope() keeps only those at and above the scope", async () => {
    const { box, sp, atGroup, atSub, token } = layeredPrincipal();
    const { items } = await readAllPages(box, list(SUB_SCOPE, `atScope() and principalId eq '${sp}'`), token);
    expect(names(items)).toEqual(names([atGroup, atSub]));
  });

  it("without a principal filter includes every principal's assignments, e.g. the administrator's Owner at the root group", async () => {
    const { box, token } = layeredPrincipal();
    const { items } = await readAllPages(box, list(SUB_SCOPE, "atScope()"), token);
    expect(
      items.some(
        (ra: { properties: { scope: string; principalId: string } }) =>
          ra.properties.scope === ROOT_GROUP && ra.properties.principalId === SEED.users.admin,
      ),
    ).toBe(true);
    expect(items.some((ra: { properties: { scope: string } }) => ra.properties.scope === RG_SCOPE)).toBe(false);
  });

  it("treats assignedTo('…') like principalId (the directory has no groups)", async () => {
    const { box, sp, token } = layeredPrincipal();
    const { items } = await readAllPages(box, list(RG_SCOPE, `assignedTo('${sp}')`), token);
    expect(items).toHaveLength(3);
  });

  it("lists below a management group the assignments in its subscriptions", async () => {
    const { box, sp, token } = layeredPrincipal();
    const { items } = await readAllPages(box, list(PLATFORM, `principalId eq '${sp}'`), token);
    expect(items).toHaveLength(3);
  });

  it("answers 400 for a filter it does not support and 403 without roleAssignments/read", async () => {
    const { box, token } = layeredPrincipal();
    expect((await call(box, "GET", list(SUB_SCOPE, "roleName eq 'Reader'"), { token })).status).toBe(400);
    expect(
      (await call(box, "GET", list(`/subscriptions/${subscriptionIdAt(1)}`), { token: tokenFor(box, SEED.users.member) })).status,
    ).toBe(403);
  });
});

describe("DELETE role assignment", () => {
  it("answers 200 with the deleted assignment, then 204 once it is gone", async () => {
    const { box, atSub, token } = layeredPrincipal();
    const first = await call(box, "DELETE", roleAssignmentPath(SUB_SCOPE, atSub.name), { token });
    expect(first.status).toBe(200);
    expect(body(first).name).toBe(atSub.name);
    expect(box.state.roleAssignments.some((ra) => ra.name === atSub.name)).toBe(false);
    const again = await call(box, "DELETE", roleAssignmentPath(SUB_SCOPE, atSub.name), { token });
    expect(again.status).toBe(204);
    expect(again.body).toBeUndefined();
  });

  it("needs roleAssignments/delete: a Reader gets 403 and the assignment stays", async () => {
    const { box, atSub } = layeredPrincipal();
    const res = await call(box, "DELETE", roleAssignmentPath(SUB_SCOPE, atSub.name), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(403);
    expect(body(res).error.message).toContain("'Microsoft.Authorization/roleAssignments/delete'");
    expect(box.state.roleAssignments.some((ra) => ra.name === atSub.name)).toBe(true);
  });

  it("lets a Role Based Access Control Administrator delete", async () => {
    const { box, atRg } = layeredPrincipal();
    const user = addUser(box, "rbac-admin");
    grant(box, user, ROLE_IDS.rbacAdministrator, RG_SCOPE);
    expect((await call(box, "DELETE", roleAssignmentPath(RG_SCOPE, atRg.name), { token: tokenFor(box, user) })).status).toBe(200);
  });

  it("deletes only at the scope named: the same name elsewhere is absent (204)", async () => {
    const { box, atSub, token } = layeredPrincipal();
    expect((await call(box, "DELETE", roleAssignmentPath(RG_SCOPE, atSub.name), { token })).status).toBe(204);
    expect(box.state.roleAssignments.some((ra) => ra.name === atSub.name)).toBe(true);
  });

  it("answers 400 for a name that is not a GUID", async () => {
    const { box, token } = layeredPrincipal();
    expect((await call(box, "DELETE", roleAssignmentPath(SUB_SCOPE, "nope"), { token })).status).toBe(400);
  });
});
