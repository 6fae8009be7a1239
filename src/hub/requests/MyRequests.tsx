import "./requests.css";
import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { Link } from "azure-devops-ui/Link";
import { useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { describeScope } from "../../workflows/provisioning/scope";
import type { RequesterServices, RequestWithConnection } from "../../workflows/requests/requestServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";

const day = (iso: string) => iso.slice(0, 10);

/** What the administrator decided, in the requester's words; the role is the one recorded as assigned. */
function Decision({ entry }: { entry: RequestWithConnection }) {
  const { request } = entry;
  const decision = request.decision;
  switch (request.status) {
    case "open":
      return <span>Waiting for an administrator (asked on {day(request.requestedAt)}).</span>;
    case "withdrawn":
      return <span>You withdrew this request.</span>;
    case "rejected":
      return (
        <span>
          Rejected by {decision?.by.displayName} on {day(decision?.at ?? "")}. Reason: {decision?.reason}
        </span>
      );
    case "approved": {
      const role = decision?.roleChange?.assigned ?? request.asked.role;
      return (
        <span className="flex-column">
          <span>
            Approved by {decision?.by.displayName} on {day(decision?.at ?? "")}, with the role {role.roleName}.
          </span>
          {decision?.roleChange && (
            <span data-testid="role-changed">
              The role was changed from {decision.roleChange.original.roleName} to {decision.roleChange.assigned.roleName} by{" "}
              {decision.roleChange.changedBy.displayName}.
            </span>
          )}
        </span>
      );
    }
  }
}

/** The connection as Azure DevOps has it now: the request's status is only what someone wrote. */
function RealState({ entry, requests }: { entry: RequestWithConnection; requests: RequesterServices }) {
  const { connection, request } = entry;
  if (request.status === "withdrawn") return null;
  if (connection.kind === "unknown") return <span>Could not read the connection from Azure DevOps: {connection.problem.title}</span>;
  if (connection.kind === "absent")
    return (
      <span data-connection="absent">
        {request.status === "approved"
          ? "Azure DevOps has no connection with the recorded id in this project now."
          : `No connection named "${request.asked.connection.name}" exists in this project yet.`}
      </span>
    );
  return (
    <span data-connection="exists">
      In Azure DevOps now:{" "}
      <Link href={requests.connectionUrl(connection.id)} target="_blank" rel="noopener noreferrer">
        {connection.name}
      </Link>
    </span>
  );
}

/** The home page's list of the person's requests to administrators, with what happened to each. */
export function MyRequestsCard({ requests }: { requests: RequesterServices }) {
  const [generation, setGeneration] = useState(0);
  const [mine, reload] = useAsync(() => requests.mine(), `mine|${generation}`, "Reading your requests");
  const [problem, setProblem] = useState<Problem>();
  const act = (what: string, action: () => Promise<unknown>) => () => {
    setProblem(undefined);
    action().then(
      () => setGeneration((g) => g + 1),
      (error: unknown) => setProblem(describeError(error, { step: what })),
    );
  };
  if (mine.status === "failed") return <InlineProblem problem={mine.problem} onRetry={reload} />;
  if (mine.status !== "ready" || (mine.value.requests.length === 0 && mine.value.unreadable === 0)) return null;
  return (
    <Card titleProps={{ text: "Your requests to administrators", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-8 my-requests">
        {problem && <InlineProblem problem={problem} />}
        <ul className="flex-column rhythm-vertical-16">
          {mine.value.requests.map((entry) => (
            <li
              key={entry.request.id}
              className="flex-column rhythm-vertical-4"
              data-request={entry.request.id}
              data-status={entry.request.status}
            >
              <strong>
                You asked for "{entry.request.asked.connection.name}" with the role {entry.request.asked.role.roleName} at the{" "}
                {describeScope(entry.request.asked.scope)}
              </strong>
              <Decision entry={entry} />
              <RealState entry={entry} requests={requests} />
              <div className="flex-row rhythm-horizontal-8">
                {entry.request.status === "open" ? (
                  <Button text="Withdraw" onClick={act("Withdrawing the request", () => requests.withdraw(entry.request.id))} />
                ) : (
                  <Button text="Clear" onClick={act("Clearing the request", () => requests.clear(entry.request.id))} />
                )}
              </div>
            </li>
          ))}
        </ul>
        {mine.value.unreadable > 0 && (
          <p className="secondary-text">{mine.value.unreadable} request(s) in this organization could not be read and are not shown.</p>
        )}
      </div>
    </Card>
  );
}
