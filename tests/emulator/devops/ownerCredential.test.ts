import { handleControl } from "../../../emulator/server/control";
import { azureRmBody, createEndpoint, devops, givePrincipal, newModel, ORG, PROJECT } from "./helpers";

/**
 * The control API's owner of an app (POST /_emulator/federated-credentials): what `az ad app federated-credential
 * create --id {appId} --parameters {json}` does, so an end-to-end test can play the administrator who adds the
 * credential the hub showed. Graph's rules apply, and Verify sees the credential after the replication delay.
 */
const CONTROL = new URL("http://127.0.0.1:7000/_emulator/federated-credentials");
const PROXY = `/${ORG}/${PROJECT.name}/_apis/serviceendpoint/endpointproxy`;

type Endpoint = { id: string; name: string; authorization: { parameters: Record<string, string> } };

async function verify(model: ReturnType<typeof newModel>, endpoint: Endpoint) {
  const res = await devops(model, "POST", PROXY, {
    query: { endpointId: endpoint.id },
    body: { dataSourceDetails: { dataSourceName: "TestConnection" } },
  });
  return (res.body as { statusCode: number | string }).statusCode;
}

describe("an owner adds a federated credential through the control API", () => {
  it("adds it with Graph's rules; Verify of the manual federated connection passes once replicated", async () => {
    const model = newModel();
    model.knobs.consistency.federatedCredentialToTestConnectionCalls = 1;
    const { application } = givePrincipal(model);
    const endpoint = (await createEndpoint(model, azureRmBody({ scheme: "WorkloadIdentityFederation", name: "byo-wif" }))).body as Endpoint;
    const { workloadIdentityFederationIssuer: issuer, workloadIdentityFederationSubject: subject } = endpoint.authorization.parameters;
    const parameters = { name: "azconn-byo", issuer, subject, audiences: ["api://AzureADTokenExchange"], description: "for byo-wif" };

    expect(await verify(model, endpoint)).toBe(401);
    const added = await handleControl(model, "POST", CONTROL, JSON.stringify({ appId: application.appId, parameters }));
    expect(added.status).toBe(201);
    expect(model.state.applications[0]!.federatedIdentityCredentials).toEqual([
      expect.objectContaining({ name: "azconn-byo", issuer, subject, description: "for byo-wif" }),
    ]);
    expect(await verify(model, endpoint)).toBe(401);
    expect(await verify(model, endpoint)).toBe(200);

    // The same issuer and subject again: Graph's 409; an unknown app: 404; a malformed request: 400.
    expect((await handleControl(model, "POST", CONTROL, JSON.stringify({ appId: application.appId, parameters }))).status).toBe(409);
    const unknown = { appId: "00000000-0000-4000-8000-000000000000", parameters };
    expect((await handleControl(model, "POST", CONTROL, JSON.stringify(unknown))).status).toBe(404);
    expect((await handleControl(model, "POST", CONTROL, JSON.stringify({ appId: application.appId }))).status).toBe(400);
    const badName = { appId: application.appId, parameters: { ...parameters, name: "has space", subject: "other" } };
    expect((await handleControl(model, "POST", CONTROL, JSON.stringify(badName))).status).toBe(400);
  });
});
