import { useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";

export type AsyncState<T> =
  { status: "idle" } | { status: "loading" } | { status: "ready"; value: T } | { status: "failed"; problem: Problem };

/**
 * Loads something for a page (a list for a picker), re-loading when `key` changes; undefined `load` means "nothing to
 * load yet". Failures become a Problem worded by the one error mapper, with `step` naming what was loading.
 */
export function useAsync<T>(load: (() => Promise<T>) | undefined, key: string, step: string): [AsyncState<T>, () => void] {
  const [state, setState] = useState<AsyncState<T>>({ status: "idle" });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // Only whether there is something to load re-runs the effect; the function itself changes on every render.
  const idle = load === undefined;

  useEffect(() => {
    const current = loadRef.current;
    if (!current) {
      setState({ status: "idle" });
      return;
    }
    let active = true;
    setState({ status: "loading" });
    current().then(
      (value) => active && setState({ status: "ready", value }),
      (error: unknown) => active && setState({ status: "failed", problem: describeError(error, { step }) }),
    );
    return () => {
      active = false;
    };
  }, [key, attempt, step, idle]);

  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}
