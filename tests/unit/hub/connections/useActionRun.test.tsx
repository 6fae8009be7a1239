// @vitest-environment jsdom
import { act, renderHook } from "@testing-library/react";
import { useActionRun, type ActionRunLike } from "../../../../src/hub/connections/useActionRun";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";

function fakeRun(): ActionRunLike & { dropSecret: ReturnType<typeof vi.fn<() => void>> } {
  const snapshot: RunSnapshot = { status: "running", steps: [] };
  return {
    snapshot: () => snapshot,
    start: () => new Promise<RunSnapshot>(() => undefined),
    retry: () => new Promise<RunSnapshot>(() => undefined),
    cancel: () => undefined,
    canRollBack: () => false,
    dropSecret: vi.fn<() => void>(),
  };
}

describe("an action's panel", () => {
  it("drops the secret the action holds when the panel closes", () => {
    const run = fakeRun();
    const { result, unmount } = renderHook(() => useActionRun<ReturnType<typeof fakeRun>>());
    act(() => void result.current.begin(() => run));
    expect(run.dropSecret).not.toHaveBeenCalled();

    unmount();

    expect(run.dropSecret).toHaveBeenCalledTimes(1);
  });

  it("drops it when the person starts over from the form", () => {
    const run = fakeRun();
    const { result } = renderHook(() => useActionRun<ReturnType<typeof fakeRun>>());
    act(() => void result.current.begin(() => run));
    act(() => result.current.reset());
    expect(run.dropSecret).toHaveBeenCalledTimes(1);
  });
});
