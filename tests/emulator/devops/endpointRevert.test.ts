import { hashSecret } from "../../../emulator/model/core/ids";
import { azureRmBody, createEndpoint, devops, newModel, ORG } from "./helpers";

const endpointUrl = (id: string) => `/${ORG}/_apis/serviceendpoint/endpoints/${id}`;
const CONVERT = { operation: "ConvertAuthenticationScheme" };

type Body = { authorization: { scheme: string; parameters: Record<string, unknown> } } & Record<string, unknown>;

function withScheme(body: Body, scheme: string, parameters: Record<string, unknown>): Body {
  const copy = structuredClone(body);
  copy.authorization = {
    scheme,
    parameters: {
      tenantid: body.authorization.parameters["tenantid"],
      serviceprincipalid: body.authorization.parameters["serviceprincipalid"],
      ...parameters,
    },
  };
  return copy;
}

async function converted() {
  const model = newModel();
  const created = (await createEndpoint(model, azureRmBody({ creationMode: "Automatic" }))).body as Body & { id: string };
  const res = await devops(model, "PUT", endpointUrl(created.id), {
    query: CONVERT,
    body: withScheme(created, "WorkloadIdentityFederation", {}),
  });
  expect(res.status).toBe(200);
  return { model, endpoint: res.body as Body & { id: string } };
}

describe("reverting a converted connection to a secret (ConvertAuthenticationScheme back to ServicePrincipal)", () => {
  it("puts the connection back on the secret it is given and drops the federation issuer and subject", async () => {
    const { model, endpoint } = await converted();
    const res = await devops(model, "PUT", endpointUrl(endpoint.id), {
      query: CONVERT,
      body: withScheme(endpoint, "ServicePrincipal", {
        authenticationType: "spnKey",
        serviceprincipalkey: "a-new-secret",
        workloadIdentityFederationIssuer: "x",
        workloadIdentityFederationSubject: "y",
      }),
    });
    expect(res.status).toBe(200);
    expect(res.body.authorization.scheme).toBe("ServicePrincipal");
    expect(res.body.authorization.parameters).toEqual(expect.objectContaining({ authenticationType: "spnKey", serviceprincipalkey: null }));
    expect(res.body.authorization.parameters.workloadIdentityFederationIssuer).toBeUndefined();
    expect(res.body.authorization.parameters.workloadIdentityFederationSubject).toBeUndefined();
    expect(model.state.devops.serviceEndpoints[0]!.secretHash).toBe(hashSecret("a-new-secret"));
  });

  it("refuses a revert that brings no secret", async () => {
    const { model, endpoint } = await converted();
    const res = await devops(model, "PUT", endpointUrl(endpoint.id), {
      query: CONVERT,
      body: withScheme(endpoint, "ServicePrincipal", { authenticationType: "spnKey" }),
    });
    expect(res.status).toBe(400);
    expect(model.state.devops.serviceEndpoints[0]!.authorization.scheme).toBe("WorkloadIdentityFederation");
  });

  it("still refuses a change of scheme without the operation", async () => {
    const { model, endpoint } = await converted();
    const res = await devops(model, "PUT", endpointUrl(endpoint.id), {
      body: withScheme(endpoint, "ServicePrincipal", { authenticationType: "spnKey", serviceprincipalkey: "s" }),
    });
    expect(res.status).toBe(400);
  });
});
