import { SEED } from "../../emulator/model/seed";
import type { State } from "../../emulator/model/state";
import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, createdSince, openWizard, screenshot } from "./support/journey";
import type { WizardDriver } from "./support/wizard";

/**
 * Workload identity federation through the guided form, at each scope level: the connection is created manually with
 * the federation scheme, the app trusts exactly the issuer and subject Azure DevOps reported, Verify passes once Entra
 * has replicated the new credential, and no secret exists anywhere in the world afterwards.
 */
const SCOPES: Array<{ level: string; choose: (w: WizardDriver) => Promise<void>; data: Record<string, string> }> = [
  {
    level: "Subscription",
    choose: (w) => w.choose("Subscription", "Contoso Production"),
    data: { scopeLevel: "Subscription", subscriptionName: "Contoso Production" },
  },
  {
    level: "ManagementGroup",
    choose: async (w) => {
      await w.frame.getByRole("radio", { name: "Management Group" }).click();
      await w.choose("Management group", "Contoso Platform");
    },
    data: { scopeLevel: "ManagementGroup", managementGroupId: SEED.managementGroup },
  },
  {
    level: "AzureMLWorkspace",
    choose: async (w) => {
      await w.frame.getByRole("radio", { name: "Machine Learning Workspace" }).click();
      await w.choose("Subscription of the workspace", "Contoso Production");
      await w.choose("Resource group", "rg-ml");
      await w.choose("ML workspace name", "mlw-forecasting");
      await w.frame.getByText("ML workspace location: westeurope").waitFor();
    },
    data: { scopeLevel: "AzureMLWorkspace", mlWorkspaceName: "mlw-forecasting" },
  },
];

describe("creating federated connections (no secret) at each scope level", () => {
  let h: Harness;
  let before: State;
  beforeAll(async () => {
    h = await startHarness();
    // Entra takes a while to trust a new federated credential: the first Verify calls are refused.
    h.model.knobs.consistency.federatedCredentialToTestConnectionCalls = 2;
    before = h.model.inspect();
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const scope of SCOPES) {
    it(`at a ${scope.level}: creates the connection with federation, trusts it, and verifies`, async () => {
      const w = await openWizard(h);
      await scope.choose(w);
      const { connectionName } = await acceptDefaultsToReview(w, { credential: "federation", pipelines: ["web-ci"] });
      if (scope.level === "AzureMLWorkspace") await w.frame.getByRole("radio", { name: /^Also grant Reader at the subscription/ }).click();
      const plan = w.frame.getByRole("list", { name: "What will be created" });
      await plan.getByText("Federated credential on the app (workload identity federation)").waitFor();
      expect(await plan.textContent()).not.toMatch(/secret/i);
      const steps = await w.frame.locator("[data-step]").evaluateAll((items) => items.map((i) => i.getAttribute("data-step")));
      expect(steps).not.toContain("addSecret");
      expect(steps).toContain("addFederatedCredential");
      if (scope.level === "Subscription") await screenshot(h, "journey-federation-review");
      await w.frame.getByRole("button", { name: "Create" }).click();
      await w.page("Result");
      await w.frame.getByText("The connection is ready and verified.").waitFor({ timeout: 60_000 });
      await w.frame.getByText("Workload identity federation: nothing to rotate, nothing that expires").waitFor();
      expect(await w.frame.getByRole("button", { name: "Show the client secret" }).count()).toBe(0);

      const state = h.model.inspect();
      const endpoint = state.devops.serviceEndpoints.find((e) => e.name === connectionName)!;
      expect(endpoint.data).toMatchObject({ ...scope.data, creationMode: "Manual" });
      expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
      const { serviceprincipalid, workloadIdentityFederationIssuer, workloadIdentityFederationSubject } = endpoint.authorization.parameters;
      const app = state.applications.find((a) => a.appId === serviceprincipalid)!;
      expect(app.federatedIdentityCredentials).toEqual([
        expect.objectContaining({
          issuer: workloadIdentityFederationIssuer,
          subject: workloadIdentityFederationSubject,
          audiences: ["api://AzureADTokenExchange"],
          description: expect.stringContaining(connectionName),
        }),
      ]);
    });
  }

  it("left no secret anywhere: no password credential on any new app, none held by any new connection", () => {
    const made = createdSince(before, h.model.inspect());
    expect(made.applications).toHaveLength(3);
    expect(made.serviceEndpoints).toHaveLength(3);
    for (const app of made.applications) expect(app.passwordCredentials).toEqual([]);
    for (const endpoint of made.serviceEndpoints) {
      expect(endpoint.secretHash).toBeUndefined();
      // Only what federation needs: the ids, and what Azure DevOps reports (issuer, subject, the issuer's type).
      const allowed = ["serviceprincipalid", "tenantid", "workloadIdentityFederationIssuer", "workloadIdentityFederationSubject"];
      const keys = Object.keys(endpoint.authorization.parameters);
      expect(keys).toEqual(expect.arrayContaining(allowed));
      expect(keys.filter((k) => !allowed.includes(k) && k !== "workloadIdentityFederationIssuerType")).toEqual([]);
    }
    // Reader at each scope, plus Reader at the workspace's subscription for Verify.
    expect(made.roleAssignments).toHaveLength(4);
  });
});
