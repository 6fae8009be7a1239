import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import type { AzureInABox } from "../../../emulator/model/azureInABox";
import {
  azureRmBody,
  clientAccept,
  createEndpoint,
  devops,
  givePrincipal,
  newModel,
  ORG,
  OTHER_PROJECT,
  PROJECT,
  SUBSCRIPTION_ID,
  type AzureRmOptions,
} from "./helpers";

const PROXY = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpointproxy`;

function testRequest(details?: Record<string, unknown>): Record<string, unknown> {
  return {
    dataSourceDetails: { dataSourceName: "TestConnection", parameters: null },
    resultTransformationDetails: {},
    ...(details ? { serviceEndpointDetails: details } : {}),
  };
}

/** "Verify" before saving: endpoint id "0" and the whole connection, secret included, in the body. */
async function verifyUnsaved(model: AzureInABox, options: AzureRmOptions = {}, accept?: string) {
  const { name: _name, serviceEndpointProjectReferences: _refs, ...details } = azureRmBody(options);
  return devops(model, "POST", PROXY, { query: { endpointId: "0" }, body: testRequest(details), ...(accept ? { accept } : {}) });
}

describe("TestConnection (Verify)", () => {
  it("passes for a principal with a valid secret and Reader on the subscription", async () => {
    const model = newModel();
    givePrincipal(model);
    const res = await verifyUnsaved(model);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, errorMessage: "", result: [] });
    expect(res.body.activityId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers the status as its name without enumsAsNumbers", async () => {
    const model = newModel();
    givePrincipal(model);
    expect((await verifyUnsaved(model, {}, "application/json;api-version=7.2-preview.1")).body.statusCode).toBe("ok");
    expect((await verifyUnsaved(model, { secret: "wrong" }, "application/json;api-version=7.2-preview.1")).body.statusCode).toBe(
      "unauthorized",
    );
  });

  it("fails inside an HTTP 200 when the tenant does not exist", async () => {
    const model = newModel();
    givePrincipal(model);
    const res = await verifyUnsaved(model, { tenantId: guidFrom("no-tenant") });
    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(401);
    expect(res.body.errorMessage).toContain("AADSTS90002");
  });

  it("fails with AADSTS700016 when no service principal has that app id in the tenant", async () => {
    const model = newModel();
    givePrincipal(model);
    const res = await verifyUnsaved(model, { appId: guidFrom("other-app") });
    expect(res.body.statusCode).toBe(401);
    expect(res.body.errorMessage).toContain("AADSTS700016");
    expect(res.body.errorMessage).toContain("Contoso");
  });

  it("fails with AADSTS700016 when the principal lives in another tenant", async () => {
    const model = newModel();
    givePrincipal(model);
    expect((await verifyUnsaved(model, { tenantId: SEED.otherTenantId })).body.errorMessage).toContain("AADSTS700016");
  });

  it("fails with AADSTS7000215 for a wrong secret", async () => {
    const model = newModel();
    givePrincipal(model);
    const res = await verifyUnsaved(model, { secret: "not-the-secret" });
    expect(res.body.statusCode).toBe(401);
    expect(res.body.errorMessage).toContain("AADSTS7000215: Invalid client secret provided.");
  });

  it("fails with AADSTS7000222 for an expired secret, judged by the world's clock", async () => {
    const model = newModel();
    givePrincipal(model, { secretDays: 10 });
    expect((await verifyUnsaved(model)).body.statusCode).toBe(200);
    model.clock.advance(11 * 24 * 3600 * 1000);
    const res = await verifyUnsaved(model);
    expect(res.body.statusCode).toBe(401);
    expect(res.body.errorMessage).toContain("AADSTS7000222");
  });

  it("rejects a new secret like a wrong one until it has replicated, counting the calls", async () => {
    const model = newModel();
    const { application } = givePrincipal(model, { pendingSecretCalls: 2 });
    expect((await verifyUnsaved(model)).body.errorMessage).toContain("AADSTS7000215");
    expect((await verifyUnsaved(model)).body.errorMessage).toContain("AADSTS7000215");
    expect(application.passwordCredentials[0]!.pendingTestConnectionCalls).toBe(0);
    expect((await verifyUnsaved(model)).body.statusCode).toBe(200);
  });

  it("fails with AADSTS7000216 when an unsaved connection carries no secret", async () => {
    const model = newModel();
    givePrincipal(model);
    const { name: _n, serviceEndpointProjectReferences: _r, ...details } = azureRmBody();
    (details["authorization"] as { parameters: Record<string, unknown> }).parameters["serviceprincipalkey"] = null;
    const res = await devops(model, "POST", PROXY, { query: { endpointId: "0" }, body: testRequest(details) });
    expect(res.body.errorMessage).toContain("AADSTS7000216");
  });

  it("finds the tenant by its domain name as well as by its id", async () => {
    const model = newModel();
    givePrincipal(model);
    expect((await verifyUnsaved(model, { tenantId: "contoso.onmicrosoft.com" })).body.statusCode).toBe(200);
  });

  it("does not accept a secret before its start time", async () => {
    const model = newModel();
    const { application } = givePrincipal(model);
    application.passwordCredentials[0]!.startDateTime = new Date(model.clock.nowMs() + 60_000).toISOString();
    expect((await verifyUnsaved(model)).body.errorMessage).toContain("AADSTS7000215");
  });

  it("fails with AADSTS700016 when the app registration is gone though its principal remains", async () => {
    const model = newModel();
    givePrincipal(model);
    model.state.applications = [];
    expect((await verifyUnsaved(model)).body.errorMessage).toContain("AADSTS700016");
  });

  it("says so when asked to verify a credential kind it does not model", async () => {
    const model = newModel();
    givePrincipal(model);
    const { name: _n, serviceEndpointProjectReferences: _r, ...details } = azureRmBody();
    (details["authorization"] as { parameters: Record<string, unknown> }).parameters["authenticationType"] = "spnCertificate";
    const res = await devops(model, "POST", PROXY, { query: { endpointId: "0" }, body: testRequest(details) });
    expect(res.body.statusCode).toBe(400);
    expect(res.body.errorMessage).toContain("does not verify");
  });

  describe("the principal's permission on the scope", () => {
    it("fails with 403 when the principal has no role on the subscription", async () => {
      const model = newModel();
      givePrincipal(model, { role: null });
      const res = await verifyUnsaved(model);
      expect(res.body.statusCode).toBe(403);
      expect(res.body.errorMessage).toContain(
        `does not have authorization to perform action 'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${SUBSCRIPTION_ID}'`,
      );
    });

    it("fails when the role sits below the subscription (a resource group)", async () => {
      const model = newModel();
      givePrincipal(model, { scope: `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-ml` });
      expect((await verifyUnsaved(model)).body.statusCode).toBe(403);
    });

    it("passes with a role inherited from a management group above the subscription", async () => {
      const model = newModel();
      givePrincipal(model, { scope: `/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}` });
      expect((await verifyUnsaved(model)).body.statusCode).toBe(200);
    });

    it("does not count a role assignment that has not replicated, and each call brings it closer", async () => {
      const model = newModel();
      givePrincipal(model, { pendingRoleCalls: 1 });
      expect((await verifyUnsaved(model)).body.statusCode).toBe(403);
      expect((await verifyUnsaved(model)).body.statusCode).toBe(200);
    });

    it("answers 404 for a subscription that does not exist", async () => {
      const model = newModel();
      givePrincipal(model);
      const res = await verifyUnsaved(model, { subscriptionId: guidFrom("no-sub") });
      expect(res.body.statusCode).toBe(404);
      expect(res.body.errorMessage).toContain("SubscriptionNotFound");
    });

    it("answers 401 for a subscription of another tenant", async () => {
      const model = newModel();
      givePrincipal(model);
      const res = await verifyUnsaved(model, { subscriptionId: guidFrom("subscription:lighthouse") });
      expect(res.body.statusCode).toBe(401);
      expect(res.body.errorMessage).toContain("InvalidAuthenticationTokenTenant");
    });

    it("reads the management group for scope level ManagementGroup", async () => {
      const model = newModel();
      givePrincipal(model, { scope: `/subscriptions/${SUBSCRIPTION_ID}` });
      const denied = await verifyUnsaved(model, { scopeLevel: "ManagementGroup" });
      expect(denied.body.statusCode).toBe(403);
      expect(denied.body.errorMessage).toContain("Microsoft.Management/managementGroups/read");
      givePrincipal(model, {
        appId: guidFrom("mg-app"),
        scope: `/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}`,
      });
      expect((await verifyUnsaved(model, { scopeLevel: "ManagementGroup", appId: guidFrom("mg-app") })).body.statusCode).toBe(200);
    });

    it("reads the subscription for scope level AzureMLWorkspace", async () => {
      const model = newModel();
      givePrincipal(model, {
        scope: `/subscriptions/${subscriptionIdAt(0)}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw-forecasting`,
      });
      expect((await verifyUnsaved(model, { scopeLevel: "AzureMLWorkspace" })).body.statusCode).toBe(403);
      givePrincipal(model, { appId: guidFrom("ml-app"), role: ROLE_IDS.contributor });
      expect((await verifyUnsaved(model, { scopeLevel: "AzureMLWorkspace", appId: guidFrom("ml-app") })).body.statusCode).toBe(200);
    });
  });

  describe("a saved connection", () => {
    it("reuses the stored secret when the request carries only the data source", async () => {
      const model = newModel();
      givePrincipal(model);
      const saved = (await createEndpoint(model)).body;
      const res = await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest() });
      expect(res.body.statusCode).toBe(200);
    });

    it("reuses the stored secret when the details carry it as null, as read back", async () => {
      const model = newModel();
      givePrincipal(model);
      const saved = (await createEndpoint(model)).body;
      expect((await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest(saved) })).body.statusCode).toBe(200);
    });

    it("tests a new secret sent in the details rather than the stored one", async () => {
      const model = newModel();
      givePrincipal(model);
      const saved = (await createEndpoint(model)).body;
      const details = structuredClone(saved);
      details.authorization.parameters.serviceprincipalkey = "a-rotated-secret-not-in-entra";
      expect((await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest(details) })).body.statusCode).toBe(
        401,
      );
    });

    it("answers 404 for a connection not shared with the project", async () => {
      const model = newModel();
      const saved = (await createEndpoint(model)).body;
      const res = await devops(model, "POST", `/${ORG}/${OTHER_PROJECT.name}/_apis/serviceendpoint/endpointproxy`, {
        query: { endpointId: saved.id },
        body: testRequest(),
      });
      expect(res.status).toBe(404);
    });
  });

  describe("workload identity federation", () => {
    async function savedWif(model: AzureInABox) {
      return (await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" }))).body;
    }

    it("fails with AADSTS70021 until the app has a federated credential for the reported issuer and subject", async () => {
      const model = newModel();
      const { application } = givePrincipal(model);
      const saved = await savedWif(model);
      const before = await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest() });
      expect(before.body.statusCode).toBe(401);
      expect(before.body.errorMessage).toContain("AADSTS70021");
      application.federatedIdentityCredentials.push({
        id: guidFrom("fic"),
        name: "prod-wif",
        issuer: saved.authorization.parameters.workloadIdentityFederationIssuer,
        subject: saved.authorization.parameters.workloadIdentityFederationSubject,
        audiences: ["api://AzureADTokenExchange"],
        description: null,
      });
      expect((await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest() })).body.statusCode).toBe(200);
    });

    it("compares the subject exactly, case included", async () => {
      const model = newModel();
      const { application } = givePrincipal(model);
      const saved = await savedWif(model);
      application.federatedIdentityCredentials.push({
        id: guidFrom("fic"),
        name: "prod-wif",
        issuer: saved.authorization.parameters.workloadIdentityFederationIssuer,
        subject: String(saved.authorization.parameters.workloadIdentityFederationSubject).toUpperCase(),
        audiences: ["api://AzureADTokenExchange"],
        description: null,
      });
      expect((await devops(model, "POST", PROXY, { query: { endpointId: saved.id }, body: testRequest() })).body.statusCode).toBe(401);
    });
  });

  describe("requests the model does not serve", () => {
    it("refuses a data source other than TestConnection", async () => {
      const model = newModel();
      const saved = (await createEndpoint(model)).body;
      const res = await devops(model, "POST", PROXY, {
        query: { endpointId: saved.id },
        body: { dataSourceDetails: { dataSourceName: "AzureWebAppNames" } },
      });
      expect(res.status).toBe(400);
    });

    it("needs the details for an unsaved connection", async () => {
      expect((await devops(newModel(), "POST", PROXY, { query: { endpointId: "0" }, body: testRequest() })).status).toBe(400);
    });

    it("needs an endpointId", async () => {
      expect((await devops(newModel(), "POST", PROXY, { body: testRequest(), accept: clientAccept("7.2-preview.1") })).status).toBe(400);
    });
  });
});
