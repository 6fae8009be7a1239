import { ROLE_IDS, SEED } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import {
  acceptDefaultsToReview,
  expectOneRun,
  openWizard,
  recordCalls,
  screenshot,
  verifyCalls,
  scriptErrors,
  type RecordedCall,
} from "./support/journey";
import { expectNoSecretLeak } from "./support/secretHygiene";

const GROUP_SCOPE = `/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}`;

describe("creating a connection at a management group", () => {
  let h: Harness;
  let calls: RecordedCall[];
  let before: State;
  beforeAll(async () => {
    h = await startHarness();
    calls = recordCalls(h);
    before = h.model.inspect();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("assigns Reader at contoso-platform, verifies by reading the management group, and saves the ManagementGroup body", async () => {
    const w = await openWizard(h);
    await w.frame.getByRole("radio", { name: "Management Group" }).click();
    await w.choose("Management group", "Contoso Platform");
    const { connectionName } = await acceptDefaultsToReview(w, { pipelines: ["web-deploy"] });

    // The plan names the role, the scope and the verification before anything is created.
    await w.frame.getByText("Reader role at the management group Contoso Platform").waitFor();
    await w.frame.getByText(`Scope: ${GROUP_SCOPE}`).waitFor();
    await w.frame.getByText("scope level ManagementGroup", { exact: false }).waitFor();
    await screenshot(h, "journey-management-group-review");
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    await w.frame.getByText("Reader at the management group Contoso Platform").waitFor();
    await screenshot(h, "journey-management-group-result");

    const { endpoint } = expectOneRun(before, h.model.inspect(), {
      scope: GROUP_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName,
      // No subscription keys at this level.
      data: {
        environment: "AzureCloud",
        scopeLevel: "ManagementGroup",
        managementGroupId: SEED.managementGroup,
        managementGroupName: "Contoso Platform",
        creationMode: "Manual",
      },
      pipelineIds: [12],
    });
    expect(endpoint.data).not.toHaveProperty("subscriptionId");

    // Verify was asked about the management group (TestConnection reads it), once, before saving.
    const verifications = verifyCalls(calls);
    expect(verifications).toEqual([
      { data: expect.objectContaining({ scopeLevel: "ManagementGroup", managementGroupId: SEED.managementGroup }) },
    ]);
    // The role was written at the management group, with the management group's role definition id.
    const puts = calls.filter((c) => c.service === "arm" && c.method === "PUT" && c.path.includes("roleAssignments"));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path.startsWith(`${GROUP_SCOPE}/providers/Microsoft.Authorization/roleAssignments/`)).toBe(true);
    expect(JSON.parse(puts[0]!.bodyText!)).toMatchObject({
      properties: { roleDefinitionId: `${GROUP_SCOPE}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}` },
    });
    expect(h.blocked).toEqual([]);
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
