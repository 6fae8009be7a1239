import { Button } from "azure-devops-ui/Button";
import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { describeCleanUp, type ActionCleanUp } from "../../workflows/connections/actionCleanUp";
import type { InventoryRow } from "../../workflows/connections/inventory";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ActionProgress } from "./ActionProgress";
import type { TabServices } from "./tabServices";
import { useActionRun } from "./useActionRun";

/**
 * Clean up after a stopped rotation or conversion, from its journal: exactly what it created and the connection does
 * not use (each checked to be the extension's before it goes), then the journal is marked done. Nothing is guessed.
 */
export function CleanUpAction({ services, row, onClose }: { services: TabServices; row: InventoryRow; onClose: () => void }) {
  const [plan, reload] = useAsync(
    () => services.planCleanUp(row),
    `${row.facts.id}:${row.unfinishedAction?.id ?? ""}`,
    "Reading the journal",
  );
  const cleanUp = useActionRun<ActionCleanUp>();

  if (cleanUp.snapshot && cleanUp.run) {
    const removed = (cleanUp.run.created.removedKeyIds?.length ?? 0) + (cleanUp.run.created.removedCredentialIds?.length ?? 0);
    return (
      <ActionProgress
        snapshot={cleanUp.snapshot}
        now={() => services.now().getTime()}
        outcome={`Cleaned up: ${removed === 1 ? "1 object was" : `${removed} objects were`} removed; the stopped action is marked done.`}
        onRetry={cleanUp.retry}
        onCancel={cleanUp.cancel}
        onClose={onClose}
      />
    );
  }
  if (plan.status === "failed") return <InlineProblem problem={plan.problem} onRetry={reload} />;
  if (plan.status !== "ready") return <Spinner size={SpinnerSize.medium} label="Reading what the stopped action created…" />;
  if (!plan.value)
    return (
      <div className="flex-column rhythm-vertical-16">
        <p className="body-m">The stopped action's journal is no longer kept, so there is nothing to clean up from here.</p>
        <Button text="Close" onClick={onClose} />
      </div>
    );
  const value = plan.value;
  const lines = describeCleanUp(value);
  return (
    <div className="flex-column rhythm-vertical-16">
      <p className="body-m">
        {lines.length > 0
          ? "The stopped action created these, and the connection does not use them. Each is checked to be this extension's before it goes."
          : "The stopped action created nothing the connection does not use. Clean up only marks it as done."}
      </p>
      {lines.length > 0 && (
        <div role="region" aria-label="What will be removed">
          <ul>
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="flex-row rhythm-horizontal-8">
        <Button
          primary
          text={lines.length > 0 ? "Clean up" : "Mark as done"}
          onClick={() => cleanUp.begin((onChange) => services.startCleanUp(row, value, onChange))}
        />
        <Button text="Cancel" onClick={onClose} />
      </div>
    </div>
  );
}
