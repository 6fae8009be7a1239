import "./requests.css";
import { Card } from "azure-devops-ui/Card";
import { describeScope } from "../../workflows/provisioning/scope";
import type { ConnectionRequest } from "../../workflows/requests/requestDocument";

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** Who asked, for what, why and when; and what was decided. Every value is shown as text, as the request's writer put it. */
export function RequestSummary({ request }: { request: ConnectionRequest }) {
  const decision = request.decision;
  return (
    <Card titleProps={{ text: `Request for "${request.asked.connection.name}"`, ariaLevel: 2 }}>
      <dl className="request-summary flex-column rhythm-vertical-4">
        <div>
          <dt>Asked by</dt>
          <dd>
            {request.requestedBy.displayName}, {when(request.requestedAt)}
          </dd>
        </div>
        <div>
          <dt>Project</dt>
          <dd>{request.project.name}</dd>
        </div>
        <div>
          <dt>Why</dt>
          <dd className="request-reason">{request.reason}</dd>
        </div>
        <div>
          <dt>Asked for</dt>
          <dd>
            The role the request names "{request.asked.role.roleName}" (id {request.asked.role.id}) at the{" "}
            {describeScope(request.asked.scope)}. Review below names it as Azure defines that id.
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="request-status">
            {request.status}
            {decision && `, by ${decision.by.displayName} on ${when(decision.at)}`}
            {decision?.reason && `: ${decision.reason}`}
            {decision?.roleChange &&
              ` (role changed from ${decision.roleChange.original.roleName} to ${decision.roleChange.assigned.roleName})`}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
