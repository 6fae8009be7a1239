import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { DEFAULT_BULK_CONCURRENCY } from "../../workflows/bulk/bulkLimits";
import type { BulkPlan } from "../../workflows/bulk/bulkPlan";
import { describeScope } from "../../workflows/provisioning/scope";

/** Review of a bulk run: every scope with the names its app and connection get, then what each scope's run creates. */
export function BulkReview({ plan, onCreate }: { plan: BulkPlan; onCreate: () => void }) {
  const first = plan.parts[0]!.plan;
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        {`Creating runs ${plan.parts.length} connections from your browser, as you: one app registration per scope, ` +
          `${DEFAULT_BULK_CONCURRENCY} scopes at a time. A scope that fails does not stop the others. Nothing is created until you ` +
          "choose Create."}
      </p>
      <table className="bulk-review-table">
        <caption className="title-xs">The scopes, and what each gets</caption>
        <thead>
          <tr>
            <th scope="col">Scope</th>
            <th scope="col">App registration</th>
            <th scope="col">Service connection</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {plan.parts.map((part) => (
            <tr key={part.plan.runId}>
              <td>{describeScope(part.scope)}</td>
              <td>{part.plan.form.app.displayName}</td>
              <td>{part.plan.form.connection.name}</td>
              <td>{part.plan.form.role.roleName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-label="What each scope's run creates">
        <h3 className="title-xs">{`For each scope, as for the first (${describeScope(first.form.scope)}):`}</h3>
        <ol className="plan-list">
          {first.objects.map((object, index) => (
            <li key={`${object.kind}-${index}`} className="plan-item">
              <strong>{object.title}</strong>
              <ul>
                {object.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
        <h3 className="title-xs">Steps of each scope, in the order they run</h3>
        <ol className="plan-steps">
          {first.steps
            .filter((step) => step.applies)
            .map((step) => (
              <li key={step.id}>{step.title}</li>
            ))}
        </ol>
      </section>
      {plan.warnings.map((warning) => (
        <MessageCard key={warning} severity={MessageCardSeverity.Warning}>
          {warning}
        </MessageCard>
      ))}
      <p className="secondary-text">Secrets are never shown for many connections at once; the result offers each one's on its own line.</p>
      <div>
        <Button primary text={`Create ${plan.parts.length} connections`} onClick={onCreate} />
      </div>
    </div>
  );
}
