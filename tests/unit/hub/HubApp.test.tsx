import { render, screen } from "@testing-library/react";
import { HubApp } from "../../../src/hub/HubApp";
import { FakeHostClient } from "../fakes/fakeHostClient";
import { createFakeServices } from "../fakes/fakeHubServices";

describe("the hub page", () => {
  it("shows the project's name in the page header once Azure DevOps answers", async () => {
    render(<HubApp host={new FakeHostClient()} createServices={createFakeServices} />);
    expect(await screen.findByText("Azure Resource Manager service connections of Fabrikam Web")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Azure connections" })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();
  });

  it("shows a spinner with a label while connecting", () => {
    const host = new FakeHostClient();
    host.silent = true;
    render(<HubApp host={host} createServices={createFakeServices} handshakeTimeoutMs={60_000} />);
    expect(screen.getByText("Connecting to Azure DevOps…")).toBeInTheDocument();
  });

  it("shows what happened and what to do when opened outside Azure DevOps", async () => {
    const host = new FakeHostClient();
    host.framed = false;
    render(<HubApp host={host} createServices={createFakeServices} />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("This page only works inside Azure DevOps.");
    expect(alert).toHaveTextContent("What to do: Open your project in Azure DevOps");
  });
});
