import type { SharedAppPlan } from "../../workflows/bulk/sharedAppRun";
import { credentialOf } from "../../workflows/provisioning/form";
import { describeScope } from "../../workflows/provisioning/scope";

/** What a run under one shared app creates, object by object: the app, its principal and secret once, then each scope's. */
export function SharedAppObjects({ plan }: { plan: SharedAppPlan }) {
  const first = plan.forms[0]!;
  const coOwners = first.app.coOwnerIds.length;
  const federated = credentialOf(first) === "federation";
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
        {federated ? (
          <li className="plan-item">No client secret: each connection gets its own federated credential on the app</li>
        ) : (
          <li className="plan-item">
            {`Its client secret "${first.secret.description}", expiring ${first.secret.endDateTime.slice(0, 10)}: ` +
              "one secret, used by every connection"}
          </li>
        )}
        {plan.forms.map((form) => (
          <li key={form.connection.name} className="plan-item">
            <strong>{describeScope(form.scope)}</strong>
            <ul>
              <li>{`${form.role.roleName} role assignment for the service principal`}</li>
              <li>{connectionLine(form.connection, federated)}</li>
              {federated && <li>A federated credential on the app for the issuer and subject Azure DevOps reports for it</li>}
              {pipelines && <li>{pipelines}</li>}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function connectionLine(connection: { name: string; verify: boolean }, federated: boolean): string {
  if (federated)
    return `Service connection "${connection.name}", workload identity federation${connection.verify ? ", then verified" : ""}`;
  return `Service connection "${connection.name}"${connection.verify ? ", verified before it is saved" : ""}`;
}
