import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useState } from "react";
import { describeScope } from "../../workflows/provisioning/scope";
import type { ConnectionRequest } from "../../workflows/requests/requestDocument";
import type { RequestReviewServices } from "../../workflows/requests/requestServices";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { RequestReview } from "./RequestReview";

/**
 * Organization settings > Azure connections > Requests: open requests first, decided ones after. A request is only a
 * proposal: opening one shows the plan and the checks, and nothing runs without the administrator's own review.
 */
export function RequestsTab({ reviews, linkedId }: { reviews: RequestReviewServices; linkedId?: string }) {
  const [opened, setOpened] = useState<string | undefined>(linkedId);
  const [generation, setGeneration] = useState(0);
  const [list, reload] = useAsync(opened ? undefined : () => reviews.list(), `list|${generation}`, "Reading the requests");
  if (opened) {
    return (
      <RequestReview
        reviews={reviews}
        id={opened}
        onBack={() => {
          setOpened(undefined);
          setGeneration((g) => g + 1);
        }}
      />
    );
  }
  if (list.status === "failed") return <InlineProblem problem={list.problem} onRetry={reload} />;
  if (list.status !== "ready") return <Spinner size={SpinnerSize.large} label="Reading the requests…" />;
  const open = list.value.requests.filter((r) => r.status === "open");
  const decided = list.value.requests.filter((r) => r.status !== "open");
  return (
    <div className="flex-column rhythm-vertical-16" data-testid="requests-tab">
      <Card titleProps={{ text: `Open requests (${open.length})`, ariaLevel: 2 }}>
        {open.length === 0 ? <p className="body-m">No open requests.</p> : <RequestList requests={open} onOpen={setOpened} />}
      </Card>
      {decided.length > 0 && (
        <Card titleProps={{ text: "Decided and withdrawn", ariaLevel: 2 }}>
          <RequestList requests={decided} onOpen={setOpened} />
        </Card>
      )}
      {list.value.unreadable > 0 && (
        <p className="secondary-text" data-testid="requests-unreadable">
          {list.value.unreadable} request document(s) could not be read: they do not pass the hub's checks, so they are not shown and cannot
          be acted on.
        </p>
      )}
    </div>
  );
}

function RequestList({ requests, onOpen }: { requests: ConnectionRequest[]; onOpen: (id: string) => void }) {
  return (
    <ul className="request-list flex-column rhythm-vertical-8 flex-grow">
      {requests.map((r) => (
        <li key={r.id} className="flex-row flex-center rhythm-horizontal-8" data-request={r.id} data-status={r.status}>
          <span className="flex-grow">
            <strong>"{r.asked.connection.name}"</strong> in {r.project.name}: {r.asked.role.roleName} at the {describeScope(r.asked.scope)}.
            Asked by {r.requestedBy.displayName} on {r.requestedAt.slice(0, 10)}
            {r.status !== "open" ? ` (${r.status})` : ""}.
          </span>
          <Button text="Open" ariaLabel={`Open the request for "${r.asked.connection.name}"`} onClick={() => onOpen(r.id)} />
        </li>
      ))}
    </ul>
  );
}
