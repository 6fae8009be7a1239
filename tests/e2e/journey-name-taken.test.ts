import type { State } from "../../emulator/model/state";
import { addExistingConnection } from "../unit/workflows/connections/connectionScenarios";
import { startHarness, type Harness } from "./support/harness";
import { createdSince, openWizard, scriptErrors } from "./support/journey";

describe("a connection name that is already taken", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    addExistingConnection(h.model, { name: "legacy-deploy" });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stops the form on the Service connection page as it is typed, and nothing is created", async () => {
    const before: State = h.model.inspect();
    const w = await openWizard(h);
    await w.choose("Subscription", "Contoso Production");
    for (const title of ["App registration", "Authentication", "Role", "Service connection"]) {
      await w.next();
      await w.page(title);
    }
    const name = w.frame.getByRole("textbox", { name: "Service connection name" });
    await name.fill("legacy-deploy");
    await w.frame.getByText('A service connection named "legacy-deploy" already exists in this project. Choose another name.').waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    await w.next();
    await w.page("Service connection");

    await name.fill("legacy-deploy-2");
    await w.frame.getByText("one you cannot see may still have it", { exact: false }).waitFor();
    expect(await name.getAttribute("aria-invalid")).toBeNull();
    await w.next();
    await w.page("Review");
    await w.frame.locator('[data-hint="connectionName"][data-status="ok"]').waitFor();
    expect(await w.frame.getByRole("button", { name: "Create" }).getAttribute("aria-disabled")).toBeNull();
    expect(createdSince(before, h.model.inspect())).toEqual({
      applications: [],
      servicePrincipals: [],
      roleAssignments: [],
      serviceEndpoints: [],
      pipelinePermissions: [],
    });
    expect(scriptErrors(h)).toEqual([]);
  });
});
