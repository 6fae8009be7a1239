// @vitest-environment node
import { roleDefinitions } from "../../../../emulator/model/seed";
import { roleRisk, roleRiskWarning } from "../../../../src/workflows/provisioning/roleRisk";

/** How much a role lets every pipeline using the connection do: read, write, or grant access to others. */
const risks = Object.fromEntries(roleDefinitions().map((d) => [d.roleName, roleRisk(d)]));

describe("judging a role by its actions", () => {
  it("judges the built-in roles as Azure defines them", () => {
    expect(risks).toEqual({
      Reader: "read",
      Contributor: "write",
      Owner: "grantAccess",
      "User Access Administrator": "grantAccess",
      "Role Based Access Control Administrator": "grantAccess",
      "Deployment Reader": "write",
    });
  });

  it("honours notActions that take the right to grant access away", () => {
    expect(roleRisk({ actions: ["Microsoft.Authorization/*"], notActions: ["Microsoft.Authorization/roleAssignments/*"] })).toBe("write");
    expect(roleRisk({ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"] })).toBe("write");
  });

  it("matches wildcards and case the way ARM does", () => {
    expect(roleRisk({ actions: ["microsoft.authorization/ROLEASSIGNMENTS/*"], notActions: [] })).toBe("grantAccess");
    expect(roleRisk({ actions: ["Microsoft.Storage/storageAccounts/read", "Microsoft.Web/sites/read"], notActions: [] })).toBe("read");
    expect(roleRisk({ actions: ["Microsoft.Web/sites/restart/action"], notActions: [] })).toBe("write");
  });

  it("warns about writing and granting, not about reading", () => {
    expect(roleRiskWarning("Reader", "read")).toBeUndefined();
    expect(roleRiskWarning("Contributor", "write")).toMatch(
      /^Contributor lets every pipeline that uses this connection change or delete Azure resources at this scope\./,
    );
    expect(roleRiskWarning("Owner", "grantAccess")).toMatch(
      /^Owner lets every pipeline that uses this connection give other identities access to Azure\./,
    );
  });
});
