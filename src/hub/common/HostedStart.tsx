import { Spinner, SpinnerSize } from "azure-devops-ui/Spinner";
import { useEffect, useState, type ReactNode } from "react";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { ProblemScreen } from "../components/ProblemScreen";

type State<T> = { kind: "connecting" } | { kind: "ready"; value: T } | { kind: "failed"; problem: Problem };

export interface HostedStartProps<T> {
  /** Connects to Azure DevOps and builds what the page needs; must be stable across renders (useCallback). */
  start: () => Promise<T>;
  /** Words for a failure ("Starting the hub"). */
  step: string;
  /** The page around the content, while connecting too (header, title). */
  frame: (value: T | undefined, children: ReactNode) => ReactNode;
  children: (value: T) => ReactNode;
}

/**
 * How each of the extension's pages starts: a labelled spinner while it connects to Azure DevOps, a readable problem
 * screen if that fails (what happened, what to do), then the page itself.
 */
export function HostedStart<T>({ start, step, frame, children }: HostedStartProps<T>) {
  const [state, setState] = useState<State<T>>({ kind: "connecting" });

  useEffect(() => {
    let active = true;
    start().then(
      (value) => active && setState({ kind: "ready", value }),
      (error: unknown) => active && setState({ kind: "failed", problem: describeError(error, { step }) }),
    );
    return () => {
      active = false;
    };
  }, [start, step]);

  switch (state.kind) {
    case "connecting":
      return frame(
        undefined,
        <div className="page-content page-content-top">
          <Spinner size={SpinnerSize.large} label="Connecting to Azure DevOps…" />
        </div>,
      );
    case "failed":
      return frame(undefined, <ProblemScreen problem={state.problem} />);
    case "ready":
      return frame(state.value, children(state.value));
  }
}
