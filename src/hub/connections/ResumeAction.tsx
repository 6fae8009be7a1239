import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useRef } from "react";
import type { ConnectionDeletion } from "../../workflows/connections/connectionDeletion";
import type { InventoryRow } from "../../workflows/connections/inventory";
import type { SecretRotation } from "../../workflows/connections/secretRotation";
import { InlineProblem } from "../common/InlineProblem";
import { useAsync } from "../common/useAsync";
import { ActionProgress } from "./ActionProgress";
import type { TabServices } from "./tabServices";
import { useActionRun } from "./useActionRun";

/** Resume a stopped rotation or deletion from its journal: the same action, its done steps kept, the rest run now. */
export function ResumeAction({ services, row, onClose }: { services: TabServices; row: InventoryRow; onClose: () => void }) {
  const action = useActionRun<SecretRotation | ConnectionDeletion>();
  const [resumed, reload] = useAsync(
    () => services.resumeAction(row, action.onChange),
    `resume|${row.unfinishedAction?.id ?? ""}`,
    "Reading the stopped action's journal",
  );
  const begun = useRef(false);
  useEffect(() => {
    if (resumed.status !== "ready" || begun.current) return;
    begun.current = true;
    action.begin(() => resumed.value);
  }, [resumed, action]);

  if (resumed.status === "failed") return <InlineProblem problem={resumed.problem} onRetry={reload} />;
  if (!action.snapshot || !action.run) return <Spinner size={SpinnerSize.medium} label="Resuming the stopped action…" />;
  const succeeded = action.snapshot.status === "succeeded";
  return (
    <ActionProgress
      snapshot={action.snapshot}
      now={() => services.now().getTime()}
      outcome={succeeded ? "The stopped action was resumed and finished." : "The stopped action was undone."}
      onRetry={action.retry}
      onCancel={action.cancel}
      onClose={onClose}
    />
  );
}
