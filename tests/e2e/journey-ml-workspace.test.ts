import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, expectOneRun, openWizard, recordCalls, screenshot, verifyCalls, scriptErrors, type RecordedCall } from "./support/journey";
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
const VERIFY_WARNING = "Verify reads the subscription Contoso Production, so a role at the workspace alone makes verification fail.";

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

  it("warns that Verify reads the subscription, and saves the ML body without verification when asked", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await chooseWorkspace(w);
    const { connectionName } = await acceptDefaultsToReview(w, { pipelines: ["infra-plan"] });

    await w.frame.getByText(VERIFY_WARNING, { exact: false }).waitFor();
    await w.frame.getByText(`Scope: ${WORKSPACE_SCOPE}`).waitFor();
    await w.frame.getByText("Verified before it is saved, as Verify and save does").waitFor();
    await screenshot(h, "journey-ml-workspace-review");
    await w.frame.getByRole("button", { name: "Save without verification" }).click();
    // The plan now says so, and the warning about Verify is gone.
    await w.frame.getByText("Saved without verification").waitFor();
    expect(await w.frame.getByText(VERIFY_WARNING, { exact: false }).count()).toBe(0);
    await w.frame.getByRole("button", { name: "Create" }).click();

    await w.page("Result");
    await w.frame.getByText("The connection was saved without verification.").waitFor();
    await w.frame.getByText("Reader at the Machine Learning workspace mlw-forecasting (resource group rg-ml, subscription Contoso Production)").waitFor();
    await w.frame.getByRole("button", { name: "Verify again" }).waitFor();
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
    expect(JSON.parse(put.bodyText!)).toMatchObject({ properties: { roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_IDS.reader}` } });

    await w.frame.getByRole("button", { name: "Done" }).click();
    await expectNoSecretLeak(h);
  });

  it("keeping verification: the run does not roll back but saves the connection as not yet verified, with Verify again", async () => {
    const before: State = h.model.inspect();
    calls.length = 0;
    const w = await openWizard(h);
    await chooseWorkspace(w);
    const { connectionName } = await acceptDefaultsToReview(w, { connectionName: "forecasting-verified" });
    await w.frame.getByText(VERIFY_WARNING, { exact: false }).waitFor();
    await w.frame.getByRole("button", { name: "Create" }).click();

    await w.page("Result");
    const warning = w.frame.getByText("The connection was saved but is not yet verified:", { exact: false });
    await warning.waitFor();
    expect(await warning.textContent()).toContain("Microsoft.Resources/subscriptions/read");
    await w.frame.getByRole("button", { name: "Verify again" }).waitFor();
    await screenshot(h, "journey-ml-workspace-not-yet-verified");

    const { app } = expectOneRun(before, h.model.inspect(), {
      scope: WORKSPACE_SCOPE,
      roleDefinitionId: ROLE_IDS.reader,
      tenantId: SEED.tenantId,
      projectId: SEED.project.id,
      connectionName,
      data: ML_DATA,
      pipelineIds: [],
    });
    // One Verify, with the ML body: a role at the workspace can never let it read the subscription, so the run does not
    // wait for replication that is not the cause.
    expect(verifyCalls(calls)).toEqual([{ data: ML_DATA }]);

    // An administrator adds Reader on the subscription; Verify again then passes with the stored secret.
    const sp = h.model.state.servicePrincipals.find((p) => p.appId === app.appId)!;
    h.model.state.roleAssignments.push({
      name: "0b5e4c4e-5d1a-4f3c-9a77-2b1f1e0c9a01",
      scope: `/subscriptions/${SUBSCRIPTION}`,
      roleDefinitionName: ROLE_IDS.reader,
      principalId: sp.id,
      principalType: "ServicePrincipal",
      createdBy: SEED.users.admin,
      createdOn: new Date().toISOString(),
      pendingTestConnectionCalls: 0,
    });
    await w.frame.getByRole("button", { name: "Verify again" }).click();
    await w.frame.getByText("The connection is ready and verified.").waitFor();
    expect(await w.frame.getByRole("button", { name: "Verify again" }).count()).toBe(0);
    expect(h.blocked).toEqual([]);
    expect(scriptErrors(h)).toEqual([]);
    await expectNoSecretLeak(h);
  });
});
