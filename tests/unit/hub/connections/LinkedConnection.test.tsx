import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SEED } from "../../../../emulator/model/seed";
import { HubApp } from "../../../../src/hub/HubApp";
import { DEFAULT_SETTINGS } from "../../../../src/workflows/settings/settings";
import type { HubSession } from "../../../../src/workflows/hub/openHub";
import { FakeHostClient } from "../../fakes/fakeHostClient";
import { fakeHubServices } from "../../fakes/fakeHubServices";
import { addExistingConnection } from "../../workflows/connections/connectionScenarios";
import { connectionWorld } from "../../workflows/connections/connectionWorld";

/** The hub page over Azure in a box, opened by a link whose host page carries `query`. */
function openHubWith(query: Record<string, string>) {
  const c = connectionWorld();
  const seeded = addExistingConnection(c.world.model, { name: "legacy-deploy" });
  addExistingConnection(c.world.model, { name: "other-deploy" });
  const host = new FakeHostClient();
  host.project = { ...SEED.project };
  host.query = typeof query["connection"] === "string" ? { connection: query["connection"].replace("{id}", seeded.endpoint.id) } : query;
  const createServices = async (session: HubSession) => ({
    services: fakeHubServices(session, { connectionServices: async () => c.services, now: () => new Date(c.world.clock.now()) }),
    settings: DEFAULT_SETTINGS,
  });
  render(<HubApp host={host} createServices={createServices} />);
  return seeded;
}

describe("the hub opened by a link to a connection (?connection=)", () => {
  it("opens the Connections tab on that connection's details", async () => {
    openHubWith({ connection: "{id}" });
    const panel = await screen.findByRole("dialog", {}, { timeout: 5000 });
    expect(within(panel).getByText("legacy-deploy")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Connections", selected: true })).toBeInTheDocument();
  });

  it("follows the link once: back on the tab later, the list shows without the panel", async () => {
    openHubWith({ connection: "{id}" });
    const user = userEvent.setup();
    await screen.findByRole("dialog", {}, { timeout: 5000 });
    await user.click(screen.getByRole("tab", { name: "New connection" }));
    await user.click(screen.getByRole("tab", { name: "Connections" }));
    expect(await screen.findByRole("button", { name: "Details of legacy-deploy" }, { timeout: 5000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("says the connection was not found for an id that is not in the project's list, and shows the list", async () => {
    openHubWith({ connection: "0a1b2c3d-0000-4000-8000-00000000abcd" });
    expect(await screen.findByText(/^This connection was not found in this project\./, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Details of legacy-deploy" })).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("treats an id that is not a GUID the same way, without showing it", async () => {
    openHubWith({ connection: "<img src=x onerror=alert(1)>" });
    expect(await screen.findByText(/^This connection was not found in this project\./, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain("onerror");
  });

  it("opens on the New connection tab without a link", async () => {
    openHubWith({});
    expect(await screen.findByRole("button", { name: "New service connection" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "New connection", selected: true })).toBeInTheDocument();
  });
});
