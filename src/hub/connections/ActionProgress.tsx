import { Button } from "azure-devops-ui/Button";
import type { ReactNode } from "react";
import type { RunSnapshot } from "../../workflows/engine/workflowTypes";
import { InlineProblem } from "../common/InlineProblem";
import { LeftBehindList } from "../common/LeftBehindList";
import { RunPage } from "../wizard/pages/RunPage";

const noop = () => undefined;

/**
 * The guided form's Run page shows the steps (status, time, replication waits, Cancel). The outcome, the problem and
 * the actions that fit (Retry, Undo, Done) are the Connections tab's own: what can be undone differs per action, so
 * the steps are handed over without the problem and with the outcome left to this component.
 */
function progressOnly(snapshot: RunSnapshot): RunSnapshot {
  const moving = snapshot.status === "running" || snapshot.status === "rollingBack";
  return { steps: snapshot.steps, status: moving ? snapshot.status : "succeeded" };
}

export interface ActionProgressProps {
  snapshot: RunSnapshot;
  now: () => number;
  /** What happened, in words, once the action ended (success or a rollback). */
  outcome?: ReactNode;
  /** Offered when a step failed and the action can go on from it. */
  onRetry?: () => void;
  /** Offered while the action can still be undone. */
  onUndo?: () => void;
  onCancel: () => void;
  onClose: () => void;
  /** Offered after the action stopped and undid itself: start it again. */
  onStartOver?: () => void;
  /** False when what follows the action offers its own way out. */
  closable?: boolean;
}

export function ActionProgress({
  snapshot,
  now,
  outcome,
  onRetry,
  onUndo,
  onCancel,
  onClose,
  onStartOver,
  closable = true,
}: ActionProgressProps) {
  const moving = snapshot.status === "running" || snapshot.status === "rollingBack";
  const stopped = snapshot.status === "failed" || snapshot.status === "rollbackFailed" || snapshot.status === "rollbackIncomplete";
  const finished = snapshot.status === "succeeded" || snapshot.status === "rolledBack";
  return (
    <div className="action-progress flex-column rhythm-vertical-16">
      <RunPage
        snapshot={progressOnly(snapshot)}
        now={now}
        connectionName=""
        onRetry={noop}
        onRollback={noop}
        onCancel={onCancel}
        onRename={() => undefined}
        onShorterLifetime={noop}
        onSignInAgain={noop}
      />
      {finished && outcome && (
        <div className="action-outcome" role="status" data-testid="action-outcome">
          {outcome}
        </div>
      )}
      {!moving && <LeftBehindList left={snapshot.leftBehind} />}
      {snapshot.problem && !moving && (stopped || snapshot.status === "rolledBack") && (
        <InlineProblem problem={snapshot.problem} {...(stopped && onRetry ? { onRetry } : {})}>
          {stopped && onUndo && <Button text="Undo" onClick={onUndo} />}
        </InlineProblem>
      )}
      {!moving && (closable || snapshot.status !== "succeeded") && (
        <div className="flex-row rhythm-horizontal-8">
          {snapshot.status === "rolledBack" && onStartOver && <Button primary text="Try again" onClick={onStartOver} />}
          <Button primary={snapshot.status === "succeeded"} text="Done" onClick={onClose} />
        </div>
      )}
    </div>
  );
}
