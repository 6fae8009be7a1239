import {
  grantingAssignments,
  hasPermission,
  isAssignableAt,
  roleGrants,
  scopeAncestry,
  scopeIsWithin,
} from "../../../emulator/model/arm/authorization";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import { addServicePrincipal, grant, newBox } from "./support/armKit";

const SUB = `/subscriptions/${subscriptionIdAt(0)}`;
const PLATFORM = "/providers/Microsoft.Management/managementGroups/contoso-platform";
const ROOT_GROUP = `/providers/Microsoft.Management/managementGroups/${SEED.tenantId}`;
const WORKSPACE = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`;

describe("RBAC: scope ancestry", () => {
  it("climbs from a resource through its group, subscription and management groups to the root", () => {
    const { state } = newBox();
    expect(scopeAncestry(state, WORKSPACE)).toEqual([WORKSPACE, `${SUB}/resourceGroups/rg-ml`, SUB, PLATFORM, ROOT_GROUP, "/"]);
  });

  it("reads resourcegroups in any casing and ignores trailing slashes", () => {
    const { state } = newBox();
    expect(scopeAncestry(state, `${SUB}/resourcegroups/rg-ml/`)[0]).toBe(`${SUB}/resourceGroups/rg-ml`);
  });

  it("puts a subscription without a management group under its tenant root group", () => {
    const { state } = newBox();
    state.subscriptions.push({ subscriptionId: "orphan", displayName: "Orphan", tenantId: SEED.tenantId, state: "Enabled" });
    expect(scopeAncestry(state, "/subscriptions/orphan")).toEqual(["/subscriptions/orphan", ROOT_GROUP, "/"]);
  });

  it("answers the root for the root", () => {
    expect(scopeAncestry(newBox().state, "/")).toEqual(["/"]);
  });

  it("knows when one scope lies within another", () => {
    const { state } = newBox();
    expect(scopeIsWithin(state, WORKSPACE, PLATFORM)).toBe(true);
    expect(scopeIsWithin(state, PLATFORM, SUB)).toBe(false);
  });
});

describe("RBAC: roles and permissions", () => {
  it("lets Contributor's notActions take away role assignment writes, case-insensitively", () => {
    const { state } = newBox();
    expect(roleGrants(state, ROLE_IDS.contributor, "Microsoft.Resources/deployments/write")).toBe(true);
    expect(roleGrants(state, ROLE_IDS.contributor, "Microsoft.Authorization/roleAssignments/write")).toBe(false);
    expect(roleGrants(state, ROLE_IDS.owner, "Microsoft.Authorization/roleAssignments/write")).toBe(true);
    expect(roleGrants(state, ROLE_IDS.reader, "microsoft.resources/subscriptions/READ")).toBe(true);
  });

  it("inherits a grant from a management group and orders grants nearest first", () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "layered");
    grant(box, sp, ROLE_IDS.reader, PLATFORM);
    grant(box, sp, ROLE_IDS.reader, SUB);
    const found = grantingAssignments(box.state, { principalId: sp, action: "Microsoft.Resources/subscriptions/read", scope: WORKSPACE });
    expect(found.map((ra) => ra.scope)).toEqual([SUB, PLATFORM]);
  });

  it("skips assignments that are not yet effective when asked for TestConnection's view", () => {
    const box = newBox();
    const sp = addServicePrincipal(box, "fresh");
    grant(box, sp, ROLE_IDS.reader, SUB).pendingTestConnectionCalls = 2;
    expect(hasPermission(box.state, { principalId: sp, action: "Microsoft.Resources/subscriptions/read", scope: SUB })).toBe(true);
    expect(
      hasPermission(box.state, { principalId: sp, action: "Microsoft.Resources/subscriptions/read", scope: SUB, effectiveOnly: true }),
    ).toBe(false);
  });

  it("offers a custom role only at or below its assignable scopes", () => {
    const { state } = newBox();
    const custom = state.roleDefinitions.find((r) => r.name === SEED.customRoleId)!;
    expect(isAssignableAt(state, custom, WORKSPACE)).toBe(true);
    expect(isAssignableAt(state, custom, "/providers/Microsoft.Management/managementGroups/contoso-sandbox")).toBe(false);
  });
});
