import { guidFrom, hashSecret } from "../../../emulator/model/core/ids";
import { azureRmBody, createEndpoint, devops, entraIssuer, entraSubject, newModel, ORG, OTHER_PROJECT, PROJECT, SECRET } from "./helpers";

describe("creating a service connection", () => {
  it("creates an azurerm connection with a secret and answers it with the secret as null", async () => {
    const model = newModel();
    const res = await createEndpoint(model);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: "contoso-prod-reader",
      type: "azurerm",
      url: "https://management.azure.com/",
      owner: "library",
      isShared: false,
      isReady: true,
      data: { scopeLevel: "Subscription", creationMode: "Manual" },
      authorization: { scheme: "ServicePrincipal", parameters: { authenticationType: "spnKey", serviceprincipalkey: null } },
      serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id, name: PROJECT.name }, name: "contoso-prod-reader" }],
      operationStatus: { state: "Ready" },
      createdBy: { id: model.state.devops.user.id },
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps the secret only as a hash", async () => {
    const model = newModel();
    await createEndpoint(model);
    const endpoint = model.inspect().devops.serviceEndpoints[0]!;
    expect(endpoint.secretHash).toBe(hashSecret(SECRET));
    expect(endpoint.authorization.parameters["serviceprincipalkey"]).toBeUndefined();
    expect(JSON.stringify(model.inspect())).not.toContain(SECRET);
  });

  it("keeps any other confidential parameter as a hash too, and reads it back as null under the caller's key", async () => {
    const model = newModel();
    const res = await createEndpoint(model, {
      name: "nexus",
      type: "generic",
      url: "https://nexus.contoso.com",
      authorization: { scheme: "UsernamePassword", parameters: { username: "ci", Password: "hunter2" } },
      serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name: "nexus" }],
    });
    expect(res.body.authorization.parameters).toEqual({ username: "ci", Password: null });
    expect(JSON.stringify(model.inspect())).not.toContain("hunter2");
  });

  it("requires at least one project reference", async () => {
    const body = { ...azureRmBody(), serviceEndpointProjectReferences: [] };
    const res = await createEndpoint(newModel(), body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe("At least one project reference required to create an endpoint.");
  });

  it("refuses a project reference to a project that does not exist", async () => {
    const res = await createEndpoint(newModel(), azureRmBody({ projectId: guidFrom("no-such-project") }));
    expect(res.status).toBe(404);
  });

  it("refuses a second connection with the same name in a project, case-insensitively, with the real message", async () => {
    const model = newModel();
    await createEndpoint(model);
    const res = await createEndpoint(model, azureRmBody({ name: "CONTOSO-PROD-READER" }));
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      "Service connection with name CONTOSO-PROD-READER already exists. Only a user having Administrator/User role permissions on service connection CONTOSO-PROD-READER can see it.",
    );
    expect(model.state.devops.serviceEndpoints).toHaveLength(1);
  });

  it("allows the same name in another project", async () => {
    const model = newModel();
    await createEndpoint(model);
    const body = azureRmBody({ projectId: OTHER_PROJECT.id });
    expect((await createEndpoint(model, body)).status).toBe(200);
  });

  describe("name rules", () => {
    it.each([
      ["empty", ""],
      ["only spaces", "   "],
      ["a comma", "prod,reader"],
      ["a control character", "prod\treader"],
      ["more than 256 characters", "x".repeat(257)],
    ])("refuses a name with %s", async (_what, name) => {
      const res = await createEndpoint(newModel(), azureRmBody({ name }));
      expect(res.status).toBe(400);
    });

    it("trims the name", async () => {
      expect((await createEndpoint(newModel(), azureRmBody({ name: "  padded  " }))).body.name).toBe("padded");
    });
  });

  describe("type, scheme and inputs", () => {
    it("refuses a type that does not exist", async () => {
      const res = await createEndpoint(newModel(), { ...azureRmBody(), type: "azurermz" });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain("azurermz");
    });

    it("reads the type case-insensitively and answers it as sent", async () => {
      expect((await createEndpoint(newModel(), { ...azureRmBody(), type: "AzureRM" })).body.type).toBe("AzureRM");
    });

    it("refuses a scheme the type does not have", async () => {
      const body = azureRmBody();
      body["authorization"] = { scheme: "UsernamePassword", parameters: {} };
      expect((await createEndpoint(newModel(), body)).status).toBe(400);
    });

    it.each(["tenantid", "serviceprincipalid", "serviceprincipalkey"])("requires %s for a service principal with a secret", async (key) => {
      const body = azureRmBody();
      delete (body["authorization"] as { parameters: Record<string, string> }).parameters[key];
      const res = await createEndpoint(newModel(), body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(key);
    });

    it("does not require a key for a certificate credential but requires the certificate", async () => {
      const body = azureRmBody();
      const parameters = (body["authorization"] as { parameters: Record<string, string> }).parameters;
      delete parameters["serviceprincipalkey"];
      parameters["authenticationType"] = "spnCertificate";
      expect((await createEndpoint(newModel(), body)).body.message).toContain("servicePrincipalCertificate");
    });

    it("refuses a tenant id that is not a GUID", async () => {
      expect((await createEndpoint(newModel(), azureRmBody({ tenantId: "contoso.onmicrosoft.com" }))).status).toBe(400);
    });

    it.each([
      ["Subscription", "subscriptionId"],
      ["ManagementGroup", "managementGroupId"],
      ["AzureMLWorkspace", "mlWorkspaceName"],
    ] as const)("requires the keys of scope level %s (%s)", async (scopeLevel, key) => {
      const body = azureRmBody({ scopeLevel });
      delete (body["data"] as Record<string, string>)[key];
      const res = await createEndpoint(newModel(), body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(key);
    });

    it("accepts each scope level with its keys", async () => {
      for (const scopeLevel of ["Subscription", "ManagementGroup", "AzureMLWorkspace"] as const) {
        expect((await createEndpoint(newModel(), azureRmBody({ scopeLevel }))).status).toBe(200);
      }
    });

    it("refuses an environment Azure DevOps does not know", async () => {
      const body = azureRmBody();
      (body["data"] as Record<string, string>)["environment"] = "AzureMoonCloud";
      expect((await createEndpoint(newModel(), body)).status).toBe(400);
    });

    it("fills in the url of the environment when none is sent", async () => {
      const body = azureRmBody();
      delete body["url"];
      (body["data"] as Record<string, string>)["environment"] = "AzureUSGovernment";
      expect((await createEndpoint(newModel(), body)).body.url).toBe("https://management.usgovcloudapi.net/");
    });

    it("requires a url where the type has no default", async () => {
      const res = await createEndpoint(newModel(), {
        name: "nexus",
        type: "generic",
        authorization: { scheme: "UsernamePassword", parameters: { username: "ci" } },
        serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name: "nexus" }],
      });
      expect(res.status).toBe(400);
    });
  });

  describe("workload identity federation", () => {
    it("reports the issuer and subject Azure DevOps presents, ignoring any the caller sends", async () => {
      const model = newModel();
      const body = azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" });
      (body["authorization"] as { parameters: Record<string, string> }).parameters["workloadIdentityFederationSubject"] = "made-up";
      const res = await createEndpoint(model, body);
      expect(res.status).toBe(200);
      // The Entra issuer is the default for new connections (knobs.federationIssuer "entra").
      expect(res.body.authorization.parameters.workloadIdentityFederationIssuer).toBe(entraIssuer());
      expect(res.body.authorization.parameters.workloadIdentityFederationSubject).toBe(entraSubject(res.body.id));
      expect(res.body.authorization.parameters.serviceprincipalkey).toBeUndefined();
    });

    it("reports the older Azure DevOps issuer and sc:// subject when the organization still uses it", async () => {
      const model = newModel();
      model.knobs.federationIssuer = "azureDevOps";
      const res = await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" }));
      expect(res.status).toBe(200);
      expect(res.body.authorization.parameters.workloadIdentityFederationIssuer).toBe(
        `https://vstoken.dev.azure.com/${guidFrom(`organization:${ORG}`)}`,
      );
      expect(res.body.authorization.parameters.workloadIdentityFederationSubject).toBe(`sc://${ORG}/${PROJECT.name}/prod-wif`);
    });
  });

  it("refuses a url that is not an absolute http(s) URL", async () => {
    expect((await createEndpoint(newModel(), { ...azureRmBody(), url: "management.azure.com" })).status).toBe(400);
  });

  it("refuses an input longer than its descriptor allows", async () => {
    const body = azureRmBody();
    (body["data"] as Record<string, string>)["subscriptionName"] = "s".repeat(256);
    expect((await createEndpoint(newModel(), body)).status).toBe(400);
  });

  describe("the project-level routes of api-version 4.x", () => {
    const legacy = "application/json; api-version=4.1-preview.1";

    it("creates in the path's project when the body names none", async () => {
      const model = newModel();
      const { serviceEndpointProjectReferences: _refs, ...body } = azureRmBody();
      const res = await devops(model, "POST", `/${ORG}/${OTHER_PROJECT.name}/_apis/serviceendpoint/endpoints`, { accept: legacy, body });
      expect(res.status).toBe(200);
      expect(model.state.devops.serviceEndpoints[0]!.serviceEndpointProjectReferences[0]!.projectReference.id).toBe(OTHER_PROJECT.id);
    });

    it("are not there from api-version 5.0 on", async () => {
      const res = await devops(newModel(), "POST", `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpoints`, { body: azureRmBody() });
      expect(res.status).toBe(404);
    });

    it("update and delete within the path's project", async () => {
      const model = newModel();
      const created = (await createEndpoint(model)).body;
      const path = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpoints/${created.id}`;
      expect((await devops(model, "PUT", path, { accept: legacy, body: { ...created, description: "legacy" } })).body.description).toBe(
        "legacy",
      );
      expect((await devops(model, "DELETE", path, { accept: legacy })).status).toBe(204);
      expect(model.state.devops.serviceEndpoints).toEqual([]);
    });
  });

  it("refuses a body that is not JSON", async () => {
    const res = await devops(newModel(), "POST", `/${ORG}/_apis/serviceendpoint/endpoints`, { bodyText: "{not json" });
    expect(res.status).toBe(400);
  });
});
