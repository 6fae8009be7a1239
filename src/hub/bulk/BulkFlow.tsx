import { useMemo } from "react";
import type { RoleOption } from "../../workflows/directory/azureDirectory";
import { checkBulkPlan } from "../../workflows/bulk/bulkChecks";
import { planBulk, sharedAppName, type BulkPlan } from "../../workflows/bulk/bulkPlan";
import { BulkRun } from "../../workflows/bulk/bulkRun";
import { planSharedApp } from "../../workflows/bulk/sharedAppRun";
import type { HubServices } from "../../workflows/hub/hubServices";
import type { ProvisioningPlan } from "../../workflows/provisioning/plan";
import { confirmRole } from "../../workflows/provisioning/roleRisk";
import { armScope } from "../../workflows/provisioning/scope";
import { useAsync, type AsyncState } from "../common/useAsync";
import { BulkResultPage } from "./BulkResultPage";
import { BulkReview } from "./BulkReview";
import { BulkRunPage } from "./BulkRunPage";
import { pageIndex, type WizardPageId } from "../wizard/wizardModel";
import type { BulkState } from "./useBulk";

export { useBulk } from "./useBulk";

export interface BulkFlowProps {
  services: HubServices;
  bulk: BulkState;
  /** The guided form's page: this renders on Review, Create and Result only. */
  page: WizardPageId;
  /** The single plan of the first scope, as reviewed: the form, context and cloud every part shares. */
  plan: ProvisioningPlan | undefined;
  roles: AsyncState<RoleOption[]>;
  template: string | undefined;
  go: (pageIndex: number) => void;
  onClose: () => void;
}

/** Review, Create and Result of a bulk run: the guided form's last three pages when several scopes are chosen. */
export function BulkFlow({ services, bulk, page, plan, roles, template, go, onClose }: BulkFlowProps) {
  const { run, snapshot } = bulk;
  const onPage = (id: "run" | "result") => go(pageIndex(id));
  const shared = bulk.mode === "sharedApp";
  const bulkPlan = useMemo(() => {
    if (run || !plan || bulk.limitProblem) return undefined;
    const pipelines = plan.form.connection.allPipelines ? undefined : plan.objects.find((o) => o.kind === "pipelinePermissions")?.details;
    const planned = planBulk({
      form: plan.form,
      scopes: bulk.scopes,
      context: plan.context,
      cloud: services.clouds.find((c) => c.id === plan.cloudId)!,
      newRunId: () => services.newRunId(),
      ...(template ? { nameTemplate: template } : {}),
      role: confirmRole(plan.form.role, roles.status === "ready" ? roles.value : undefined),
      ...(pipelines ? { pipelineNames: pipelines } : {}),
    });
    if (!shared) return planned;
    // The shared app takes the name typed on the App step; left as the template made it for the first scope, the
    // template names it for every scope. The connections keep their names from the template.
    const typed = plan.form.app.displayName !== planned.parts[0]!.plan.form.app.displayName;
    const scopes = planned.parts.map((part) => part.scope);
    return withAppName(planned, typed ? plan.form.app.displayName : sharedAppName(scopes, plan.context, template));
  }, [run, plan, bulk.scopes, bulk.limitProblem, services, template, roles, shared]);
  const sharedPlan = useMemo(
    () => (bulkPlan && shared ? planSharedApp(bulkPlan, services.newRunId(), bulkPlan.parts[0]!.plan.form.app.displayName) : undefined),
    [bulkPlan, shared, services],
  );
  // The plan is made again when the role's name arrives (new run ids); the checks depend only on names and scopes.
  const checkKey = bulkPlan
    ? bulkPlan.parts.map((p) => `${armScope(p.scope)}|${p.plan.form.app.displayName}|${p.plan.form.connection.name}`).join("\n")
    : "";
  const [checks] = useAsync(
    bulkPlan && page === "review" ? () => checkBulkPlan(bulkPlan, (form) => services.reviewChecks(form)) : undefined,
    checkKey,
    "Checking",
  );

  if (page === "review" && bulk.limitProblem && !run) return <p role="alert">{`${bulk.limitProblem} Back goes to the Scope step.`}</p>;
  if (page === "review" && shared && !services.startSharedAppRun)
    return <p role="alert">One app registration shared by every scope is not available here. Back goes to the Scope step.</p>;
  if (page === "review" && bulkPlan)
    return (
      <BulkReview
        plan={bulkPlan}
        shared={sharedPlan}
        checks={checks}
        // The Reader at a workspace's subscription (for Verify) would be one assignment for every workspace of it:
        // a shared app's run does not offer it, and saves such connections as "not yet verified".
        mlChoice={shared ? undefined : bulk.mlChoice}
        onCreate={() => {
          const started = bulk.begin((onChange) =>
            sharedPlan && services.startSharedAppRun
              ? services.startSharedAppRun(sharedPlan, onChange)
              : new BulkRun(bulkPlan, (part, partChange) => services.startRun(part, partChange), { onChange }),
          );
          onPage("run");
          void started.start();
        }}
      />
    );
  if (!run || !snapshot || !plan || (page !== "run" && page !== "result")) return null;
  const finish = () => {
    run.dropSecrets();
    onClose();
  };
  if (page === "result")
    return (
      <BulkResultPage
        rows={snapshot.rows}
        connectionUrl={(id) => services.connectionUrl(id)}
        appUrl={(appId) => services.appRegistrationUrl(plan.cloudId, appId)}
        revealSecret={(index) => run.revealSecret(index)}
        onBack={() => onPage("run")}
        onDone={finish}
      />
    );
  return (
    <BulkRunPage
      snapshot={snapshot}
      onRetryFailed={() => void run.retryFailed()}
      onRollbackFailed={() => void run.rollbackFailed()}
      onRollbackAll={() => void run.rollbackAll()}
      onCancel={() => run.cancel()}
      onStartRest={() => void run.start()}
      onResult={() => onPage("result")}
      onClose={finish}
    />
  );
}

/** Every part's form under the one app name, so Review's checks look at the name the shared app gets. */
function withAppName(plan: BulkPlan, displayName: string): BulkPlan {
  const parts = plan.parts.map((part) => ({
    ...part,
    plan: { ...part.plan, form: { ...part.plan.form, app: { ...part.plan.form.app, displayName } } },
  }));
  return { ...plan, parts };
}
