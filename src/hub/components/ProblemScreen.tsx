import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { Problem } from "../../platform/problem";

/** A readable full-page error: what happened, why, and what to do. MessageCard announces itself as an alert. */
export function ProblemScreen({ problem }: { problem: Problem }) {
  return (
    <div className="page-content page-content-top">
      <MessageCard severity={MessageCardSeverity.Error} className="problem-screen">
        <div className="flex-column rhythm-vertical-8">
          <h2 className="title-s problem-title">{problem.title}</h2>
          <p className="problem-detail">{problem.detail}</p>
          <p className="problem-action">
            <strong>What to do: </strong>
            {problem.action}
          </p>
        </div>
      </MessageCard>
    </div>
  );
}
