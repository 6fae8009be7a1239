import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import {
  addServicePrincipal,
  addUser,
  body,
  call,
  grant,
  NOW,
  newBox,
  roleAssignmentPath,
  roleDefinitionId,
  tokenFor,
} from "./support/armKit";

const SUB = subscriptionIdAt(0);
const SUB_SCOPE = `/subscriptions/${SUB}`;
const PLATFORM = "/providers/Microsoft.Management/managementGroups/contoso-platform";
const WORKSPACE = `${SUB_SCOPE}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`;
const NAME = guidFrom("assignment:1");

function readerFor(principalId: string, extra: Record<string, unknown> = {}): { properties: Record<string, unknown> } {
  return {
    properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader, SUB), principalId, principalType: "ServicePrincipal", ...extra },
  };
}

describe("PUT role assignment: who may assign", () => {
  it("lets an Owner assign Reader to a service principal at a subscription (201, the spec's shape)", async () => {
    const box = newBox({
      knobs: {
        consistency: {
          applicationToServicePrincipalCalls: 0,
          principalToRoleAssignmentCalls: 0,
          secretToTestConnectionCalls: 0,
          roleAssignmentToTestConnectionCalls: 3,
        },
      },
    });
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(sp),
    });
    expect(res.status).toBe(201);
    expect(body(res)).toEqual({
      properties: {
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}`,
        principalId: sp,
        principalType: "ServicePrincipal",
        scope: SUB_SCOPE,
        condition: null,
        conditionVersion: null,
        createdOn: NOW.toISOString(),
        updatedOn: NOW.toISOString(),
        createdBy: SEED.users.admin,
        updatedBy: SEED.users.admin,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
      id: `${SUB_SCOPE}/providers/Microsoft.Authorization/roleAssignments/${NAME}`,
      type: "Microsoft.Authorization/roleAssignments",
      name: NAME,
    });
    const stored = box.state.roleAssignments.find((ra) => ra.name === NAME)!;
    expect(stored).toMatchObject({
      scope: SUB_SCOPE,
      roleDefinitionName: ROLE_IDS.reader,
      principalId: sp,
      principalType: "ServicePrincipal",
      pendingTestConnectionCalls: 3,
    });
  });

  it("refuses a Contributor with 403 AuthorizationFailed in Azure's words", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.developer),
      body: readerFor(sp),
    });
    expect(res.status).toBe(403);
    expect(body(res).error).toEqual({
      code: "AuthorizationFailed",
      message:
        `The client 'dev@contoso.onmicrosoft.com' with object id '${SEED.users.developer}' does not have authorization to perform action ` +
        `'Microsoft.Authorization/roleAssignments/write' over scope '${SUB_SCOPE}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    });
    expect(box.state.roleAssignments.some((ra) => ra.name === NAME)).toBe(false);
  });

  it("names an application caller by its app id", async () => {
    const box = newBox();
    const caller = addServicePrincipal(box, "automation");
    const target = addServicePrincipal(box, "deployer");
    const appId = box.state.servicePrincipals.find((s) => s.id === caller)!.appId;
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, caller, { appId }),
      body: readerFor(target),
    });
    expect(body(res).error.message).toContain(`The client '${appId}' with object id '${caller}'`);
  });

  it.each([
    ["User Access Administrator", ROLE_IDS.userAccessAdministrator],
    ["Role Based Access Control Administrator", ROLE_IDS.rbacAdministrator],
    ["Owner", ROLE_IDS.owner],
  ])("lets a %s assign roles", async (_label, role) => {
    const box = newBox();
    const user = addUser(box, "granter");
    grant(box, user, role, SUB_SCOPE);
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token: tokenFor(box, user), body: readerFor(sp) });
    expect(res.status).toBe(201);
  });

  it("lets a custom role that grants roleAssignments/write assign roles", async () => {
    const box = newBox();
    const custom = guidFrom("role:assigner");
    box.state.roleDefinitions.push({
      name: custom,
      roleName: "Assigner",
      type: "CustomRole",
      description: "",
      actions: ["Microsoft.Authorization/roleAssignments/write"],
      notActions: [],
      dataActions: [],
      notDataActions: [],
      assignableScopes: [SUB_SCOPE],
    });
    const user = addUser(box, "granter");
    grant(box, user, custom, SUB_SCOPE);
    const sp = addServicePrincipal(box, "deployer");
    expect((await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token: tokenFor(box, user), body: readerFor(sp) })).status).toBe(
      201,
    );
  });

  it("inherits the right to assign from a role higher up, at a management group, a resource group and a workspace", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.admin);
    const sp = addServicePrincipal(box, "deployer");
    const reader = {
      properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: sp, principalType: "ServicePrincipal" },
    };
    const scopes = [PLATFORM, `${SUB_SCOPE}/resourceGroups/rg-ml`, WORKSPACE];
    for (const [i, scope] of scopes.entries()) {
      const res = await call(box, "PUT", roleAssignmentPath(scope, guidFrom(`inherit:${i}`)), { token, body: reader });
      expect(res.status).toBe(201);
      expect(body(res).properties.scope).toBe(scope);
    }
  });

  it("does not let a User Access Administrator of one subscription assign in another", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const ok = await call(box, "PUT", roleAssignmentPath(`/subscriptions/${subscriptionIdAt(1)}`, NAME), {
      token: tokenFor(box, SEED.users.developer),
      body: readerFor(sp),
    });
    expect(ok.status).toBe(201);
    const refused = await call(box, "PUT", roleAssignmentPath(`/subscriptions/${subscriptionIdAt(2)}`, guidFrom("other")), {
      token: tokenFor(box, SEED.users.developer),
      body: readerFor(sp),
    });
    expect(refused.status).toBe(403);
  });

  it("refuses writes on a disabled subscription with 409 ReadOnlyDisabledSubscription", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const disabled = guidFrom("subscription:disabled");
    const res = await call(box, "PUT", roleAssignmentPath(`/subscriptions/${disabled}`, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(sp),
    });
    expect(res.status).toBe(409);
    expect(body(res).error.code).toBe("ReadOnlyDisabledSubscription");
  });

  it("answers 404 for a resource group or workspace that does not exist, once the caller may write above it", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    const rg = await call(box, "PUT", roleAssignmentPath(`${SUB_SCOPE}/resourceGroups/rg-none`, NAME), { token, body: readerFor(sp) });
    expect(body(rg).error.code).toBe("ResourceGroupNotFound");
    const ws = await call(
      box,
      "PUT",
      roleAssignmentPath(`${SUB_SCOPE}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/nope`, NAME),
      { token, body: readerFor(sp) },
    );
    expect(body(ws).error.code).toBe("ResourceNotFound");
  });
});

describe("PUT role assignment: the principal", () => {
  it("answers 400 PrincipalNotFound for an id that is not in the directory", async () => {
    const box = newBox();
    const ghost = guidFrom("ghost");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(ghost),
    });
    expect(res.status).toBe(400);
    expect(body(res).error.code).toBe("PrincipalNotFound");
    expect(body(res).error.message).toMatch(
      new RegExp(
        `^Principal ${ghost.replace(/-/g, "")} does not exist in the directory ${SEED.tenantId}\\. Check that you have the correct principal ID\\. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay\\.`,
      ),
    );
  });

  it("does not find a service principal of another tenant", async () => {
    const box = newBox();
    const foreign = addServicePrincipal(box, "foreign", 0, SEED.otherTenantId);
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(foreign),
    });
    expect(body(res).error.code).toBe("PrincipalNotFound");
  });

  it("answers PrincipalNotFound while a new service principal replicates, one write at a time, then succeeds", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "fresh", 2);
    const token = tokenFor(box, SEED.users.admin);
    const put = () => call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    expect(body(await put()).error.code).toBe("PrincipalNotFound");
    expect(box.state.servicePrincipals.find((s) => s.id === sp)!.pendingRoleAssignmentCalls).toBe(1);
    expect(body(await put()).error.code).toBe("PrincipalNotFound");
    expect((await put()).status).toBe(201);
  });

  it("assigns to a user and records principalType User", async () => {
    const box = newBox();
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: SEED.users.guest } },
    });
    expect(res.status).toBe(201);
    expect(body(res).properties.principalType).toBe("User");
  });

  it("refuses a principalType that contradicts the directory", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(sp, { principalType: "User" }),
    });
    expect(res.status).toBe(400);
    expect(body(res).error.code).toBe("UnmatchedPrincipalType");
  });
});

describe("PUT role assignment: the role", () => {
  it("answers 400 RoleDefinitionDoesNotExist for an unknown role", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const unknown = guidFrom("role:unknown");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: { properties: { roleDefinitionId: roleDefinitionId(unknown), principalId: sp } },
    });
    expect(res.status).toBe(400);
    expect(body(res).error).toEqual({
      code: "RoleDefinitionDoesNotExist",
      message: `The specified role definition with ID '${unknown}' does not exist.`,
    });
  });

  it("assigns a custom role inside its assignable scopes and refuses it outside them", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    const custom = { properties: { roleDefinitionId: roleDefinitionId(SEED.customRoleId), principalId: sp } };
    expect((await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: custom })).status).toBe(201);
    const outside = await call(
      box,
      "PUT",
      roleAssignmentPath("/providers/Microsoft.Management/managementGroups/contoso-sandbox", guidFrom("x")),
      { token, body: custom },
    );
    expect(outside.status).toBe(400);
    expect(body(outside).error.code).toBe("RoleDefinitionDoesNotExist");
  });

  it("answers roleDefinitionId bare above subscriptions", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(PLATFORM, NAME), { token: tokenFor(box, SEED.users.admin), body: readerFor(sp) });
    expect(body(res).properties.roleDefinitionId).toBe(`/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}`);
  });
});

describe("PUT role assignment: repeats and conflicts", () => {
  it("answers a replay of the same PUT with 200 and the same assignment, creating nothing new", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    const first = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    const count = box.state.roleAssignments.length;
    const again = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME.toUpperCase()), { token, body: readerFor(sp) });
    expect(again.status).toBe(200);
    expect(body(again)).toEqual(body(first));
    expect(box.state.roleAssignments).toHaveLength(count);
  });

  it("answers the replay with 409 RoleAssignmentExists when the knob says Azure does", async () => {
    const box = newBox({ knobs: { repeatedRoleAssignmentPutConflicts: true } });
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    const again = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    expect(again.status).toBe(409);
    expect(body(again).error.code).toBe("RoleAssignmentExists");
  });

  it("updates the description on a replay that changes it", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp, { description: "first" }) });
    box.clock.advance(60_000);
    const again = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp, { description: "second" }) });
    expect(again.status).toBe(200);
    expect(body(again).properties).toMatchObject({
      description: "second",
      createdOn: NOW.toISOString(),
      updatedOn: new Date(NOW.getTime() + 60_000).toISOString(),
    });
  });

  it("answers 409 RoleAssignmentExists for the same principal, role and scope under another name", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, guidFrom("assignment:2")), { token, body: readerFor(sp) });
    expect(res.status).toBe(409);
    expect(body(res).error).toEqual({
      code: "RoleAssignmentExists",
      message: `The role assignment already exists. The ID of the existing role assignment is ${NAME.replace(/-/g, "")}.`,
    });
  });

  it("allows the same principal and role at another scope, and another role at the same scope", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    expect(
      (await call(box, "PUT", roleAssignmentPath(`${SUB_SCOPE}/resourceGroups/rg-ml`, guidFrom("a2")), { token, body: readerFor(sp) }))
        .status,
    ).toBe(201);
    const contributor = { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.contributor), principalId: sp } };
    expect((await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, guidFrom("a3")), { token, body: contributor })).status).toBe(201);
  });

  it("answers 400 RoleAssignmentUpdateNotPermitted when a name is reused for another role or scope", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const token = tokenFor(box, SEED.users.admin);
    await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), { token, body: readerFor(sp) });
    const otherRole = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token,
      body: { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.contributor), principalId: sp } },
    });
    expect(body(otherRole).error).toEqual({
      code: "RoleAssignmentUpdateNotPermitted",
      message: "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.",
    });
    const otherScope = await call(box, "PUT", roleAssignmentPath(`${SUB_SCOPE}/resourceGroups/rg-ml`, NAME), {
      token,
      body: readerFor(sp),
    });
    expect(otherScope.status).toBe(400);
    expect(body(otherScope).error.code).toBe("RoleAssignmentUpdateNotPermitted");
  });
});

describe("PUT role assignment: the request", () => {
  const put = async (bodyValue: unknown, name = NAME): Promise<{ status: number; code: string }> => {
    const box = newBox();
    addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, name), { token: tokenFor(box, SEED.users.admin), body: bodyValue });
    return { status: res.status, code: body(res)?.error?.code };
  };
  const sp = guidFrom("sp:deployer");

  it.each([
    ["no properties", {}, "InvalidRequestContent"],
    ["no roleDefinitionId", { properties: { principalId: sp } }, "InvalidRequestContent"],
    ["no principalId", { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader) } }, "InvalidRequestContent"],
    [
      "a principalId that is not a GUID",
      { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: "deployer" } },
      "InvalidPrincipalId",
    ],
    [
      "a roleDefinitionId that is not a role definition id",
      { properties: { roleDefinitionId: "Reader", principalId: sp } },
      "InvalidRoleDefinitionId",
    ],
    [
      "an unknown principalType",
      { properties: { roleDefinitionId: roleDefinitionId(ROLE_IDS.reader), principalId: sp, principalType: "Robot" } },
      "InvalidRequestContent",
    ],
  ])("answers 400 %s", async (_label, bodyValue, code) => {
    expect(await put(bodyValue)).toEqual({ status: 400, code });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const box = newBox();
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      bodyText: "{not json",
    });
    expect(res.status).toBe(400);
  });

  it("answers 400 for an assignment name that is not a GUID", async () => {
    expect(await put(readerFor(sp), "my-assignment")).toEqual({ status: 400, code: "InvalidRoleAssignmentId" });
  });

  it("stores a condition with version 2.0 when none is given", async () => {
    const box = newBox();
    const id = addServicePrincipal(box, "deployer");
    const res = await call(box, "PUT", roleAssignmentPath(SUB_SCOPE, NAME), {
      token: tokenFor(box, SEED.users.admin),
      body: readerFor(id, { condition: "@Resource[x] StringEquals 'y'" }),
    });
    expect(body(res).properties).toMatchObject({ condition: "@Resource[x] StringEquals 'y'", conditionVersion: "2.0" });
  });
});
