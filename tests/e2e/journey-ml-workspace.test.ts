import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
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
import type { WizardDriver } from "./support/wizard";
import { expectNoSecretLeak } from "./support/secretHygiene";

const SUBSCRIPTION = subscriptionIdAt(SEED.mlSubscriptionIndex);
const WORKSPACE_SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`;
const ML_DATA = {
  environment: "AzureCloud",
  scopeLevel: "AzureMLWorkspace",
  subscriptionId: SUBSCRIPTION,
  subscriptionName: "Contoso Production",
  resourceGroupName: "rg-ml",
  mlWorkspaceName: "mlw-forecasting",
  mlWorkspaceLocation: "westeurope",
  creationMode: "Manual",
};
const VERIFY_CHOICE = "Verify reads the subscription Contoso Production; a role at the workspace alone never lets it pass.";

/** Scope page: Machine Learning Workspace, then subscription → resource group → workspace, whose location fills in. */
async function chooseWorkspace(w: WizardDriver): Promise<void> {
  await w.frame.getByRole("radio", { name: "Machine Learning Workspace" }).click();
  await w.choose("Subscription of the workspace", "Contoso Production");
  await w.choose("Resource group", "rg-ml");
  await w.choose("ML workspace name", "mlw-forecasting");
  await w.frame.getByText("ML workspace location: westeurope").waitFor();
}

describe("creating a connection at a Machine Learning workspace", () => {
  let h: Harness;
  let calls: RecordedCall[];
  beforeAll(async () => {
    h = await startHarness();
    calls = recordCalls(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("offers a real choice for Verify, and saves the ML body without verification when that is chosen", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await chooseWorkspace(w);
    const { connectionName } = await acceptDefaultsToReview(w, { pipelines: ["infra-plan"] });

    await w.frame.getByText(`Scope: ${WORKSPACE_SCOPE}`).waitFor();
    await w.frame.getByText(VERIFY_CHOICE).waitFor();
    // Create waits for the choice.
    await w.frame.getByText("Choose how to verify the connection first.").waitFor();
    expect(await w.frame.getByRole("button", { name: "Create" }).getAttribute("aria-disabled")).toBe("true");
    await screenshot(h, "journey-ml-workspace-review");
    await w.frame.getByRole("radio", { name: "Save without verification" }).click();
    await w.frame.getByText("Saved without verification").waitFor();
    await w.frame.getByText("The connection still works for tasks that use the workspace", { exact: false }).waitFor();
    await w.frame.getByRole("button", { name: "Create" }).click();

    await w.page("Result");
    await w.frame.getByText("The connection was saved without verification. Verify reads the subscription", { exact: false }).waitFor();
    await w.frame
      .getByText("Reader at the Machine Learning workspace mlw-forecasting (resource group rg-ml, subscription Contoso Production)")
      .waitFor();
    // Verify cannot pass without a role at the subscription: it is not offered.
    expect(await w.frame.getByRole("button", { name: "Verify again" }).count()).toBe(0);
    await screenshot(h, "journey-ml-workspace-saved-without-verification");

    expectOneRun(before, h.model.inspect(), {
      scope: WORKSPACE_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName,
      data: ML_DATA,
      pipelineIds: [13],
    });
    expect(verifyCalls(calls)).toEqual([]);
    // The role was written at the workspace with the subscription's role definition id (as the portal and az cli send it).
    const put = calls.find((c) => c.service === "arm" && c.method === "PUT" && c.path.includes("roleAssignments"))!;
    expect(put.path.startsWith(`${WORKSPACE_SCOPE}/providers/Microsoft.Authorization/roleAssignments/`)).toBe(true);
    expect(JSON.parse(put.bodyText!)).toMatchObject({
      properties: {
        roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}`,
      },
    });

    await w.frame.getByRole("button", { name: "Done" }).click();
    await expectNoSecretLeak(h);
  });

  it("with Reader at the subscription for Verify, assigns both roles and the connection is ready and verified", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await chooseWorkspace(w);
    await acceptDefaultsToReview(w, { connectionName: "forecasting-verified" });
    await w.frame.getByRole("radio", { name: /Also grant Reader at the subscription Contoso Production/ }).click();
    const extra = w.frame.getByRole("listitem").filter({ hasText: "Reader role at the subscription Contoso Production (for Verify)" });
    await extra.waitFor();
    expect(await extra.textContent()).toContain(`Scope: /subscriptions/${SUBSCRIPTION}`);
    expect(await extra.textContent()).toContain("Removed by Roll back");
    await w.frame.locator('[data-step="assignVerifyReader"]').waitFor();
    // The checks run again for the changed form: Create is offered once they have finished.
    await w.frame.getByText("Create is available once the checks have finished.").waitFor({ state: "hidden" });
    expect(await w.frame.getByRole("button", { name: "Create" }).getAttribute("aria-disabled")).not.toBe("true");
    await w.frame.getByRole("button", { name: "Create" }).click();

    await w.page("Result");
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    const after = h.model.inspect();
    const added = after.roleAssignments.filter((a) => !before.roleAssignments.some((b) => b.name === a.name));
    expect(added.map((a) => a.scope).sort()).toEqual([`/subscriptions/${SUBSCRIPTION}`, WORKSPACE_SCOPE].sort());
    expect(added.every((a) => a.roleDefinitionName === ROLE_IDS.reader)).toBe(true);
    expect(h.blocked).toEqual([]);
    expect(scriptErrors(h)).toEqual([]);
    await w.frame.getByRole("button", { name: "Done" }).click();
    await expectNoSecretLeak(h);
  });
});
