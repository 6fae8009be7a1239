import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { Problem } from "../../platform/problem";
import { problemText } from "./problemText";
import { SupportDetails } from "./SupportDetails";

/** A problem inside a page: what happened, why, what to do, the actions that fit, and the service's words for support. */
export function InlineProblem({
  problem,
  onRetry,
  children,
  note,
}: {
  problem: Problem;
  onRetry?: () => void;
  children?: React.ReactNode;
  note?: string;
}) {
  const text = problemText(problem);
  return (
    <MessageCard severity={MessageCardSeverity.Error} className="inline-problem">
      <div className="flex-column rhythm-vertical-8">
        <strong>{text.title}</strong>
        <span>{text.detail}</span>
        {note && <span data-testid="problem-note">{note}</span>}
        <span>
          <strong>What to do: </strong>
          {text.action}
        </span>
        <SupportDetails text={text.supportDetails} />
        {(onRetry || children) && (
          <div className="flex-row rhythm-horizontal-8">
            {onRetry && <Button text="Retry" onClick={onRetry} />}
            {children}
          </div>
        )}
      </div>
    </MessageCard>
  );
}
