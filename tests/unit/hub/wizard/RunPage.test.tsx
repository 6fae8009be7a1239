import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RunPage, type RunPageProps } from "../../../../src/hub/wizard/pages/RunPage";
import { describeError } from "../../../../src/platform/describeError";
import { ServiceError } from "../../../../src/platform/http/serviceError";
import type { Problem } from "../../../../src/platform/problem";
import type { RunSnapshot, StepState } from "../../../../src/workflows/engine/workflowTypes";

const T0 = Date.parse("2026-11-26T12:00:00Z");

const step = (id: string, title: string, status: StepState["status"], extra: Partial<StepState> = {}): StepState => ({
  id,
  title,
  status,
  ...extra,
});

const RUNNING: RunSnapshot = {
  status: "running",
  steps: [
    step("app", "Create the app registration", "done", { startedAt: T0, endedAt: T0 + 1200 }),
    step("sp", "Create its service principal", "done", { startedAt: T0 + 1200, endedAt: T0 + 2000 }),
    step("secret", "Add the client secret", "done", { startedAt: T0 + 1200, endedAt: T0 + 1700 }),
    step("coOwners", "Add the co-owners", "skipped"),
    step("role", "Assign Reader at the subscription", "running", {
      startedAt: T0 + 2000,
      waiting: { reason: "Azure is still replicating the new service principal", delayMs: 4000, waitedMs: 4000, maxTotalWaitMs: 120_000 },
    }),
    step("connection", "Create the service connection", "waiting"),
  ],
};

function failedAt(problem: Problem): RunSnapshot {
  return {
    status: "failed",
    problem,
    steps: [
      step("app", "Create the app registration", "done", { startedAt: T0, endedAt: T0 + 1200 }),
      step("connection", "Create the service connection", "failed", { startedAt: T0 + 3000, endedAt: T0 + 3500, problem }),
    ],
  };
}

const NAME_TAKEN: Problem = {
  title: "Creating the service connection failed.",
  detail: 'A service connection named "contoso-prod" already exists in this project (you may not be able to see it).',
  action: "Choose another name and continue.",
  remedy: "renameConnection",
};

function renderRun(snapshot: RunSnapshot, overrides: Partial<RunPageProps> = {}) {
  const props: RunPageProps = {
    snapshot,
    now: () => T0 + 6000,
    connectionName: "contoso-prod",
    onRetry: vi.fn(),
    onRollback: vi.fn(),
    onCancel: vi.fn(),
    onRename: vi.fn(() => undefined),
    onShorterLifetime: vi.fn(),
    onSignInAgain: vi.fn(),
    ...overrides,
  };
  const view = render(<RunPage {...props} />);
  return { user: userEvent.setup({ delay: null, skipHover: true, pointerEventsCheck: 0 }), props, view };
}

const stepItem = (title: string) =>
  within(screen.getByRole("list", { name: "Progress" }))
    .getByText(title)
    .closest("li") as HTMLElement;

describe("the Create (run) page", () => {
  it("announces progress politely and names every step's status for screen readers", () => {
    renderRun(RUNNING);
    const progress = screen.getByRole("list", { name: "Progress" });
    expect(progress).toHaveAttribute("aria-live", "polite");
    const expected: Array<[string, string]> = [
      ["Create the app registration", "Done"],
      ["Create its service principal", "Done"],
      ["Add the client secret", "Done"],
      ["Add the co-owners", "Skipped"],
      ["Assign Reader at the subscription", "Running"],
      ["Create the service connection", "Waiting"],
    ];
    expect(within(progress).getAllByRole("listitem")).toHaveLength(expected.length);
    for (const [title, status] of expected) expect(within(stepItem(title)).getByRole("img", { name: status })).toBeInTheDocument();
  });

  it("shows how long each step took, and the running one's time so far", () => {
    renderRun(RUNNING);
    expect(stepItem("Create the app registration")).toHaveTextContent("Done · 1.2 s");
    expect(stepItem("Assign Reader at the subscription")).toHaveTextContent("Running · 4.0 s");
    expect(stepItem("Create the service connection")).toHaveTextContent(/Waiting$/);
  });

  it("says what a step waits for, and for at most how long", () => {
    renderRun(RUNNING);
    expect(stepItem("Assign Reader at the subscription")).toHaveTextContent(
      "Azure is still replicating the new service principal: trying again in 4.0 s (waiting at most 120.0 s in all)",
    );
  });

  it("keeps the running step's clock moving while the run is active", () => {
    vi.useFakeTimers();
    try {
      let clock = T0 + 6000;
      renderRun(RUNNING, { now: () => clock });
      expect(stepItem("Assign Reader at the subscription")).toHaveTextContent("Running · 4.0 s");
      clock += 1500;
      act(() => vi.advanceTimersByTime(500));
      expect(stepItem("Assign Reader at the subscription")).toHaveTextContent("Running · 5.5 s");
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a step's note, such as how it was verified", () => {
    renderRun({
      status: "succeeded",
      steps: [step("verify", "Verify the connection", "done", { startedAt: T0, endedAt: T0 + 900, note: "Verified" })],
    });
    expect(stepItem("Verify the connection")).toHaveTextContent("Done · 0.9 s · Verified");
  });

  it("lets the person cancel while it runs", async () => {
    const { user, props } = renderRun(RUNNING);
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(props.onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
  });

  it("when a step fails, says what happened and what to do, with Retry and Roll back", async () => {
    const problem: Problem = {
      title: "Assigning the role failed.",
      detail:
        "You may not assign roles at /subscriptions/8f3a: that needs Owner, User Access Administrator or Role Based Access Control Administrator there.",
      action: "Ask someone with one of those roles to assign it, choose another scope, or roll back.",
    };
    const { user, props } = renderRun(failedAt(problem));
    expect(within(stepItem("Create the service connection")).getByRole("img", { name: "Failed" })).toBeInTheDocument();
    const card = screen.getByText("Assigning the role failed.").closest(".inline-problem") as HTMLElement;
    expect(card).toHaveTextContent(problem.detail);
    expect(card).toHaveTextContent(`What to do: ${problem.action}`);
    expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();

    await user.click(within(card).getByRole("button", { name: "Retry" }));
    expect(props.onRetry).toHaveBeenCalledTimes(1);
    await user.click(within(card).getByRole("button", { name: "Roll back" }));
    expect(props.onRollback).toHaveBeenCalledTimes(1);
  });

  it("when the roll back itself fails, offers to retry the roll back only", async () => {
    const problem: Problem = {
      title: "Deleting the app registration failed.",
      detail: "Microsoft Graph had a temporary failure (503).",
      action: "Choose Retry in a moment.",
    };
    const { user, props } = renderRun({
      status: "rollbackFailed",
      problem,
      steps: [step("app", "Create the app registration", "failed", { problem })],
    });
    expect(screen.queryByRole("button", { name: "Retry" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry the roll back" }));
    expect(props.onRollback).toHaveBeenCalledTimes(1);
  });

  it("shows what was removed once rolled back", () => {
    renderRun({
      status: "rolledBack",
      steps: [step("app", "Create the app registration", "undone"), step("role", "Assign Reader at the subscription", "undone")],
    });
    expect(screen.getByTestId("rolled-back")).toHaveTextContent("Everything this run created was removed.");
    expect(within(stepItem("Create the app registration")).getByRole("img", { name: "Removed" })).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("while rolling back, names the steps being removed and offers no Cancel", () => {
    renderRun({ status: "rollingBack", steps: [step("app", "Create the app registration", "undoing", { startedAt: T0 })] });
    expect(within(stepItem("Create the app registration")).getByRole("img", { name: "Removing" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel" })).not.toBeInTheDocument();
  });

  it("an interrupted run offers Resume and Roll back", async () => {
    const { user, props } = renderRun({
      status: "ready",
      steps: [step("app", "Create the app registration", "done"), step("sp", "Create its service principal", "waiting")],
    });
    await user.click(screen.getByRole("button", { name: "Resume" }));
    await user.click(screen.getByRole("button", { name: "Roll back" }));
    expect(props.onRetry).toHaveBeenCalledTimes(1);
    expect(props.onRollback).toHaveBeenCalledTimes(1);
  });

  it("a run that has not started shows no Resume or Roll back", () => {
    renderRun({
      status: "ready",
      steps: [
        step("createApp", "Create the app registration", "waiting"),
        step("createConnection", "Create the service connection", "waiting"),
      ],
    });
    expect(screen.queryByRole("button", { name: "Resume" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Roll back" })).not.toBeInTheDocument();
    expect(screen.getByText("Starting…")).toBeInTheDocument();
  });

  it("when the answer to the connection's create was lost, says the connection may already exist and Retry finds it", () => {
    const lost: Problem = {
      title: "Creating the service connection failed.",
      detail: "The network request failed (Failed to fetch).",
      action: "Check your connection, then choose Retry.",
    };
    renderRun({
      status: "failed",
      problem: lost,
      steps: [
        step("createApp", "Create the app registration", "done"),
        step("createConnection", "Create the service connection", "failed", { problem: lost }),
      ],
    });
    expect(screen.getByTestId("problem-note")).toHaveTextContent("the connection may already exist; Retry finds it.");
  });

  it("a refusal (nothing written) says nothing about a lost answer", () => {
    renderRun(failedAt(NAME_TAKEN));
    expect(screen.queryByTestId("problem-note")).not.toBeInTheDocument();
  });

  it("never shows a service's raw body, and never claims retries it did not make", async () => {
    const problem: Problem = describeError(
      new ServiceError("graph", 400, "Request_BadRequest", '{"error":{"code":"Request_BadRequest","message":"Invalid value"}}'),
      { step: "Creating the app registration" },
    );
    const { user } = renderRun({
      status: "failed",
      problem,
      steps: [step("createApp", "Create the app registration", "failed", { problem })],
    });
    expect(screen.getByText("Microsoft Graph refused the request (status 400).")).toBeInTheDocument();
    const details = document.querySelector("details")!;
    expect(within(details).getByText("Details for support")).toBeInTheDocument();
    await user.click(within(details).getByText("Details for support"));
    expect(details).toHaveTextContent("Code: Request_BadRequest");
    const card = document.querySelector(".inline-problem")!;
    const outside = [...card.querySelectorAll("strong, span")]
      .filter((el) => !details.contains(el))
      .map((el) => el.textContent)
      .join(" ");
    expect(outside).not.toMatch(/[{}]/);
  });

  it("when the name is taken, offers a new name and continues with it", async () => {
    const onRename = vi
      .fn<RunPageProps["onRename"]>()
      .mockReturnValueOnce("Remove the comma: Azure DevOps cannot look up a service connection whose name has one.")
      .mockReturnValue(undefined);
    const { user } = renderRun(failedAt(NAME_TAKEN), { onRename });
    const name = screen.getByRole("textbox", { name: /^New service connection name/ });
    expect(name).toHaveValue("contoso-prod");

    await user.clear(name);
    await user.type(name, "contoso-prod, eu");
    await user.click(screen.getByRole("button", { name: "Rename and continue" }));
    expect(onRename).toHaveBeenLastCalledWith("contoso-prod, eu");
    expect(name).toHaveAccessibleDescription("Remove the comma: Azure DevOps cannot look up a service connection whose name has one.");

    await user.clear(name);
    await user.type(name, "contoso-prod-2");
    await user.click(screen.getByRole("button", { name: "Rename and continue" }));
    expect(onRename).toHaveBeenLastCalledWith("contoso-prod-2");
    expect(name).not.toHaveAccessibleDescription(/comma/);
  });

  it("when the directory refuses the secret's lifetime, offers a shorter one and continues with it", async () => {
    const problem: Problem = {
      title: "Adding the client secret failed.",
      detail: "Your directory's policy does not allow a client secret with this lifetime, or does not allow client secrets.",
      action: "Choose a shorter lifetime and retry, or use workload identity federation.",
      remedy: "shorterSecretLifetime",
    };
    const { user, props } = renderRun(failedAt(problem));
    const lifetime = screen.getByRole("button", { name: /^Shorter lifetime/ });
    expect(lifetime).toHaveValue("90 days");
    await user.click(lifetime);
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["90 days", "180 days", "365 days", "545 days"]);
    await user.click(screen.getByRole("option", { name: "180 days" }));
    await user.click(screen.getByRole("button", { name: "Use this lifetime and continue" }));
    expect(props.onShorterLifetime).toHaveBeenCalledWith(180);
  });

  it("when the sign-in expired or needs MFA, offers to sign in again and continue", async () => {
    const problem: Problem = {
      title: "Assigning the role failed.",
      detail: "Your sign-in has expired or is no longer accepted.",
      action: "Sign in again, then retry.",
      remedy: "signInAgain",
    };
    const { user, props } = renderRun(failedAt(problem));
    await user.click(screen.getByRole("button", { name: "Sign in again and continue" }));
    expect(props.onSignInAgain).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("textbox", { name: /New service connection name/ })).not.toBeInTheDocument();
  });

  it("offers Save without verification only where the caller supports it", async () => {
    const problem: Problem = {
      title: "Verifying the connection failed.",
      detail: "Azure did not accept the secret.",
      action: "Save without verification, or roll back.",
      remedy: "saveWithoutVerification",
    };
    const { view } = renderRun(failedAt(problem));
    expect(screen.queryByRole("button", { name: "Save without verification" })).not.toBeInTheDocument();
    view.unmount();

    const onSaveWithoutVerification = vi.fn();
    const { user } = renderRun(failedAt(problem), { onSaveWithoutVerification });
    await user.click(screen.getByRole("button", { name: "Save without verification" }));
    expect(onSaveWithoutVerification).toHaveBeenCalledTimes(1);
  });

  it("offers no remedy for a failure it has no fix for", () => {
    renderRun(
      failedAt({
        title: "Creating the app registration failed.",
        detail: "Microsoft Graph had a temporary failure (503).",
        action: "Choose Retry in a moment.",
      }),
    );
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Sign in again|Use this lifetime|Save without verification/ })).not.toBeInTheDocument();
  });
});
