import type { DevOpsRest } from "../../../../src/clients/devops/devopsRest";
import { ORGANIZATION_SETTINGS_PERMISSION, RestOrganizationPermissions } from "../../../../src/clients/devops/securityClient";
import { ServiceError } from "../../../../src/platform/http/serviceError";

/** Who may change organization settings: Azure DevOps' own permission check, asked with the extension's token. */
function restAnswering(answer: unknown) {
  const calls: Array<{ areaId: string; method: string; path: string; apiVersion: string }> = [];
  const rest: DevOpsRest = {
    async send(areaId, method, path, apiVersion) {
      calls.push({ areaId, method, path, apiVersion });
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { rest, calls };
}

describe("checking the permission to change organization settings", () => {
  it("asks Security's Has Permissions for Edit instance-level information, always allowing administrators", async () => {
    const { rest, calls } = restAnswering([true]);
    expect(await new RestOrganizationPermissions(rest).organizationSettingsAccess()).toBe("allowed");
    expect(calls).toEqual([
      {
        areaId: "79134c72-4a58-4b42-976c-04e7115f32bf",
        method: "GET",
        path: "_apis/permissions/3e65f728-f8bc-4ecd-8764-7e378b19bfa7/2?tokens=NAMESPACE%3A&alwaysAllowAdministrators=true",
        apiVersion: "7.1-preview.2",
      },
    ]);
    expect(ORGANIZATION_SETTINGS_PERMISSION.bits).toBe(2);
  });

  it.each([
    ["a bare list (noArrayWrap)", [false], "denied"],
    ["a wrapped list", { count: 1, value: [true] }, "allowed"],
    ["a bare boolean", true, "allowed"],
    ["nothing it understands", { value: ["yes"] }, "unknown"],
    ["no body", undefined, "unknown"],
    ["a refusal", new ServiceError("devops", 400, "InvalidSecurityToken", "The security token is not valid."), "unknown"],
    ["a failure", new ServiceError("devops", 500, "Http500", "oops"), "unknown"],
    ["no network", new ServiceError("devops", 0, "NetworkError", "offline"), "unknown"],
  ])("reads %s as %s", async (_what, answer, expected) => {
    expect(await new RestOrganizationPermissions(restAnswering(answer).rest).organizationSettingsAccess()).toBe(expected);
  });

  it("lets the page edit unless Azure DevOps clearly denied it", async () => {
    expect(await new RestOrganizationPermissions(restAnswering([false]).rest).canEditOrganizationSettings()).toBe(false);
    expect(
      await new RestOrganizationPermissions(
        restAnswering(new ServiceError("devops", 403, "Http403", "no")).rest,
      ).canEditOrganizationSettings(),
    ).toBe(true);
    expect(await new RestOrganizationPermissions(restAnswering([true]).rest).canEditOrganizationSettings()).toBe(true);
  });
});
