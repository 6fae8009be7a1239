import { render, screen } from "@testing-library/react";
import { RunPage } from "../../../../src/hub/wizard/pages/RunPage";
import { WorkflowRun } from "../../../../src/workflows/engine/workflowRun";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { HttpWaitRelay } from "../../../../src/workflows/session/httpWaits";

const T0 = Date.parse("2026-11-26T12:00:00Z");

describe("the Run page with HTTP-level waits", () => {
  it("shows Azure DevOps throttling on the step that is running, with the wait's length", async () => {
    const relay = new HttpWaitRelay();
    const devopsWait = relay.onWait("devops");
    let release!: () => void;
    const snapshots: RunSnapshot[] = [];
    const run = new WorkflowRun(
      [
        {
          id: "createConnection",
          title: "Create the service connection",
          dependsOn: [],
          run: async () => {
            // What the HTTP helper reports when Azure DevOps answers 429 with Retry-After: 3.
            devopsWait({
              attempt: 1,
              delayMs: 3_000,
              reason: "The service is throttling requests",
              waitedMs: 3_000,
              maxTotalWaitMs: 45_000,
            });
            await new Promise<void>((resolve) => (release = resolve));
          },
        },
      ],
      { now: () => T0, httpWaits: relay, onChange: (s) => snapshots.push(s) },
    );
    const done = run.run();
    await vi.waitFor(() => expect(snapshots.at(-1)?.steps[0]?.waiting).toBeDefined());

    const props = {
      now: () => T0 + 1000,
      connectionName: "contoso-prod",
      onRetry: vi.fn(),
      onRollback: vi.fn(),
      onCancel: vi.fn(),
      onRename: vi.fn(() => undefined),
      onShorterLifetime: vi.fn(),
      onSignInAgain: vi.fn(),
    };
    const view = render(<RunPage snapshot={snapshots.at(-1)!} {...props} />);
    expect(screen.getByText(/Azure DevOps is throttling requests: trying again in 3\.0 s/)).toBeInTheDocument();

    release();
    const final = await done;
    view.rerender(<RunPage snapshot={final} {...props} />);
    expect(final.status).toBe("succeeded");
    expect(screen.queryByText(/throttling/)).not.toBeInTheDocument();
  });
});
