import { Button } from "azure-devops-ui/Button";
import { Card } from "azure-devops-ui/Card";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { TextField, TextFieldWidth } from "azure-devops-ui/TextField";
import { useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import type { ConnectionRequest } from "../../workflows/requests/requestDocument";
import { validateReason } from "../../workflows/requests/requests";
import type { RequestReviewServices } from "../../workflows/requests/requestServices";
import { Field } from "../common/Field";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ApproveRequest } from "./ApproveRequest";
import { RequestSummary } from "./RequestSummary";

/** One request, opened by an administrator: who asked and why, then Approve and create, or Reject with a reason. */
export function RequestReview({ reviews, id, onBack }: { reviews: RequestReviewServices; id: string; onBack: () => void }) {
  const [generation, setGeneration] = useState(0);
  const [loaded, reload] = useAsync(() => reviews.get(id), `${id}|${generation}`, "Reading the request");
  const request = loaded.status === "ready" ? loaded.value : undefined;
  return (
    <div className="flex-column rhythm-vertical-16" data-testid="request-review">
      <div>
        <Button text="Back to the requests" iconProps={{ iconName: "Back" }} onClick={onBack} />
      </div>
      {loaded.status === "loading" && <Spinner size={SpinnerSize.large} label="Reading the request…" />}
      {loaded.status === "failed" && <InlineProblem problem={loaded.problem} onRetry={reload} />}
      {loaded.status === "ready" && !request && (
        <InlineProblem
          problem={{
            title: "This request is gone or could not be read.",
            detail: "It was cleared, or its document does not pass the hub's checks (anyone can write extension data).",
            action: "Go back to the list.",
          }}
        />
      )}
      {request && (
        <>
          <RequestSummary request={request} />
          {request.status === "open" ? (
            <OpenRequest reviews={reviews} request={request} onDecided={() => setGeneration((g) => g + 1)} />
          ) : (
            <ClearRequest reviews={reviews} request={request} onCleared={onBack} />
          )}
        </>
      )}
    </div>
  );
}

function OpenRequest({
  reviews,
  request,
  onDecided,
}: {
  reviews: RequestReviewServices;
  request: ConnectionRequest;
  onDecided: () => void;
}) {
  const [project] = useAsync(() => reviews.findProject(request.project.id), request.project.id, "Finding the request's project");
  const visible = project.status === "ready" ? project.value : undefined;
  const [hub] = useAsync(visible ? () => reviews.provisioningFor(visible) : undefined, visible?.id ?? "", "Preparing the run");
  const [approved, setApproved] = useState(false);
  return (
    <>
      <Card titleProps={{ text: "Approve and create", ariaLevel: 2 }}>
        <div className="flex-column rhythm-vertical-16 flex-grow">
          {project.status === "loading" && <Spinner label="Finding the project…" />}
          {project.status === "failed" && <InlineProblem problem={project.problem} />}
          {project.status === "ready" && !visible && (
            <InlineProblem
              problem={{
                title: "The request's project is not one you can see.",
                detail: `Azure DevOps lists no project with the id ${request.project.id} for you: the connection cannot be made there.`,
                action: "Ask a Project Collection Administrator to check the project, or reject the request.",
              }}
            />
          )}
          {hub.status === "failed" && <InlineProblem problem={hub.problem} />}
          {hub.status === "ready" && (
            <ApproveRequest hub={hub.value} request={request} reviews={reviews} onApproved={() => setApproved(true)} />
          )}
        </div>
      </Card>
      {!approved && <RejectRequest reviews={reviews} request={request} onRejected={onDecided} />}
    </>
  );
}

function RejectRequest({
  reviews,
  request,
  onRejected,
}: {
  reviews: RequestReviewServices;
  request: ConnectionRequest;
  onRejected: () => void;
}) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const reject = () => {
    const invalid = validateReason(reason);
    setError(invalid);
    if (invalid) return;
    reviews.reject(request.id, reason).then(onRejected, (e: unknown) => setProblem(describeError(e, { step: "Rejecting the request" })));
  };
  return (
    <Card titleProps={{ text: "Reject", ariaLevel: 2 }}>
      <div className="flex-column rhythm-vertical-16 flex-grow">
        <Field label="Reason for rejecting" required error={error} hint={`Shown to ${request.requestedBy.displayName}.`}>
          <TextField value={reason} multiline rows={3} width={TextFieldWidth.auto} onChange={(_e, v) => setReason(v)} maxLength={1000} />
        </Field>
        {problem && <InlineProblem problem={problem} />}
        <div>
          <Button text="Reject" onClick={reject} />
        </div>
      </div>
    </Card>
  );
}

function ClearRequest({
  reviews,
  request,
  onCleared,
}: {
  reviews: RequestReviewServices;
  request: ConnectionRequest;
  onCleared: () => void;
}) {
  const [problem, setProblem] = useState<Problem>();
  return (
    <div className="flex-column rhythm-vertical-8">
      <MessageCard severity={MessageCardSeverity.Info}>
        This request is {request.status}. Clearing removes it from the list; the requester no longer sees it either.
      </MessageCard>
      {problem && <InlineProblem problem={problem} />}
      <div>
        <Button
          text="Clear"
          onClick={() =>
            reviews.clear(request.id).then(onCleared, (e: unknown) => setProblem(describeError(e, { step: "Clearing the request" })))
          }
        />
      </div>
    </div>
  );
}
