import { useCallback, useState } from "react";
import type { RunSnapshot } from "../../workflows/engine/workflowTypes";
import type { CreatedObjects } from "../../workflows/provisioning/journal";
import type { ProvisioningRun } from "../../workflows/provisioning/provisioningRun";

export type RunAction = "start" | "retry" | "rollback";

/**
 * The guided form's run as React state: the run object, its newest snapshot and what it created so far. `execute`
 * starts, retries or rolls it back and reports the final snapshot.
 */
export function useWizardRun() {
  const [run, setRun] = useState<ProvisioningRun>();
  const [snapshot, setSnapshot] = useState<RunSnapshot>();
  const [created, setCreated] = useState<Readonly<CreatedObjects>>({});

  const attach = useCallback((target: ProvisioningRun) => {
    setRun(target);
    setSnapshot(target.snapshot());
    setCreated({ ...target.created });
  }, []);
  const onChange = useCallback((s: RunSnapshot, c: Readonly<CreatedObjects>) => {
    setSnapshot(s);
    setCreated({ ...c });
  }, []);
  const execute = useCallback(async (target: ProvisioningRun, action: RunAction): Promise<RunSnapshot> => {
    const result = action === "rollback" ? await target.rollback() : action === "start" ? await target.start() : await target.retry();
    setSnapshot(result);
    setCreated({ ...target.created });
    return result;
  }, []);

  return { run, snapshot, setSnapshot, created, attach, onChange, execute };
}
