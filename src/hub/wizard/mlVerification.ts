import type { ProvisioningForm } from "../../workflows/provisioning/form";
import type { ProvisioningPlan } from "../../workflows/provisioning/plan";

/** How a Machine Learning workspace connection is verified: Verify reads the subscription, not the workspace. */
export type MlVerification = "saveWithout" | "subscriptionReader";

/**
 * The plan as Review shows it for a workspace: the choice replaces the plan's generic warning about Verify, and the
 * extra Reader at the subscription is listed as one more object when chosen.
 */
export function planWithMlVerification(plan: ProvisioningPlan, form: ProvisioningForm): ProvisioningPlan {
  if (form.scope.level !== "AzureMLWorkspace") return plan;
  const warnings = plan.warnings.filter((w) => !w.startsWith("Verify reads the subscription"));
  if (!form.verifyReaderAtSubscription) return { ...plan, warnings };
  const at = plan.objects.findIndex((o) => o.kind === "roleAssignment");
  const extra = {
    kind: "roleAssignment" as const,
    title: `Reader role at the subscription ${form.scope.subscriptionName} (for Verify)`,
    details: [
      `Scope: /subscriptions/${form.scope.subscriptionId}`,
      "Lets Verify read the subscription, so it can pass",
      "Removed by Roll back, like everything else this run creates",
    ],
  };
  const objects = [...plan.objects];
  objects.splice(at < 0 ? objects.length : at + 1, 0, extra);
  return { ...plan, objects, warnings };
}
