import type { SharedAppPlan } from "../../workflows/bulk/sharedAppRun";
import { describeScope } from "../../workflows/provisioning/scope";

/** What a run under one shared app creates, object by object: the app, its principal and secret once, then each scope's. */
export function SharedAppObjects({ plan }: { plan: SharedAppPlan }) {
  const first = plan.forms[0]!;
  const coOwners = first.app.coOwnerIds.length;
  const pipelines = first.connection.allPipelines
    ? "access for all pipelines"
    : first.connection.pipelineIds.length > 0
      ? `access for ${first.connection.pipelineIds.length} pipeline(s)`
      : undefined;
  return (
    <section aria-label="What this run creates">
      <h3 className="title-xs">What this run creates</h3>
      <ol className="plan-list" data-testid="shared-app-objects">
        <li className="plan-item">
          <strong>{`App registration "${first.app.displayName}"`}</strong>
          {`, tagged with this run${coOwners > 0 ? `, with ${coOwners} co-owner(s)` : ""}`}
        </li>
        <li className="plan-item">Its service principal (enterprise application)</li>
        <li className="plan-item">
          {`Its client secret "${first.secret.description}", expiring ${first.secret.endDateTime.slice(0, 10)}: ` +
            "one secret, used by every connection"}
        </li>
        {plan.forms.map((form) => (
          <li key={form.connection.name} className="plan-item">
            <strong>{describeScope(form.scope)}</strong>
            <ul>
              <li>{`${form.role.roleName} role assignment for the service principal`}</li>
              <li>{`Service connection "${form.connection.name}"${form.connection.verify ? ", verified before it is saved" : ""}`}</li>
              {pipelines && <li>{pipelines}</li>}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
