import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { Problem } from "../../platform/problem";
import { problemText } from "../common/problemText";
import { SupportDetails } from "../common/SupportDetails";

/** A readable full-page error: what happened, why, and what to do. MessageCard announces itself as an alert. */
export function ProblemScreen({ problem }: { problem: Problem }) {
  const text = problemText(problem);
  return (
    <div className="page-content page-content-top">
      <MessageCard severity={MessageCardSeverity.Error} className="problem-screen">
        <div className="flex-column rhythm-vertical-8">
          <h2 className="title-s problem-title">{text.title}</h2>
          <p className="problem-detail">{text.detail}</p>
          <p className="problem-action">
            <strong>What to do: </strong>
            {text.action}
          </p>
          <SupportDetails text={text.supportDetails} />
        </div>
      </MessageCard>
    </div>
  );
}
