import { guidFrom, hashSecret } from "../../../emulator/model/core/ids";
import { azureRmBody, createEndpoint, devops, entraIssuer, entraSubject, newModel, ORG, OTHER_PROJECT, PROJECT, SECRET } from "./helpers";

const endpointUrl = (id: string) => `/${ORG}/_apis/serviceendpoint/endpoints/${id}`;

async function withConnection() {
  const model = newModel();
  const created = (await createEndpoint(model)).body;
  return { model, created };
}

function withSecret(body: Record<string, unknown>, secret: string | null): Record<string, unknown> {
  const copy = structuredClone(body) as { authorization: { parameters: Record<string, unknown> } };
  copy.authorization.parameters["serviceprincipalkey"] = secret;
  return copy;
}

describe("updating a service connection", () => {
  it("rotates the secret: the new one replaces the stored hash", async () => {
    const { model, created } = await withConnection();
    const res = await devops(model, "PUT", endpointUrl(created.id), { body: withSecret(created, "the-new-secret") });
    expect(res.status).toBe(200);
    expect(res.body.authorization.parameters.serviceprincipalkey).toBeNull();
    expect(model.state.devops.serviceEndpoints[0]!.secretHash).toBe(hashSecret("the-new-secret"));
  });

  it("keeps the stored secret when the update sends it as null (as read back)", async () => {
    const { model, created } = await withConnection();
    await devops(model, "PUT", endpointUrl(created.id), { body: { ...created, description: "renamed" } });
    expect(model.state.devops.serviceEndpoints[0]!.secretHash).toBe(hashSecret(SECRET));
    expect(model.state.devops.serviceEndpoints[0]!.description).toBe("renamed");
  });

  it("drops the key when the credential switches to a certificate", async () => {
    const { model, created } = await withConnection();
    const body = withSecret(created, null) as { authorization: { parameters: Record<string, unknown> } };
    body.authorization.parameters["authenticationType"] = "spnCertificate";
    body.authorization.parameters["servicePrincipalCertificate"] = "-----BEGIN CERTIFICATE-----";
    expect((await devops(model, "PUT", endpointUrl(created.id), { body })).status).toBe(200);
    expect(model.state.devops.serviceEndpoints[0]!.secretHash).toBeUndefined();
  });

  it("renames the connection in its project", async () => {
    const { model, created } = await withConnection();
    const res = await devops(model, "PUT", endpointUrl(created.id), {
      body: { ...created, name: "prod-reader-2", serviceEndpointProjectReferences: undefined },
    });
    expect(res.body.name).toBe("prod-reader-2");
    expect(res.body.serviceEndpointProjectReferences[0].name).toBe("prod-reader-2");
  });

  it("lets the project's name follow a top-level rename when the references come back unchanged", async () => {
    const { model, created } = await withConnection();
    const res = await devops(model, "PUT", endpointUrl(created.id), { body: { ...created, name: "renamed", description: "new words" } });
    expect(res.body.serviceEndpointProjectReferences[0]).toMatchObject({ name: "renamed", description: "new words" });
  });

  it("keeps a project's own name when it differs from the top-level one", async () => {
    const { model, created } = await withConnection();
    await devops(model, "PATCH", endpointUrl(created.id), { body: [{ projectReference: { id: OTHER_PROJECT.id }, name: "their-name" }] });
    const current = (await devops(model, "GET", `/${ORG}/${PROJECT.id}/_apis/serviceendpoint/endpoints/${created.id}`)).body;
    const res = await devops(model, "PUT", endpointUrl(created.id), { body: { ...current, name: "renamed" } });
    expect(res.body.serviceEndpointProjectReferences.map((r: { name: string }) => r.name)).toEqual(["renamed", "their-name"]);
  });

  it("takes a new name sent in a project reference", async () => {
    const { model, created } = await withConnection();
    const body = structuredClone(created);
    body.serviceEndpointProjectReferences[0].name = "project-specific";
    const res = await devops(model, "PUT", endpointUrl(created.id), { body });
    expect(res.body.name).toBe("contoso-prod-reader");
    expect(res.body.serviceEndpointProjectReferences[0].name).toBe("project-specific");
  });

  it("refuses a rename onto another connection's name in the project", async () => {
    const { model, created } = await withConnection();
    await createEndpoint(model, azureRmBody({ name: "taken" }));
    const body = { ...created, name: "taken", serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT.id }, name: "taken" }] };
    expect((await devops(model, "PUT", endpointUrl(created.id), { body })).status).toBe(409);
  });

  it("refuses a body whose id is another endpoint's", async () => {
    const { model, created } = await withConnection();
    expect((await devops(model, "PUT", endpointUrl(created.id), { body: { ...created, id: guidFrom("other") } })).status).toBe(400);
  });

  it("refuses a change of type", async () => {
    const { model, created } = await withConnection();
    expect((await devops(model, "PUT", endpointUrl(created.id), { body: { ...created, type: "generic" } })).status).toBe(400);
  });

  it("answers 404 for a connection that does not exist", async () => {
    const { model, created } = await withConnection();
    expect((await devops(model, "PUT", endpointUrl(guidFrom("missing")), { body: created })).status).toBe(404);
  });

  it("checks inputs on update as on create", async () => {
    const { model, created } = await withConnection();
    const body = structuredClone(created);
    body.data.subscriptionId = "not-a-guid";
    expect((await devops(model, "PUT", endpointUrl(created.id), { body })).status).toBe(400);
  });

  describe("ConvertAuthenticationScheme", () => {
    function asWorkloadIdentity(created: Record<string, unknown>): Record<string, unknown> {
      const body = structuredClone(created) as { authorization: { scheme: string; parameters: Record<string, unknown> } };
      body.authorization = {
        scheme: "WorkloadIdentityFederation",
        parameters: {
          tenantid: body.authorization.parameters["tenantid"],
          serviceprincipalid: body.authorization.parameters["serviceprincipalid"],
        },
      };
      return body;
    }

    it("converts an automatically created secret connection to workload identity federation and reports issuer and subject", async () => {
      const model = newModel();
      const created = (await createEndpoint(model, azureRmBody({ creationMode: "Automatic" }))).body;
      const res = await devops(model, "PUT", endpointUrl(created.id), {
        query: { operation: "ConvertAuthenticationScheme" },
        body: asWorkloadIdentity(created),
      });
      expect(res.status).toBe(200);
      expect(res.body.authorization.scheme).toBe("WorkloadIdentityFederation");
      expect(res.body.authorization.parameters).toMatchObject({
        workloadIdentityFederationIssuer: entraIssuer(),
        workloadIdentityFederationSubject: entraSubject(created.id),
      });
      expect(res.body.authorization.parameters.serviceprincipalkey).toBeUndefined();
      expect(res.body.authorization.parameters.authenticationType).toBeUndefined();
      expect(model.state.devops.serviceEndpoints[0]!.secretHash).toBeUndefined();
    });

    it("refuses a change of scheme without the operation", async () => {
      const { model, created } = await withConnection();
      expect((await devops(model, "PUT", endpointUrl(created.id), { body: asWorkloadIdentity(created) })).status).toBe(400);
    });

    it("refuses an operation it does not know", async () => {
      const { model, created } = await withConnection();
      expect(
        (await devops(model, "PUT", endpointUrl(created.id), { query: { operation: "Reticulate" }, body: asWorkloadIdentity(created) }))
          .status,
      ).toBe(400);
    });
  });

  describe("several at once", () => {
    it("updates every endpoint of the array and answers the list", async () => {
      const model = newModel();
      const a = (await createEndpoint(model, azureRmBody({ name: "a" }))).body;
      const b = (await createEndpoint(model, azureRmBody({ name: "b" }))).body;
      const res = await devops(model, "PUT", `/${ORG}/_apis/serviceendpoint/endpoints`, {
        body: [
          { ...a, description: "one" },
          { ...b, description: "two" },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.map((e: { description: string }) => e.description)).toEqual(["one", "two"]);
    });

    it("changes none when one of them is refused", async () => {
      const model = newModel();
      const a = (await createEndpoint(model, azureRmBody({ name: "a" }))).body;
      const b = (await createEndpoint(model, azureRmBody({ name: "b" }))).body;
      const res = await devops(model, "PUT", `/${ORG}/_apis/serviceendpoint/endpoints`, {
        body: [
          { ...a, description: "one" },
          { ...b, name: "" },
        ],
      });
      expect(res.status).toBe(400);
      expect(model.state.devops.serviceEndpoints[0]!.description).not.toBe("one");
    });
  });
});
