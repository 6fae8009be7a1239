import { render, screen } from "@testing-library/react";
import { HubPage } from "../../../src/hub/pages/HubPage";

describe("the hub's page", () => {
  it("has one main landmark holding its header and content", () => {
    render(
      <HubPage projectName="Fabrikam Web">
        <p>Content</p>
      </HubPage>,
    );
    const main = screen.getAllByRole("main");
    expect(main).toHaveLength(1);
    expect(main[0]).toContainElement(screen.getByText("Content"));
    expect(main[0]).toContainElement(screen.getByText("Azure connections"));
  });
});
