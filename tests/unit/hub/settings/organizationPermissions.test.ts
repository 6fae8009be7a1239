import type { DevOpsRest } from "../../../../src/clients/devops/devopsRest";
import { ORGANIZATION_SETTINGS_PERMISSION, RestOrganizationPermissions } from "../../../../src/clients/devops/securityClient";

/** Who may change organization settings: Azure DevOps' own permission check, asked with the extension's token. */
function restAnswering(answer: unknown) {
  const calls: Array<{ areaId: string; method: string; path: string; apiVersion: string }> = [];
  const rest: DevOpsRest = {
    async send(areaId, method, path, apiVersion) {
      calls.push({ areaId, method, path, apiVersion });
      return answer;
    },
  };
  return { rest, calls };
}

describe("checking the permission to change organization settings", () => {
  it("asks Security's Has Permissions for Edit instance-level information on the Collection namespace", async () => {
    const { rest, calls } = restAnswering([true]);
    expect(await new RestOrganizationPermissions(rest).canEditOrganizationSettings()).toBe(true);
    expect(calls).toEqual([
      {
        areaId: "79134c72-4a58-4b42-976c-04e7115f32bf",
        method: "GET",
        path: "_apis/permissions/3e65f728-f8bc-4ecd-8764-7e378b19bfa7/2?tokens=NAMESPACE%3A&alwaysAllowAdministrators=false",
        apiVersion: "7.1-preview.2",
      },
    ]);
    expect(ORGANIZATION_SETTINGS_PERMISSION.bits).toBe(2);
  });

  it.each([
    ["a bare list (noArrayWrap)", [false], false],
    ["a wrapped list", { count: 1, value: [true] }, true],
    ["a bare boolean", true, true],
    ["nothing it understands", { value: ["yes"] }, false],
    ["no body", undefined, false],
  ])("reads %s, and fails closed on anything else", async (_what, answer, expected) => {
    expect(await new RestOrganizationPermissions(restAnswering(answer).rest).canEditOrganizationSettings()).toBe(expected);
  });
});
