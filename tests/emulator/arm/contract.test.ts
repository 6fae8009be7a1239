import path from "node:path";
import { SEED } from "../../../emulator/model/seed";
import { CASES } from "./contract/cases";
import { shapeMismatches } from "./contract/shape";
import { findAzureExamples, readSpecJson, type SpecExample } from "./contract/specs";
import { requiredPaths, resolve, validate, type SwaggerDoc } from "./contract/swagger";
import { addServicePrincipal, body, call, newBox, roleAssignmentPath, roleDefinitionId, tokenFor, V } from "./support/armKit";

/**
 * Contract: every vendored Azure example the emulated ARM covers is replayed against the model, which must answer
 * the same status with every property of the example's body, of the same JSON type.
 */
const EXAMPLES = findAzureExamples();
const AUTHZ = "authorization/resource-manager/Microsoft.Authorization/Authorization/stable/2022-04-01";

describe("contract: vendored Azure examples", () => {
  it("finds the vendored examples", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(16);
  });

  it.each(EXAMPLES)("replays %s", async (file) => {
    const replayCase = CASES[path.basename(file)];
    if (!replayCase)
      throw new Error(`No replay for ${file}: add a case in contract/cases.ts (every vendored ARM example must be covered).`);
    const example = readSpecJson<SpecExample>(file);
    const box = newBox();
    const arranged = replayCase(box, example);
    const token = tokenFor(box, arranged.callerId ?? SEED.users.admin);
    for (const replay of arranged.replays) {
      const res = await call(box, replay.method, replay.path, { token, ...(replay.body !== undefined ? { body: replay.body } : {}) });
      const expected = example.responses[replay.expect];
      expect(expected, `the example has a ${replay.expect} response`).toBeDefined();
      expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toEqual({
        status: Number(replay.expect),
        body: undefined,
      });
      expect(shapeMismatches(expected!.body ?? {}, res.body ?? {})).toEqual([]);
    }
  });
});

describe("contract: swagger schemas", () => {
  const roleAssignments = readSpecJson<SwaggerDoc>(`${AUTHZ}/authorization-RoleAssignmentsCalls.json`);
  const createParameters = roleAssignments.parameters?.["RoleAssignmentCreateParameters"]?.schema;
  const createExamples = EXAMPLES.filter((f) => /RoleAssignments_Create\w*\.json$/.test(f));

  it("reads the required properties of RoleAssignmentCreateParameters from the spec", () => {
    expect(resolve(roleAssignments, createParameters)).toBeDefined();
    expect(requiredPaths(roleAssignments, createParameters)).toEqual([
      "properties",
      "properties.roleDefinitionId",
      "properties.principalId",
    ]);
  });

  it.each(createExamples)("finds the request body of %s valid against RoleAssignmentCreateParameters", (file) => {
    const example = readSpecJson<SpecExample>(file);
    expect(validate(roleAssignments, createParameters, example.parameters["parameters"])).toEqual([]);
  });

  it.each(requiredPaths(roleAssignments, createParameters))("answers 400 to a PUT body without the required %s", async (required) => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const complete = {
      properties: { roleDefinitionId: roleDefinitionId(SEED.customRoleId), principalId: sp, principalType: "ServicePrincipal" },
    };
    const incomplete: Record<string, unknown> = structuredClone(complete);
    const keys = required.split(".");
    let holder = incomplete;
    for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    delete holder[keys[keys.length - 1]!];
    expect(validate(roleAssignments, createParameters, incomplete)).not.toEqual([]);
    const token = tokenFor(box, SEED.users.admin);
    const res = await call(
      box,
      "PUT",
      roleAssignmentPath(`/subscriptions/${box.state.subscriptions[0]!.subscriptionId}`, "8d2e0b1c-6f59-4d2a-9a3f-0c7e5b1d2a41"),
      { token, body: incomplete },
    );
    expect(res.status).toBe(400);
    expect(body(res).error.code).toBe("InvalidRequestContent");
  });

  it("answers role assignments that satisfy the RoleAssignment schema", async () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "deployer");
    const res = await call(
      box,
      "PUT",
      roleAssignmentPath(`/subscriptions/${box.state.subscriptions[0]!.subscriptionId}`, "8d2e0b1c-6f59-4d2a-9a3f-0c7e5b1d2a41"),
      {
        token: tokenFor(box, SEED.users.admin),
        body: { properties: { roleDefinitionId: roleDefinitionId(SEED.customRoleId), principalId: sp, principalType: "ServicePrincipal" } },
      },
    );
    expect(validate(roleAssignments, { $ref: "#/definitions/RoleAssignment" }, res.body)).toEqual([]);
  });

  it("answers resource groups that satisfy ResourceGroupListResult (its only example has an empty body)", async () => {
    const resources = readSpecJson<SwaggerDoc>("resources/resource-manager/Microsoft.Resources/resources/stable/2021-04-01/resources.json");
    const box = newBox();
    const res = await call(
      box,
      "GET",
      `/subscriptions/${box.state.subscriptions[0]!.subscriptionId}/resourcegroups?api-version=${V.resourceGroups}`,
      { token: tokenFor(box, SEED.users.admin) },
    );
    expect(body(res).value.length).toBeGreaterThan(0);
    expect(validate(resources, { $ref: "#/definitions/ResourceGroupListResult" }, res.body)).toEqual([]);
  });

  it("answers subscriptions, tenants and management groups that satisfy their list schemas", async () => {
    const subscriptions = readSpecJson<SwaggerDoc>(
      "resources/resource-manager/Microsoft.Resources/subscriptions/stable/2022-12-01/subscriptions.json",
    );
    const groups = readSpecJson<SwaggerDoc>(
      "managementgroups/resource-manager/Microsoft.Management/ManagementGroups/stable/2023-04-01/management.json",
    );
    const box = newBox({ seed: { subscriptionCount: 150 } });
    const token = tokenFor(box, SEED.users.admin);
    const subs = body(await call(box, "GET", `/subscriptions?api-version=${V.subscriptions}`, { token }));
    expect(validate(subscriptions, { $ref: "#/definitions/SubscriptionListResult" }, subs)).toEqual([]);
    const tenants = body(await call(box, "GET", `/tenants?api-version=${V.subscriptions}`, { token }));
    // The spec marks nextLink required; Azure omits it on the last page, and so does the model (CONTRACTS.md §4).
    expect(validate(subscriptions, { $ref: "#/definitions/TenantListResult" }, { ...tenants, nextLink: "" })).toEqual([]);
    const mgs = body(
      await call(box, "GET", `/providers/Microsoft.Management/managementGroups?api-version=${V.managementGroups}`, { token }),
    );
    expect(validate(groups, { $ref: "#/definitions/ManagementGroupListResult" }, mgs)).toEqual([]);
  });
});
