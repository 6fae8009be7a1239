import { clientAccept, devops, newModel, ORG } from "./helpers";

const TYPES = `/${ORG}/_apis/serviceendpoint/types`;
const ACCEPT = clientAccept("7.2-preview.1");

interface Descriptor {
  id: string;
  isConfidential: boolean;
  inputMode: number;
  validation: { isRequired: boolean; dataType: number; maxLength?: number; pattern?: string };
  values: { possibleValues: Array<{ value: string }>; defaultValue: string };
}

describe("service endpoint types", () => {
  it("answers azurerm with its authorization schemes", async () => {
    const res = await devops(newModel(), "GET", TYPES, { accept: ACCEPT, query: { type: "azurerm" } });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].name).toBe("azurerm");
    expect(res.body[0].authenticationSchemes.map((s: { scheme: string }) => s.scheme)).toEqual([
      "ServicePrincipal",
      "WorkloadIdentityFederation",
      "ManagedServiceIdentity",
    ]);
    expect(res.body[0].dataSources.map((d: { name: string }) => d.name)).toContain("TestConnection");
  });

  it("narrows the schemes to the one asked for", async () => {
    const res = await devops(newModel(), "GET", TYPES, { accept: ACCEPT, query: { type: "azurerm", scheme: "ServicePrincipal" } });
    expect(res.body[0].authenticationSchemes).toHaveLength(1);
  });

  it("describes the service principal inputs with required flags, data types, lengths and patterns", async () => {
    const res = await devops(newModel(), "GET", TYPES, { accept: ACCEPT, query: { type: "azurerm", scheme: "ServicePrincipal" } });
    const inputs = res.body[0].authenticationSchemes[0].inputDescriptors as Descriptor[];
    const byId = Object.fromEntries(inputs.map((i) => [i.id, i]));
    expect(byId["tenantid"]!.validation).toMatchObject({ isRequired: true, dataType: 40, pattern: expect.any(String) });
    expect(byId["serviceprincipalkey"]).toMatchObject({ isConfidential: true, inputMode: 20, validation: { isRequired: true } });
    expect(byId["authenticationType"]!.values.possibleValues.map((v) => v.value)).toEqual(["spnKey", "spnCertificate"]);
  });

  it("describes the scope inputs, with the url of each environment", async () => {
    const res = await devops(newModel(), "GET", TYPES, { accept: ACCEPT, query: { type: "azurerm" } });
    const data = Object.fromEntries((res.body[0].inputDescriptors as Descriptor[]).map((i) => [i.id, i]));
    expect(data["scopeLevel"]!.values.possibleValues.map((v) => v.value)).toEqual(["Subscription", "ManagementGroup", "AzureMLWorkspace"]);
    expect(data["subscriptionName"]!.validation.maxLength).toBe(255);
    expect(res.body[0].endpointUrl.dependsOn.map).toContainEqual({
      key: "AzureUSGovernment",
      value: "https://management.usgovcloudapi.net/",
    });
  });

  it("writes enums as names without enumsAsNumbers", async () => {
    const res = await devops(newModel(), "GET", TYPES, {
      accept: "application/json;api-version=7.2-preview.1;noArrayWrap=true",
      query: { type: "azurerm" },
    });
    expect(res.body[0].inputDescriptors[0].inputMode).toBe("combo");
  });

  it("answers an empty list for a type it does not know", async () => {
    expect((await devops(newModel(), "GET", TYPES, { accept: ACCEPT, query: { type: "nope" } })).body).toEqual([]);
  });
});
