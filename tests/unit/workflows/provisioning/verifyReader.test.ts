// @vitest-environment jsdom
import { createWorld, formFor, ML_SUBSCRIPTION_ID } from "../../../support/inProcessAzure";
import { READER, type ProvisioningForm } from "../../../../src/workflows/provisioning/form";
import { planSteps } from "../../../../src/workflows/provisioning/planSteps";
import { roleAssignmentName } from "../../../../src/workflows/provisioning/plan";

/** A Machine Learning workspace connection whose Verify should pass: Reader at the subscription, as a real step. */
function withReader(): ProvisioningForm {
  return { ...formFor("AzureMLWorkspace"), verifyReaderAtSubscription: true };
}

const SUBSCRIPTION_SCOPE = `/subscriptions/${ML_SUBSCRIPTION_ID}`;

describe("Reader at the subscription for Verify (Machine Learning workspace)", () => {
  it("plans one more step, assignVerifyReader, after the service principal and before Verify", () => {
    const steps = planSteps(withReader());
    const step = steps.find((s) => s.id === "assignVerifyReader")!;
    expect(step.title).toBe("Assign Reader at the subscription Contoso Production (for Verify)");
    expect(step.dependsOn).toEqual(["createServicePrincipal"]);
    expect(steps.find((s) => s.id === "verify")!.dependsOn).toContain("assignVerifyReader");
    expect(planSteps(formFor("AzureMLWorkspace")).some((s) => s.id === "assignVerifyReader")).toBe(false);
    expect(planSteps(formFor("Subscription")).some((s) => s.id === "assignVerifyReader")).toBe(false);
  });

  it("assigns Reader at the subscription under a name from the run, journals it, and the connection is verified", async () => {
    const world = createWorld();
    const run = world.provisioningRun(withReader());

    const snapshot = await run.start();

    expect(snapshot.status).toBe("succeeded");
    expect(snapshot.steps.find((s) => s.id === "assignVerifyReader")?.status).toBe("done");
    expect(snapshot.steps.find((s) => s.id === "verify")).toMatchObject({ status: "done", note: "Verified" });
    expect(run.created.verified).toBe(true);
    const name = roleAssignmentName(SUBSCRIPTION_SCOPE, run.runId, READER.id);
    expect(run.created.verifyReader?.roleAssignment).toEqual({ scope: SUBSCRIPTION_SCOPE, name });
    const mine = world.state().roleAssignments.filter((a) => a.principalId === run.created.servicePrincipalId);
    expect(mine).toHaveLength(2);
    expect(mine.find((a) => a.scope === SUBSCRIPTION_SCOPE)).toMatchObject({ name, roleDefinitionName: READER.id });
  });

  it("Roll back removes the Reader at the subscription too", async () => {
    const world = createWorld();
    const run = world.provisioningRun(withReader());
    await run.start();
    const principalId = run.created.servicePrincipalId;

    const snapshot = await run.rollback();

    expect(snapshot.status).toBe("rolledBack");
    expect(world.state().roleAssignments.filter((a) => a.principalId === principalId)).toEqual([]);
    expect(run.created.verifyReader?.roleAssignment).toBeUndefined();
  });
});
