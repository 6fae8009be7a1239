import {
  armScopePath,
  checkArmName,
  isValidArmName,
  managementGroupPath,
  parseArmScope,
  roleDefinitionPath,
  workspacePath,
} from "../../../../src/clients/arm/armPaths";
import { ProblemError } from "../../../../src/platform/problem";

const SUB = "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d";
const ROLE = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

describe("names and ids checked before they become ARM paths", () => {
  it.each([
    ["subscriptionId", SUB, true],
    ["subscriptionId", "not-a-guid", false],
    ["resourceGroup", "rg-ml_prod.(eu)", true],
    ["resourceGroup", "Ressourcengrüppe", true],
    ["resourceGroup", "ends-with-dot.", false],
    ["resourceGroup", "..", false],
    ["resourceGroup", "a/b", false],
    ["resourceGroup", "x".repeat(91), false],
    ["managementGroup", "contoso-platform", true],
    ["managementGroup", "../subscriptions", false],
    ["workspace", "ml-workspace_1", true],
    ["workspace", "../../providers/x", false],
    ["workspace", "ws", false],
    ["workspace", "-leading", false],
  ] as const)("%s %j valid: %s", (kind, value, valid) => {
    expect(isValidArmName(kind, value)).toBe(valid);
  });

  it("refuses an invalid name with a Problem that says the rule and that nothing was sent", () => {
    const error = (() => {
      try {
        return checkArmName("workspace", "../evil");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).problem.detail).toMatch(
      /"\.\.\/evil" is not a valid Machine Learning workspace name: .*Nothing was sent to Azure/,
    );
  });

  it("builds every scope from checked, encoded segments", () => {
    expect(workspacePath(SUB, "rg(1)", "ws-1")).toBe(
      `/subscriptions/${SUB}/resourceGroups/rg(1)/providers/Microsoft.MachineLearningServices/workspaces/ws-1`,
    );
    expect(workspacePath(SUB, "grüppe", "ws-1")).toBe(
      `/subscriptions/${SUB}/resourceGroups/gr%C3%BCppe/providers/Microsoft.MachineLearningServices/workspaces/ws-1`,
    );
    expect(managementGroupPath("contoso")).toBe("/providers/Microsoft.Management/managementGroups/contoso");
    expect(() => workspacePath(SUB, "rg", "../../../subscriptions")).toThrow(ProblemError);
  });

  it("parses back the four scope shapes the hub uses, and nothing else", () => {
    expect(parseArmScope(`/subscriptions/${SUB}`)).toEqual({ level: "Subscription", subscriptionId: SUB });
    expect(parseArmScope(`/SUBSCRIPTIONS/${SUB}/resourcegroups/rg`)).toEqual({
      level: "ResourceGroup",
      subscriptionId: SUB,
      resourceGroup: "rg",
    });
    expect(armScopePath(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1`)).toBe(
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1`,
    );
    expect(parseArmScope("/providers/Microsoft.Management/managementGroups/mg-1")).toEqual({
      level: "ManagementGroup",
      managementGroupId: "mg-1",
    });
    for (const bad of [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/../../../../providers/Microsoft.Management/managementGroups/root`,
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws%2F..`,
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa`,
      `/subscriptions/${SUB}?api-version=1`,
      "subscriptions/x",
      "/",
      `/subscriptions/${SUB}/`,
    ]) {
      expect(() => parseArmScope(bad), bad).toThrow(ProblemError);
    }
  });

  it("checks a role definition id and rebuilds its path", () => {
    expect(roleDefinitionPath(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`)).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`,
    );
    expect(roleDefinitionPath(`/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`)).toBe(
      `/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`,
    );
    expect(() => roleDefinitionPath(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/..`)).toThrow(ProblemError);
  });
});
