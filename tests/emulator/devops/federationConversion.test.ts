import { guidFrom } from "../../../emulator/model/core/ids";
import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { GraphClient } from "../graph/graphKit";
import {
  azureRmBody,
  createEndpoint,
  devops,
  entraIssuer,
  entraSubject,
  givePrincipal,
  newModel,
  ORG,
  PROJECT,
  type AzureRmOptions,
} from "./helpers";

/**
 * ConvertAuthenticationScheme and workload identity federation as Azure DevOps does them (CONTRACTS.md §2.5):
 * a connection Azure DevOps did not create (creationMode Manual) converts only when the app already trusts the
 * issuer/subject the converted connection presents; otherwise 400 and the connection stays as it was.
 */
const endpointUrl = (id: string) => `/${ORG}/_apis/serviceendpoint/endpoints/${id}`;
const PROXY = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpointproxy`;
const CONVERT = { operation: "ConvertAuthenticationScheme" };

type Endpoint = {
  id: string;
  name: string;
  data: Record<string, string>;
  authorization: { scheme: string; parameters: Record<string, string | null> };
};

function asWorkloadIdentity(created: Endpoint): Endpoint {
  const body = structuredClone(created);
  body.authorization = {
    scheme: "WorkloadIdentityFederation",
    parameters: {
      tenantid: created.authorization.parameters["tenantid"]!,
      serviceprincipalid: created.authorization.parameters["serviceprincipalid"]!,
    },
  };
  return body;
}

async function secretConnection(model: AzureInABox, options: AzureRmOptions = {}): Promise<Endpoint> {
  const res = await createEndpoint(model, azureRmBody(options));
  expect(res.status).toBe(200);
  return res.body as Endpoint;
}

function trust(model: AzureInABox, issuer: string, subject: string): void {
  model.state.applications[0]!.federatedIdentityCredentials.push({
    id: guidFrom(`fic:${subject}`),
    name: "trusted",
    issuer,
    subject,
    audiences: ["api://AzureADTokenExchange"],
    description: null,
  });
}

function verify(model: AzureInABox, endpointId: string) {
  return devops(model, "POST", PROXY, {
    query: { endpointId },
    body: { dataSourceDetails: { dataSourceName: "TestConnection", parameters: null }, resultTransformationDetails: {} },
  });
}

describe("ConvertAuthenticationScheme on a manually created connection", () => {
  it("answers 400 with Azure DevOps' text and leaves the connection unchanged when the app trusts nothing", async () => {
    const model = newModel();
    givePrincipal(model);
    const created = await secretConnection(model);
    const before = structuredClone(model.state.devops.serviceEndpoints[0]);
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "Service connection contoso-prod-reader could not be upgraded to use workload identity federation because the service principal could not be configured automatically, and no valid configuration exists.",
    );
    expect(model.state.devops.serviceEndpoints[0]).toEqual(before);
    expect(model.state.applications[0]!.federatedIdentityCredentials).toEqual([]);
  });

  it("is refused even when the body claims creationMode Automatic: the stored connection decides", async () => {
    const model = newModel();
    givePrincipal(model);
    const created = await secretConnection(model);
    const body = asWorkloadIdentity(created);
    body.data = { ...body.data, creationMode: "Automatic" };
    expect((await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body })).status).toBe(400);
  });

  it("converts when the app already trusts the Entra issuer and /eid1/ subject (the default)", async () => {
    const model = newModel();
    givePrincipal(model);
    const created = await secretConnection(model);
    trust(model, entraIssuer(), entraSubject(created.id));
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) });
    expect(res.status).toBe(200);
    expect(res.body.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: entraIssuer(),
      workloadIdentityFederationSubject: entraSubject(created.id),
    });
    expect((await verify(model, created.id)).body.statusCode).toBe(200);
  });

  it("does not accept a credential for the other issuer than the one in force", async () => {
    const model = newModel();
    givePrincipal(model);
    const created = await secretConnection(model);
    trust(model, `https://vstoken.dev.azure.com/${guidFrom(`organization:${ORG}`)}`, `sc://${ORG}/${PROJECT.name}/${created.name}`);
    expect((await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) })).status).toBe(400);
  });

  it("with the older Azure DevOps issuer in force, converts when the app trusts vstoken.dev.azure.com and sc://org/project/name", async () => {
    const model = newModel();
    model.knobs.federationIssuer = "azureDevOps";
    givePrincipal(model);
    const created = await secretConnection(model);
    const issuer = `https://vstoken.dev.azure.com/${guidFrom(`organization:${ORG}`)}`;
    const subject = `sc://${ORG}/${PROJECT.name}/${created.name}`;
    trust(model, entraIssuer(), entraSubject(created.id));
    expect((await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) })).status).toBe(400);
    trust(model, issuer, subject);
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) });
    expect(res.status).toBe(200);
    expect(res.body.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: issuer,
      workloadIdentityFederationSubject: subject,
    });
  });
});

describe("ConvertAuthenticationScheme on an automatically created connection", () => {
  it("converts and configures the federated credential on the app itself", async () => {
    const model = newModel();
    givePrincipal(model);
    const created = await secretConnection(model, { creationMode: "Automatic" });
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: asWorkloadIdentity(created) });
    expect(res.status).toBe(200);
    expect(model.state.applications[0]!.federatedIdentityCredentials).toMatchObject([
      { issuer: entraIssuer(), subject: entraSubject(created.id), audiences: ["api://AzureADTokenExchange"] },
    ]);
    expect((await verify(model, created.id)).body.statusCode).toBe(200);
  });
});

describe("a connection created with WorkloadIdentityFederation and creationMode Manual", () => {
  it("reports issuer and subject, and Verify passes only once the app trusts them, after the replication delay", async () => {
    const model = newModel();
    model.knobs.consistency.federatedCredentialToTestConnectionCalls = 2;
    const { application } = givePrincipal(model);
    const created = (await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" }))).body as Endpoint;
    expect(created.data.creationMode).toBe("Manual");
    const { workloadIdentityFederationIssuer: issuer, workloadIdentityFederationSubject: subject } = created.authorization.parameters;
    expect(issuer).toBe(entraIssuer());
    expect(subject).toBe(entraSubject(created.id));

    expect((await verify(model, created.id)).body.errorMessage).toContain("AADSTS70021");
    const graph = GraphClient.as(model, "admin");
    const fic = await graph.post(`/applications/${application.id}/federatedIdentityCredentials`, {
      name: "prod-wif",
      issuer,
      subject,
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(fic.status).toBe(201);
    // Two calls still see no credential (knobs.consistency.federatedCredentialToTestConnectionCalls), the third passes.
    expect((await verify(model, created.id)).body.statusCode).toBe(401);
    expect((await verify(model, created.id)).body.statusCode).toBe(401);
    expect((await verify(model, created.id)).body.statusCode).toBe(200);
  });

  it("trusts a new credential at once with the default knob (0)", async () => {
    const model = newModel();
    const { application } = givePrincipal(model);
    const created = (await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" }))).body as Endpoint;
    const { workloadIdentityFederationIssuer: issuer, workloadIdentityFederationSubject: subject } = created.authorization.parameters;
    await GraphClient.as(model, "admin").post(`/applications/${application.id}/federatedIdentityCredentials`, {
      name: "prod-wif",
      issuer,
      subject,
      audiences: ["api://AzureADTokenExchange"],
    });
    expect((await verify(model, created.id)).body.statusCode).toBe(200);
  });
});

describe("a federation connection when the organization's issuer changes", () => {
  it("keeps the issuer it has on a later update; the older subject follows a rename", async () => {
    const model = newModel();
    model.knobs.federationIssuer = "azureDevOps";
    const created = (await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "prod-wif" }))).body as Endpoint;
    model.knobs.federationIssuer = "entra";
    const renamed = await devops(model, "PUT", endpointUrl(created.id), {
      body: { ...created, name: "prod-wif-2", serviceEndpointProjectReferences: undefined },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: `https://vstoken.dev.azure.com/${guidFrom(`organization:${ORG}`)}`,
      workloadIdentityFederationSubject: `sc://${ORG}/${PROJECT.name}/prod-wif-2`,
    });
  });
});
