import { Button } from "azure-devops-ui/Button";
import { MessageCard, MessageCardSeverity } from "azure-devops-ui/MessageCard";
import type { Problem } from "../../platform/problem";

/** A problem inside a page: what happened, why, what to do, and the actions that fit. */
export function InlineProblem({ problem, onRetry, children }: { problem: Problem; onRetry?: () => void; children?: React.ReactNode }) {
  return (
    <MessageCard severity={MessageCardSeverity.Error} className="inline-problem">
      <div className="flex-column rhythm-vertical-8">
        <strong>{problem.title}</strong>
        <span>{problem.detail}</span>
        <span>
          <strong>What to do: </strong>
          {problem.action}
        </span>
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
