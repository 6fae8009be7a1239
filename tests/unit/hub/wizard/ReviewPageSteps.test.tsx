import { render, screen, within } from "@testing-library/react";
import { ReviewPage } from "../../../../src/hub/wizard/pages/ReviewPage";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { formFor } from "../../../support/provisioningForms";

const CONTEXT = {
  organization: "contoso",
  project: { id: "p-1", name: "Fabrikam Web" },
  userObjectId: "a0a0a0a0-0000-4000-8000-000000000001",
};

describe("the Review page's steps", () => {
  it("lists the plan's steps in the order the run executes them, without those that do not apply", () => {
    const plan = planProvisioning(formFor("Subscription"), CONTEXT, AZURE_CLOUD, "11111111-2222-4333-8444-555555555555");
    render(<ReviewPage plan={plan} hints={{ status: "loading" }} onCreate={() => undefined} />);
    const steps = within(screen.getByRole("region", { name: "The steps the run takes" })).getAllByRole("listitem");
    expect(steps.map((li) => li.getAttribute("data-step"))).toEqual(plan.steps.filter((s) => s.applies).map((s) => s.id));
    expect(steps[0]!.textContent).toContain("Create the app registration");
  });
});
