import { guidFrom } from "../../../emulator/model/core/ids";
import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { azureRmBody, createEndpoint, devops, entraIssuer, entraSubject, givePrincipal, newModel, ORG, PROJECT } from "./helpers";

/**
 * Moving a federated connection from the Azure DevOps issuer to the Entra issuer (emulator/model/devops/issuerMove.ts;
 * the REST shape is a guess, documented in ROUTES.md): ConvertAuthenticationScheme with the scheme unchanged and
 * workloadIdentityFederationIssuerType "EntraID". A manual connection moves only once its app trusts the Entra values.
 */
const endpointUrl = (id: string) => `/${ORG}/_apis/serviceendpoint/endpoints/${id}`;
const PROXY = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpointproxy`;
const CONVERT = { operation: "ConvertAuthenticationScheme" };
const VSTOKEN = `https://vstoken.dev.azure.com/${guidFrom(`organization:${ORG}`)}`;

type Endpoint = { id: string; name: string; authorization: { scheme: string; parameters: Record<string, string | null> } };

function trust(model: AzureInABox, issuer: string, subject: string): void {
  model.state.applications[0]!.federatedIdentityCredentials.push({
    id: guidFrom(`fic:${subject}`),
    name: `trusted-${model.state.applications[0]!.federatedIdentityCredentials.length}`,
    issuer,
    subject,
    audiences: ["api://AzureADTokenExchange"],
    description: null,
  });
}

/** A manual WIF connection on the Azure DevOps issuer, its app trusting it. */
async function vstokenConnection(model: AzureInABox): Promise<Endpoint> {
  model.knobs.federationIssuer = "azureDevOps";
  givePrincipal(model);
  const body = azureRmBody();
  const params = (body["authorization"] as { parameters: Record<string, string> }).parameters;
  body["authorization"] = {
    scheme: "WorkloadIdentityFederation",
    parameters: { tenantid: params["tenantid"], serviceprincipalid: params["serviceprincipalid"] },
  };
  const res = await createEndpoint(model, body);
  expect(res.status).toBe(200);
  const created = res.body as Endpoint;
  trust(
    model,
    created.authorization.parameters["workloadIdentityFederationIssuer"]!,
    created.authorization.parameters["workloadIdentityFederationSubject"]!,
  );
  model.knobs.federationIssuer = "entra";
  return created;
}

const moveBody = (e: Endpoint, issuerType = "EntraID") => ({
  ...e,
  authorization: {
    scheme: "WorkloadIdentityFederation",
    parameters: {
      tenantid: e.authorization.parameters["tenantid"],
      serviceprincipalid: e.authorization.parameters["serviceprincipalid"],
      workloadIdentityFederationIssuerType: issuerType,
    },
  },
});

const verify = (model: AzureInABox, endpointId: string) =>
  devops(model, "POST", PROXY, {
    query: { endpointId },
    body: { dataSourceDetails: { dataSourceName: "TestConnection", parameters: null }, resultTransformationDetails: {} },
  });

describe("moving a manual connection to the Entra issuer", () => {
  it("reports the Azure DevOps issuer and its type for a connection created while the organization used it", async () => {
    const model = newModel();
    const created = await vstokenConnection(model);
    expect(created.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: VSTOKEN,
      workloadIdentityFederationSubject: `sc://${ORG}/${PROJECT.name}/contoso-prod-reader`,
      workloadIdentityFederationIssuerType: "AzureDevOps",
    });
  });

  it("answers 400 and changes nothing while the app does not trust the Entra issuer", async () => {
    const model = newModel();
    const created = await vstokenConnection(model);
    const before = structuredClone(model.state.devops.serviceEndpoints[0]);
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: moveBody(created) });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("could not be upgraded to use the Microsoft Entra issuer");
    expect(model.state.devops.serviceEndpoints[0]).toEqual(before);
  });

  it("moves once the app trusts the Entra issuer and subject, and Verify then signs in with them", async () => {
    const model = newModel();
    const created = await vstokenConnection(model);
    trust(model, entraIssuer(), entraSubject(created.id));
    const res = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: moveBody(created) });
    expect(res.status).toBe(200);
    expect((res.body as Endpoint).authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: entraIssuer(),
      workloadIdentityFederationSubject: entraSubject(created.id),
      workloadIdentityFederationIssuerType: "EntraID",
    });
    // The old credential is no longer needed: without it Verify still succeeds.
    model.state.applications[0]!.federatedIdentityCredentials.splice(0, 1);
    expect((await verify(model, created.id)).body).toMatchObject({ statusCode: 200 });
  });

  it("keeps the issuer on a plain update that asks for another one, and refuses a move back", async () => {
    const model = newModel();
    const created = await vstokenConnection(model);
    const plain = await devops(model, "PUT", endpointUrl(created.id), { body: moveBody(created) });
    expect(plain.status).toBe(200);
    expect((plain.body as Endpoint).authorization.parameters["workloadIdentityFederationIssuer"]).toBe(VSTOKEN);
    trust(model, entraIssuer(), entraSubject(created.id));
    await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: moveBody(created) });
    const back = await devops(model, "PUT", endpointUrl(created.id), { query: CONVERT, body: moveBody(created, "AzureDevOps") });
    expect(back.status).toBe(400);
  });
});
