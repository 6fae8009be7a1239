import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { RunPage } from "../../../../src/hub/wizard/pages/RunPage";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";

const PROBLEM = {
  title: 'Undoing "Assign Reader at the scope" failed.',
  detail: "Azure refused the delete (403).",
  action: "Remove it in the Azure portal.",
};
const LINK = "https://portal.azure.com/#@/resource/subscriptions/sub-1/users";

const INCOMPLETE: RunSnapshot = {
  status: "rollbackIncomplete",
  problem: PROBLEM,
  leftBehind: [{ object: "The Reader role assignment at /subscriptions/sub-1", reason: "Azure refused the delete (403).", link: LINK }],
  steps: [
    { id: "createApp", title: "Create the app registration", status: "undone" },
    { id: "assignRole", title: "Assign Reader at the scope", status: "failed", problem: PROBLEM },
  ],
};

describe("the Run page after an incomplete rollback", () => {
  it("names each object left, why, with a link, and offers to retry the roll back", async () => {
    const onRollback = vi.fn();
    const noop = () => undefined;
    render(
      <RunPage
        snapshot={INCOMPLETE}
        now={() => 0}
        connectionName="contoso-prod"
        onRetry={noop}
        onRollback={onRollback}
        onCancel={noop}
        onRename={() => undefined}
        onShorterLifetime={noop}
        onSignInAgain={noop}
      />,
    );
    const left = within(screen.getByTestId("left-behind"));
    expect(left.getByText("The Reader role assignment at /subscriptions/sub-1")).toBeInTheDocument();
    expect(left.getByRole("link", { name: "Open it" })).toHaveAttribute("href", LINK);
    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "Retry the roll back" }));
    expect(onRollback).toHaveBeenCalledTimes(1);
  });
});
