import { openHub } from "../../../src/workflows/hub/openHub";
import { ProblemError } from "../../../src/platform/problem";
import { FakeHostClient } from "../fakes/fakeHostClient";

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  return (error as ProblemError).problem;
}

describe("opening the hub", () => {
  it("reads the current project and tells Azure DevOps the hub loaded", async () => {
    const host = new FakeHostClient();
    const session = await openHub(host);
    expect(session.project.name).toBe("Fabrikam Web");
    expect(session.organization).toBe("contoso");
    expect(host.loadSucceeded).toBe(1);
  });

  it("says the page needs Azure DevOps when it is not in a frame, without waiting", async () => {
    const host = new FakeHostClient();
    host.framed = false;
    host.silent = true;
    const problem = await problemOf(openHub(host, 60_000));
    expect(problem.title).toBe("This page only works inside Azure DevOps.");
    expect(problem.action).toMatch(/Project settings/);
  });

  it("gives up with a clear message when the host never answers", async () => {
    vi.useFakeTimers();
    try {
      const host = new FakeHostClient();
      host.silent = true;
      const opening = problemOf(openHub(host, 5000));
      await vi.advanceTimersByTimeAsync(5000);
      const problem = await opening;
      expect(problem.title).toBe("Azure DevOps did not answer.");
      expect(problem.detail).toMatch(/5 seconds/);
      expect(host.loadSucceeded).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports a missing project to the host and to the person", async () => {
    const host = new FakeHostClient();
    host.project = undefined;
    const problem = await problemOf(openHub(host));
    expect(problem.title).toBe("No project is selected.");
    expect(host.loadFailed).toEqual(["No project is selected."]);
    expect(host.loadSucceeded).toBe(0);
  });
});
