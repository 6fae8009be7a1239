import { Button } from "azure-devops-ui/Button";
import { Dropdown } from "azure-devops-ui/Dropdown";
import { Status, StatusSize, Statuses, type IStatusProps } from "azure-devops-ui/Status";
import { TextField } from "azure-devops-ui/TextField";
import { useEffect, useMemo, useState } from "react";
import type { RunSnapshot, StepState } from "../../../workflows/engine/workflowTypes";
import { SECRET_LIFETIMES } from "../../../workflows/provisioning/draft";
import { Field } from "../../common/Field";
import { InlineProblem } from "../../common/InlineProblem";
import { LeftBehindList } from "../../common/LeftBehindList";
import { lostAnswerNote } from "../../common/problemText";
import { useSelection } from "../useSelection";

export interface RunPageProps {
  snapshot: RunSnapshot;
  now: () => number;
  connectionName: string;
  onRetry: () => void;
  onRollback: () => void;
  onCancel: () => void;
  onRename: (name: string) => string | undefined;
  onShorterLifetime: (days: number) => void;
  onSignInAgain: () => void;
  /** Offered when verification failed for good (bring your own app registration). */
  onSaveWithoutVerification?: () => void;
  /** Leaves the run once it was rolled back. */
  onClose?: () => void;
}

const STATUS: Record<StepState["status"], { props: IStatusProps; label: string }> = {
  waiting: { props: Statuses.Queued, label: "Waiting" },
  running: { props: Statuses.Running, label: "Running" },
  done: { props: Statuses.Success, label: "Done" },
  failed: { props: Statuses.Failed, label: "Failed" },
  skipped: { props: Statuses.Skipped, label: "Skipped" },
  undoing: { props: Statuses.Running, label: "Removing" },
  undone: { props: Statuses.Canceled, label: "Removed" },
};

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function useTicker(active: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => t + 1), 500);
    return () => clearInterval(timer);
  }, [active]);
}

/** Step 8: live progress of every step, and what to do when one fails. */
export function RunPage({
  snapshot,
  now,
  connectionName,
  onRetry,
  onRollback,
  onCancel,
  onRename,
  onShorterLifetime,
  onSignInAgain,
  onSaveWithoutVerification,
  onClose,
}: RunPageProps) {
  const active = snapshot.status === "running" || snapshot.status === "rollingBack";
  useTicker(active);
  const [newName, setNewName] = useState(connectionName);
  const [renameError, setRenameError] = useState<string>();
  const lifetimes = useMemo(() => SECRET_LIFETIMES.filter((d) => d < 730).map((d) => ({ id: String(d), text: `${d} days` })), []);
  const [lifetime, setLifetime] = useState("90");
  const lifetimeSelection = useSelection(lifetimes, lifetime);
  const problem = snapshot.problem;
  // A run that has not begun (every step still waiting) has nothing to resume or roll back: no controls until it starts.
  const begun = snapshot.steps.some((s) => s.status !== "waiting");
  const failedStep = snapshot.steps.find((s) => s.status === "failed");
  const lostNote = problem && snapshot.status === "failed" ? lostAnswerNote(failedStep?.id, failedStep?.problem ?? problem) : undefined;

  return (
    <div className="flex-column rhythm-vertical-16">
      <ol className="run-steps" aria-label="Progress" aria-live="polite">
        {snapshot.steps.map((step) => {
          const elapsed = step.startedAt !== undefined ? (step.endedAt ?? now()) - step.startedAt : undefined;
          return (
            <li key={step.id} className="run-step flex-row flex-center rhythm-horizontal-8" data-step={step.id} data-status={step.status}>
              <Status
                {...STATUS[step.status].props}
                size={StatusSize.m}
                animated={step.status === "running"}
                ariaLabel={STATUS[step.status].label}
              />
              <span className="run-step-title">{step.title}</span>
              <span className="secondary-text">
                {STATUS[step.status].label}
                {elapsed !== undefined && step.status !== "waiting" ? ` · ${seconds(elapsed)}` : ""}
                {step.note ? ` · ${step.note}` : ""}
              </span>
              {step.waiting && (
                <span className="run-step-waiting">
                  {step.waiting.reason}: trying again in {seconds(step.waiting.delayMs)} (waiting at most{" "}
                  {seconds(step.waiting.maxTotalWaitMs)} in all)
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {active && snapshot.status === "running" && (
        <div>
          <Button text="Cancel" onClick={onCancel} />
        </div>
      )}
      {snapshot.status === "ready" && !begun && <p className="secondary-text">Starting…</p>}
      {snapshot.status === "ready" && begun && (
        <div className="flex-row rhythm-horizontal-8">
          <Button primary text="Resume" onClick={onRetry} />
          <Button text="Roll back" onClick={onRollback} />
        </div>
      )}
      {snapshot.status === "rolledBack" && (
        <div className="flex-column rhythm-vertical-8">
          <p data-testid="rolled-back">Everything this run created was removed.</p>
          {onClose && (
            <div>
              <Button text="Close" onClick={onClose} />
            </div>
          )}
        </div>
      )}
      {snapshot.status !== "running" && snapshot.status !== "rollingBack" && <LeftBehindList left={snapshot.leftBehind} />}
      {problem && (snapshot.status === "failed" || snapshot.status === "rollbackFailed" || snapshot.status === "rollbackIncomplete") && (
        <InlineProblem
          problem={problem}
          onRetry={snapshot.status === "failed" ? onRetry : undefined}
          {...(lostNote ? { note: lostNote } : {})}
        >
          <Button text={snapshot.status === "failed" ? "Roll back" : "Retry the roll back"} onClick={onRollback} />
        </InlineProblem>
      )}
      {problem?.remedy === "renameConnection" && snapshot.status === "failed" && (
        <div className="flex-row rhythm-horizontal-8">
          <Field label="New service connection name" error={renameError}>
            <TextField value={newName} onChange={(_, value) => setNewName(value)} ariaLabel="New service connection name" />
          </Field>
          <Button
            text="Rename and continue"
            onClick={() => {
              const error = onRename(newName);
              setRenameError(error);
            }}
          />
        </div>
      )}
      {problem?.remedy === "shorterSecretLifetime" && snapshot.status === "failed" && (
        <div className="flex-row rhythm-horizontal-8">
          <Field label="Shorter lifetime">
            <Dropdown
              items={lifetimes}
              selection={lifetimeSelection}
              onSelect={(_, item) => setLifetime(item.id)}
              ariaLabel="Shorter lifetime"
            />
          </Field>
          <Button text="Use this lifetime and continue" onClick={() => onShorterLifetime(Number(lifetime))} />
        </div>
      )}
      {problem?.remedy === "saveWithoutVerification" && snapshot.status === "failed" && onSaveWithoutVerification && (
        <div>
          <Button text="Save without verification" onClick={onSaveWithoutVerification} />
        </div>
      )}
      {problem?.remedy === "signInAgain" && snapshot.status === "failed" && (
        <div>
          <Button text="Sign in again and continue" onClick={onSignInAgain} />
        </div>
      )}
    </div>
  );
}
