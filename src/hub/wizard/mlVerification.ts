import type { ProvisioningForm } from "../../workflows/provisioning/form";
import type { ProvisioningPlan } from "../../workflows/provisioning/plan";

/** How a Machine Learning workspace connection is verified: Verify reads the subscription, not the workspace. */
export type MlVerification = "saveWithout" | "subscriptionReader";

/**
 * The plan as Review shows it for a workspace: the choice replaces the plan's generic warning about Verify. The extra
 * Reader at the subscription is the plan's own step (assignVerifyReader) and object, run and rolled back like the rest.
 */
export function planWithMlVerification(plan: ProvisioningPlan, form: ProvisioningForm): ProvisioningPlan {
  if (form.scope.level !== "AzureMLWorkspace") return plan;
  return { ...plan, warnings: plan.warnings.filter((w) => !w.startsWith("Verify reads the subscription")) };
}
