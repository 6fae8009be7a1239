// @vitest-environment jsdom
import { federationIdentityOf, organizationIdOf } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import { candidateIssuers, guidBytesLeBase64Url } from "../../../../src/workflows/connections/federationTrust";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { appOf, connectionWorld, endpointIn } from "./connectionWorld";

async function manualConnection(federationIssuer: "entra" | "azureDevOps" = "entra") {
  const c = connectionWorld({ knobs: { federationIssuer } });
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const row = await c.row(endpointId);
  const trust = {
    organization: SEED.devopsOrganization,
    organizationId: organizationIdOf(c.world.model.state),
    projectName: SEED.project.name,
  };
  const choice = { fallbackSecretEndDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString(), trust };
  return { c, endpointId, row, choice };
}

describe("the issuers Azure DevOps may use", () => {
  it("encodes a GUID's little-endian bytes as base64url, as the Entra-issued subject does", () => {
    expect(guidBytesLeBase64Url("00112233-4455-6677-8899-aabbccddeeff")).toBe("MyIRAFVEd2aImaq7zN3u_w");
  });

  it("names Entra's issuer with the /eid1/ subject and Azure DevOps' own with sc://", () => {
    const [entra, devops] = candidateIssuers({
      organization: "contoso",
      organizationId: "0f0f0f0f-0000-4000-8000-000000000001",
      projectName: "web",
      connectionName: "deploy",
      endpointId: "e1e1e1e1-0000-4000-8000-000000000002",
      tenantId: "00112233-4455-6677-8899-aabbccddeeff",
    });
    expect(entra).toMatchObject({ issuer: "https://login.microsoftonline.com/00112233-4455-6677-8899-aabbccddeeff/v2.0" });
    expect(entra!.subject).toBe(
      `/eid1/c/pub/t/MyIRAFVEd2aImaq7zN3u_w/a/${guidBytesLeBase64Url("499b84ac-1321-427f-aa17-267ca6975798")}` +
        "/sc/0f0f0f0f-0000-4000-8000-000000000001/e1e1e1e1-0000-4000-8000-000000000002",
    );
    expect(devops).toMatchObject({
      issuer: "https://vstoken.dev.azure.com/0f0f0f0f-0000-4000-8000-000000000001",
      subject: "sc://contoso/web/deploy",
    });
  });
});

describe("converting a manually created connection", () => {
  // Which issuer an organization's Azure DevOps uses for a converted connection is its own: both must work.
  it.each(["entra", "azureDevOps"] as const)(
    "trusts each issuer first, converts, keeps the credential Azure DevOps reports (%s issuer) and removes the other",
    async (issuer) => {
      const { c, endpointId, row, choice } = await manualConnection(issuer);

      const snapshot = await c.services.startConversion(row, choice, c.onChange).start();

      expect(snapshot.status).toBe("succeeded");
      expect(snapshot.steps.map((s) => s.id)).toEqual(["readApp", "trustIssuers", "convert", "addFederatedCredential", "verify"]);
      const state = c.state();
      expect(endpointIn(state, endpointId)!.authorization.scheme).toBe("WorkloadIdentityFederation");
      const endpoint = endpointIn(state, endpointId)!;
      const reported = federationIdentityOf(c.world.model, endpoint);
      expect(endpoint.authorization.parameters["workloadIdentityFederationIssuer"]).toBe(reported.issuer);
      expect(appOf(state, endpointId)!.federatedIdentityCredentials.map((f) => [f.issuer, f.subject])).toEqual([
        [reported.issuer, reported.subject],
      ]);
      const expected = {
        entra: { issuer: `https://login.microsoftonline.com/${SEED.tenantId}/v2.0` },
        azureDevOps: { subject: `sc://${SEED.devopsOrganization}/${SEED.project.name}/contoso-prod-reader` },
      }[issuer];
      expect(reported).toMatchObject(expected);
    },
  );

  it("when still refused, leaves the connection on its secret, removes what it added, and gives the values and the command", async () => {
    const { c, endpointId, row, choice } = await manualConnection();
    const message =
      "The service connection could not be upgraded because the service principal could not be configured automatically, " +
      "and no valid configuration exists.";
    c.world.fail({
      service: "devops",
      method: "PUT",
      path: "/serviceendpoint/endpoints/",
      status: 400,
      count: 1,
      body: { message, typeKey: "InvalidRequestException" },
    });

    const snapshot = await c.services.startConversion(row, choice, c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toBe("Azure DevOps refused to convert the connection.");
    // Both issuers Azure DevOps may use are named, with the subject each one presents.
    expect(snapshot.problem?.detail).toContain(`issuer https://login.microsoftonline.com/${SEED.tenantId}/v2.0`);
    expect(snapshot.problem?.detail).toContain(`issuer https://vstoken.dev.azure.com/${organizationIdOf(c.state())}`);
    expect(snapshot.problem?.action).toContain(`az ad app federated-credential create --id ${row.facts.clientId}`);
    const state = c.state();
    expect(endpointIn(state, endpointId)!.authorization.scheme).toBe("ServicePrincipal");
    expect(appOf(state, endpointId)!.federatedIdentityCredentials).toEqual([]);
    expect((await c.world.connections.verify(SEED.project.id, endpointId)).ok).toBe(true);
  });
});
