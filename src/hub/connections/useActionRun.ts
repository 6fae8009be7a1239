import { useCallback, useEffect, useRef, useState } from "react";
import type { RunSnapshot } from "../../workflows/engine/workflowTypes";

/** What the tab drives of any connection action (rotation, deletion, conversion, secret removal). */
export interface ActionRunLike {
  snapshot(): RunSnapshot;
  start(): Promise<RunSnapshot>;
  retry(): Promise<RunSnapshot>;
  cancel(): void;
  /** Whether "Undo" may be offered now (only while nothing irreversible happened). */
  canRollBack(): boolean;
  rollback?(): Promise<RunSnapshot>;
  /** Drops any secret the action holds (its panel closed). */
  dropSecret?(): void;
}

/**
 * Holds one action run for a panel: starts it, follows its snapshots, retries and undoes it. The run keeps going if
 * the panel closes, without the secret it held (a step that needs it then stops, to be resumed or cleaned up).
 */
export function useActionRun<R extends ActionRunLike>() {
  const [run, setRun] = useState<R>();
  const [snapshot, setSnapshot] = useState<RunSnapshot>();
  const active = useRef(true);
  const current = useRef<R>();
  useEffect(
    () => () => {
      active.current = false;
      // The panel closed: a secret the action still holds (a rotation's new secret, a conversion's fallback) goes.
      current.current?.dropSecret?.();
    },
    [],
  );
  const show = useCallback((s: RunSnapshot) => {
    if (active.current) setSnapshot(s);
  }, []);
  const follow = (pending: Promise<RunSnapshot>) => void pending.then(show, () => undefined);

  return {
    run,
    snapshot,
    /** The action's onChange: every step change shows at once. */
    onChange: show,
    begin(create: (onChange: (s: RunSnapshot) => void) => R): R {
      const started = create(show);
      current.current = started;
      setRun(started);
      setSnapshot(started.snapshot());
      follow(started.start());
      return started;
    },
    /** Forgets the run (to start a new one from the form). */
    reset() {
      current.current?.dropSecret?.();
      current.current = undefined;
      setRun(undefined);
      setSnapshot(undefined);
    },
    retry: () => run && follow(run.retry()),
    rollback: () => run?.rollback && follow(run.rollback()),
    cancel: () => run?.cancel(),
  };
}
