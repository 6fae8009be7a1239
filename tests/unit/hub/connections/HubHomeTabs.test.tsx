import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HubHome } from "../../../../src/hub/HubHome";
import { DEFAULT_SETTINGS } from "../../../../src/workflows/settings/settings";
import { fakeHubServices } from "../../fakes/fakeHubServices";

const SESSION = {
  organization: "contoso",
  userDisplayName: "Ada Admin",
  extensionId: "arm-secret-connection-hub",
  project: { id: "p-1", name: "Fabrikam Web" },
};

describe("the hub's tabs", () => {
  it("opens on New connection and switches to the Connections inventory and back", async () => {
    const user = userEvent.setup();
    render(<HubHome services={fakeHubServices(SESSION)} settings={DEFAULT_SETTINGS} />);
    expect(screen.getByRole("tab", { name: "New connection" })).toHaveAttribute("aria-selected", "true");
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Connections" }));
    expect(await screen.findByTestId("inventory-summary")).toHaveTextContent("0 Azure Resource Manager connections");
    expect(screen.getByText("There are no Azure Resource Manager connections in Fabrikam Web yet.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New service connection" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "New connection" }));
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();
  });
});
