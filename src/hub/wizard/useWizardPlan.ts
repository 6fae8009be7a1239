import { useMemo } from "react";
import type { AsyncState } from "../common/useAsync";
import type { Pipeline, SignedInAccount } from "../../workflows/hub/hubTypes";
import type { HubServices } from "../../workflows/hub/hubServices";
import type { RoleOption } from "../../workflows/directory/azureDirectory";
import type { ProvisioningForm } from "../../workflows/provisioning/form";
import { planProvisioning, type ProvisioningPlan } from "../../workflows/provisioning/plan";
import { confirmRole } from "../../workflows/provisioning/roleRisk";

/**
 * The plan the Review page shows and the run executes, from the form: the role named and judged by ARM's definitions,
 * never by the form's name (perhaps from settings), and unconfirmed until ARM answers.
 */
export function useWizardPlan(
  services: HubServices,
  form: ProvisioningForm | undefined,
  account: SignedInAccount | undefined,
  roles: AsyncState<RoleOption[]>,
  pipelines: AsyncState<Pipeline[]>,
  runId: string,
): ProvisioningPlan | undefined {
  return useMemo(() => {
    if (!form || !account) return undefined;
    const role = confirmRole(form.role, roles.status === "ready" ? roles.value : undefined);
    const names =
      pipelines.status === "ready"
        ? pipelines.value.filter((p) => form.connection.pipelineIds.includes(p.id)).map((p) => p.name)
        : undefined;
    return planProvisioning(
      form,
      { organization: services.session.organization, project: services.session.project, userObjectId: account.objectId },
      services.clouds.find((c) => c.id === form.cloudId)!,
      runId,
      { role, ...(names ? { pipelineNames: names } : {}) },
    );
  }, [form, account, roles, pipelines, services, runId]);
}
