// @vitest-environment jsdom
import { ROLE_IDS } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { ProvisioningRun } from "../../../../src/workflows/provisioning/provisioningRun";
import { confirmRole } from "../../../../src/workflows/provisioning/roleRisk";
import { armScope } from "../../../../src/workflows/provisioning/scope";
import { createWorld, formFor } from "../../../support/inProcessAzure";

/**
 * What the person sees is what Azure gets (#13.3), end to end over Azure in a box: the organization settings (which
 * any user of the extension can write) preselect `{id: Owner's id, name: "Reader"}`; the plan, the steps the run
 * shows and the form the Result page reads all name the role as ARM's definition for that id does.
 */
const disguisedOwner = () => formFor("Subscription", { role: { id: ROLE_IDS.owner, roleName: "Reader" } });

describe("the role's name comes from ARM, never from the settings", () => {
  it("plans, runs and reports Owner, with Owner's warning, when the settings call Owner's id Reader", async () => {
    const world = createWorld();
    const form = disguisedOwner();
    const role = confirmRole(form.role, await world.directory.roles(armScope(form.scope)));
    const plan = planProvisioning(form, world.context, AZURE_CLOUD, world.newRunId(), { role });

    expect(role).toEqual({ id: ROLE_IDS.owner, roleName: "Owner", confirmed: true, risk: "grantAccess" });
    expect(plan.objects.find((o) => o.kind === "roleAssignment")?.title).toBe("Owner role at the subscription Contoso Production");
    expect(plan.warnings).toEqual([expect.stringMatching(/^Owner lets every pipeline .* give other identities access/)]);

    const run = new ProvisioningRun(plan, AZURE_CLOUD, world.ports);
    const snapshot = await run.start();
    expect(snapshot.status).toBe("succeeded");
    // The Run page lists these titles; the Result page reads the run's form.
    expect(snapshot.steps.find((s) => s.id === "assignRole")?.title).toBe("Assign Owner at the scope");
    expect(run.currentForm().role).toEqual({ id: ROLE_IDS.owner, roleName: "Owner" });
    // And Azure got exactly that role: what was shown is what was assigned.
    const assigned = world.state().roleAssignments.filter((a) => a.scope.toLowerCase() === plan.armScope.toLowerCase());
    expect(assigned.map((a) => a.roleDefinitionName)).toContain(ROLE_IDS.owner);
    expect(JSON.stringify({ objects: plan.objects, steps: snapshot.steps.map((s) => s.title) })).not.toMatch(/Reader/);
  });

  it("shows the id, says the name is not confirmed, and warns as for the worst when ARM's role definitions cannot be read", async () => {
    const world = createWorld();
    world.fail({ service: "arm", method: "GET", path: "/roleDefinitions", status: 403, count: Infinity });
    const form = disguisedOwner();
    const definitions = await world.directory.roles(armScope(form.scope)).catch(() => undefined);
    expect(definitions).toBeUndefined();
    const plan = planProvisioning(form, world.context, AZURE_CLOUD, world.newRunId(), { role: confirmRole(form.role, definitions) });

    expect(plan.objects.find((o) => o.kind === "roleAssignment")?.title).toBe(
      `Role ${ROLE_IDS.owner} (name not confirmed by Azure) at the subscription Contoso Production`,
    );
    expect(plan.steps.find((s) => s.id === "assignRole")?.title).toBe(
      `Assign Role ${ROLE_IDS.owner} (name not confirmed by Azure) at the scope`,
    );
    expect(plan.warnings).toEqual([expect.stringMatching(/^Azure could not confirm which role .* grant access/)]);
    expect(JSON.stringify(plan)).not.toMatch(/Reader/);
  });
});
