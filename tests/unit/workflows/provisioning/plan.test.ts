// @vitest-environment node
import { AZURE_CLOUD, AZURE_US_GOVERNMENT } from "../../../../src/platform/clouds";
import { planProvisioning, roleAssignmentName } from "../../../../src/workflows/provisioning/plan";
import type { ProvisioningContext } from "../../../../src/workflows/provisioning/form";
import { confirmRole, type KnownRoleDefinition } from "../../../../src/workflows/provisioning/roleRisk";
import { formFor } from "../../../support/provisioningForms";

/** The Review page's plan: exactly the objects a run will create, where, with which rights, and what to watch out for. */
const CONTEXT: ProvisioningContext = {
  organization: "contoso",
  project: { id: "0f2c7d1e-0000-4000-8000-000000000001", name: "Fabrikam Web" },
  userObjectId: "u-1",
};
const RUN_ID = "6a1f1f52-3c1b-4a53-9f55-1d2f3e4a5b6c";

const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
/** Role definitions as ARM lists them at the scope: the plan names the role from these, never from the form. */
const ARM_ROLES: KnownRoleDefinition[] = [
  { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", roleName: "Reader", risk: "read" },
  { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor", risk: "write" },
  { id: OWNER_ID, roleName: "Owner", risk: "grantAccess" },
];
const plan = (form = formFor("Subscription"), options: Parameters<typeof planProvisioning>[4] = {}) =>
  planProvisioning(form, CONTEXT, AZURE_CLOUD, RUN_ID, { role: confirmRole(form.role, ARM_ROLES), ...options });
const kinds = (p: ReturnType<typeof plan>) => p.objects.map((o) => o.kind);

describe("planning the run", () => {
  it("lists the app, its principal, the secret, the role, the connection and the pipelines, in the seed's order", () => {
    const result = plan();
    expect(result.runId).toBe(RUN_ID);
    expect(kinds(result)).toEqual(["app", "servicePrincipal", "secret", "roleAssignment", "connection", "pipelinePermissions"]);
    expect(result.warnings).toEqual([]);
  });

  it("names the app, its audience, its markers and its owners", () => {
    const app = plan(formFor("Subscription", { app: { coOwnerIds: ["a", "b"] } })).objects[0]!;
    expect(app.title).toBe('App registration "contoso-fabrikam-web-subscription"');
    expect(app.details).toEqual([
      "Who can use it: accounts in this directory only",
      expect.stringContaining("Directory (tenant) ID: "),
      `Marked as created by this extension for contoso / Fabrikam Web (tags: azconn:managed, azconn:run:${RUN_ID}, azconn:org:contoso, azconn:project:${CONTEXT.project.id})`,
      "Owners: you and 2 co-owner(s)",
    ]);
    expect(plan(formFor("Subscription", { app: { signInAudience: "AzureADMultipleOrgs" } })).objects[0]!.details[0]).toMatch(/multitenant/);
  });

  it("shows when the secret expires, and that it is never shown unless asked", () => {
    const secret = plan(formFor("Subscription", { secret: { description: "CI", endDateTime: "2026-08-28T12:00:00.000Z" } })).objects[2]!;
    expect(secret).toEqual({
      kind: "secret",
      title: 'Client secret "CI"',
      details: ["Expires on 2026-08-28", "Stored only in the service connection; never shown unless you ask"],
    });
  });

  it.each([
    ["Subscription", "/subscriptions/", "Reader role at the subscription Contoso Production"],
    [
      "ManagementGroup",
      "/providers/Microsoft.Management/managementGroups/contoso-platform",
      "Reader role at the management group Contoso Platform",
    ],
    [
      "AzureMLWorkspace",
      "/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting",
      "Reader role at the Machine Learning workspace mlw-forecasting (resource group rg-ml, subscription Contoso Production)",
    ],
  ] as const)("assigns the role at the %s scope", (level, scopePart, title) => {
    const result = plan(formFor(level));
    expect(result.armScope).toContain(scopePart);
    const role = result.objects.find((o) => o.kind === "roleAssignment")!;
    expect(role.title).toBe(title);
    expect(role.details).toEqual([
      `Scope: ${result.armScope}`,
      "Role definition ID: acdd72a7-3385-48ef-bd42-f606fba81ae7",
      "Assigned to the service principal (principal type ServicePrincipal)",
    ]);
    expect(result.objects.find((o) => o.kind === "connection")!.details[0]).toBe(
      `Azure Resource Manager, app registration with secret, scope level ${level}, environment AzureCloud`,
    );
  });

  it("names the cloud's environment in the connection", () => {
    const connection = planProvisioning(formFor("Subscription"), CONTEXT, AZURE_US_GOVERNMENT, RUN_ID).objects.find(
      (o) => o.kind === "connection",
    )!;
    expect(connection.details[0]).toMatch(/environment AzureUSGovernment$/);
  });

  it("says whether the connection is verified before it is saved", () => {
    expect(plan().objects.find((o) => o.kind === "connection")!.details[2]).toBe("Verified before it is saved, as Verify and save does");
    expect(plan(formFor("Subscription", { connection: { verify: false } })).objects.find((o) => o.kind === "connection")!.details[2]).toBe(
      "Saved without verification",
    );
  });

  it("names the chosen pipelines, and plans no permission when none is chosen", () => {
    expect(plan().objects.at(-1)).toEqual({
      kind: "pipelinePermissions",
      title: "Access for 2 pipeline(s)",
      details: ["Pipeline 11", "Pipeline 12"],
    });
    expect(plan(formFor("Subscription"), { pipelineNames: ["web-ci", "web-deploy"] }).objects.at(-1)!.details).toEqual([
      "web-ci",
      "web-deploy",
    ]);
    expect(kinds(plan(formFor("Subscription", { connection: { pipelineIds: [] } })))).not.toContain("pipelinePermissions");
  });

  it("warns against granting all pipelines", () => {
    const result = plan(formFor("Subscription", { connection: { allPipelines: true, pipelineIds: [] } }));
    expect(result.objects.at(-1)).toMatchObject({
      title: "Access for all pipelines",
      details: ["Every pipeline of the project may use the connection"],
    });
    expect(result.warnings).toEqual([expect.stringMatching(/^Granting access to all pipelines is not recommended/)]);
  });

  it("warns that Verify needs the subscription for a Machine Learning workspace, unless saving without verification", () => {
    expect(plan(formFor("AzureMLWorkspace")).warnings).toEqual([
      expect.stringMatching(/^Verify reads the subscription Contoso Production, so a role at the workspace alone makes verification fail/),
    ]);
    expect(plan(formFor("AzureMLWorkspace", { connection: { verify: false } })).warnings).toEqual([]);
  });

  it("warns about a role that can change resources or grant access, not about Reader", () => {
    const contributor = { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" };
    const owner = { id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", roleName: "Owner" };
    expect(plan(formFor("Subscription")).warnings).toEqual([]);
    expect(plan(formFor("Subscription", { role: contributor })).warnings).toEqual([
      expect.stringMatching(/^Contributor lets every pipeline .* change or delete Azure resources/),
    ]);
    expect(plan(formFor("Subscription", { role: owner })).warnings).toEqual([
      expect.stringMatching(/^Owner lets every pipeline .* give other identities access to Azure/),
    ]);
  });

  it("gathers every warning that applies", () => {
    const contributor = { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" };
    const result = plan(formFor("AzureMLWorkspace", { connection: { allPipelines: true }, role: contributor }));
    expect(result.warnings).toHaveLength(3);
  });
});

describe("what the person sees is what Azure gets: the role's name", () => {
  // The organization settings (writable by any user of the extension) say "Reader" for Owner's id.
  const disguised = () => formFor("Subscription", { role: { id: OWNER_ID, roleName: "Reader" } });

  it("names the role as ARM does for the id that will be assigned, with that role's warnings", () => {
    const result = plan(disguised());
    expect(result.objects.find((o) => o.kind === "roleAssignment")?.title).toBe("Owner role at the subscription Contoso Production");
    expect(result.steps.find((s) => s.id === "assignRole")?.title).toBe("Assign Owner at the scope");
    expect(result.form.role).toEqual({ id: OWNER_ID, roleName: "Owner" });
    expect(result.warnings).toEqual([expect.stringMatching(/^Owner lets every pipeline .* give other identities access to Azure/)]);
    expect(JSON.stringify({ objects: result.objects, steps: result.steps, warnings: result.warnings })).not.toMatch(/Reader/);
  });

  it("shows the id and says the name is not confirmed when ARM's definitions could not be read, and warns as for the worst", () => {
    const result = plan(disguised(), { role: confirmRole(disguised().role, undefined) });
    const assignment = result.objects.find((o) => o.kind === "roleAssignment")!;
    expect(assignment.title).toBe(`Role ${OWNER_ID} (name not confirmed by Azure) at the subscription Contoso Production`);
    expect(assignment.details).toContain(`Role definition ID: ${OWNER_ID} (Azure could not confirm its name)`);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Azure could not confirm which role .* treat it as able to change resources and grant access/),
    ]);
    expect(JSON.stringify(result)).not.toMatch(/Reader/);
  });

  it("treats a plan built without ARM's answer as not confirmed, and ignores a confirmation for another id", () => {
    expect(planProvisioning(disguised(), CONTEXT, AZURE_CLOUD, RUN_ID).form.role.roleName).toMatch(/not confirmed/);
    const forReader = confirmRole({ id: ARM_ROLES[0]!.id }, ARM_ROLES);
    expect(planProvisioning(disguised(), CONTEXT, AZURE_CLOUD, RUN_ID, { role: forReader }).form.role.roleName).toMatch(/not confirmed/);
  });
});

describe("the role assignment's name", () => {
  it("is the same for the same scope, principal and role, whatever the case, so a retried PUT is idempotent", () => {
    const a = roleAssignmentName("/subscriptions/ABC", "P-1", "R-1");
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(roleAssignmentName("/subscriptions/abc", "p-1", "r-1")).toBe(a);
    expect(roleAssignmentName("/subscriptions/abc", "p-2", "r-1")).not.toBe(a);
    expect(roleAssignmentName("/subscriptions/abd", "p-1", "r-1")).not.toBe(a);
    expect(roleAssignmentName("/subscriptions/abc", "p-1", "r-2")).not.toBe(a);
  });
});
