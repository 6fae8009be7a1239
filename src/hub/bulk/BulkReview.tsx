import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { anyBlocks, partFindings, registerAppsHint, type BulkChecks } from "../../workflows/bulk/bulkChecks";
import { DEFAULT_BULK_CONCURRENCY } from "../../workflows/bulk/bulkLimits";
import type { BulkPlan } from "../../workflows/bulk/bulkPlan";
import type { SharedAppPlan } from "../../workflows/bulk/sharedAppRun";
import { credentialOf } from "../../workflows/provisioning/form";
import { describeScope } from "../../workflows/provisioning/scope";
import type { AsyncState } from "../common/useAsync";
import { planWithMlVerification } from "../wizard/mlVerification";
import { MlVerificationGroup, PlanObjectList, type MlVerificationChoice } from "../wizard/pages/ReviewPage";
import { SharedAppObjects } from "./SharedAppObjects";

/** Review of a bulk run: every scope with the names its app and connection get, then what each scope's run creates. */
export function BulkReview({
  plan,
  shared,
  checks,
  mlChoice,
  onCreate,
}: {
  plan: BulkPlan;
  /** One app registration shared by every scope: the run and the objects it makes. */
  shared?: SharedAppPlan | undefined;
  checks: AsyncState<BulkChecks>;
  mlChoice?: MlVerificationChoice | undefined;
  onCreate: () => void;
}) {
  const first = plan.parts[0]!.plan;
  // With the workspace choice on the page, its generic warning about Verify goes, as on a single run's Review.
  const warnings = mlChoice ? planWithMlVerification(first, first.form).warnings : plan.warnings;
  const ready = checks.status === "ready" ? checks.value : undefined;
  const registerApps = ready ? registerAppsHint(ready) : undefined;
  const blocked =
    checks.status === "loading" || checks.status === "idle"
      ? "Create is available once the checks have finished."
      : ready && anyBlocks(ready)
        ? "Create is not available while a check says a scope would fail: fix it first (Back goes to the fields)."
        : mlChoice && !mlChoice.value
          ? "Choose how to verify the connections first."
          : undefined;
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        {shared
          ? `Creating runs ${plan.parts.length} connections from your browser, as you: ${sharedWhat(shared)}, a role ` +
            "assignment and a connection for each. A scope that fails does not stop the others. Nothing is created until you " +
            "choose Create."
          : `Creating runs ${plan.parts.length} connections from your browser, as you: one app registration per scope, ` +
            `${DEFAULT_BULK_CONCURRENCY} scopes at a time. A scope that fails does not stop the others. Nothing is created ` +
            "until you choose Create."}
      </p>
      <table className="bulk-review-table">
        <caption className="title-xs">The scopes, and what each gets</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">App registration</th>
            <th scope="col">Service connection</th>
            <th scope="col">Role</th>
            <th scope="col">Checks</th>
          </tr>
        </thead>
        <tbody>
          {plan.parts.map((part) => (
            <tr key={part.plan.runId}>
              <td>{describeScope(part.scope)}</td>
              <td>{part.plan.form.app.displayName}</td>
              <td>{part.plan.form.connection.name}</td>
              <td>{part.plan.form.role.roleName}</td>
              <td>
                {ready ? findingsText(partFindings(ready, part.plan.runId)) : checks.status === "failed" ? "Not checked" : "Checking…"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shared && <SharedAppObjects plan={shared} />}
      {!shared && (
        <section aria-label="What each scope's run creates">
          <h3 className="title-xs">{`For each scope, as for the first (${describeScope(first.form.scope)}):`}</h3>
          <PlanObjectList objects={first.objects} />
          <h3 className="title-xs">Steps of each scope, in the order they run</h3>
          <ol className="plan-steps">
            {first.steps
              .filter((step) => step.applies)
              .map((step) => (
                <li key={step.id}>{step.title}</li>
              ))}
          </ol>
        </section>
      )}
      {warnings.map((warning) => (
        <MessageCard key={warning} severity={MessageCardSeverity.Warning}>
          {warning}
        </MessageCard>
      ))}
      {mlChoice && <MlVerificationGroup choice={mlChoice} />}
      {checks.status === "failed" && (
        <p role="status">{`The checks could not run: ${checks.problem.title} They are hints only; you can still create.`}</p>
      )}
      {registerApps && registerApps.status !== "ok" && (
        <MessageCard severity={MessageCardSeverity.Warning}>{registerApps.text}</MessageCard>
      )}
      <p className="secondary-text">Secrets are never shown for many connections at once; the result offers each one's on its own line.</p>
      <div className="flex-column rhythm-vertical-8">
        {blocked && (
          <p className="secondary-text" id="bulk-create-blocked">
            {blocked}
          </p>
        )}
        <div>
          <Button
            primary
            text={`Create ${plan.parts.length} connections`}
            onClick={onCreate}
            disabled={Boolean(blocked)}
            {...(blocked ? { ariaDescribedBy: "bulk-create-blocked" } : {})}
          />
        </div>
      </div>
    </div>
  );
}

function findingsText(findings: readonly { text: string }[]): string {
  return findings.length === 0 ? "No problem found" : findings.map((f) => f.text).join(" ");
}

function sharedWhat(shared: SharedAppPlan): string {
  return credentialOf(shared.forms[0]!) === "federation"
    ? "one app registration shared by every scope, with no secret (a federated credential per connection)"
    : "one app registration with one client secret shared by every scope";
}
