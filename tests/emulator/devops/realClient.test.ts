// @vitest-environment jsdom
import { BuildRestClient } from "azure-devops-extension-api/Build";
import { ServiceEndpointRestClient, type ServiceEndpoint, type ServiceEndpointRequest } from "azure-devops-extension-api/ServiceEndpoint";
import type { AzureInABox } from "../../../emulator/model/azureInABox";
import { hashSecret } from "../../../emulator/model/core/ids";
import { escapeMsJsonDates } from "../../../emulator/model/devops/conventions";
import { REAL_ROOTS } from "../../../emulator/model/routing";
import { azureRmBody, entraSubject, givePrincipal, newModel, PROJECT } from "./helpers";

/**
 * The real ServiceEndpointRestClient of azure-devops-extension-api 5.276.0 against the model. Its Fetch.js calls
 * the global fetch at request time (whatwg-fetch only fills in a missing one), so replacing globalThis.fetch routes
 * every request to the model, as the end-to-end door does in a browser.
 */
let model: AzureInABox;
const seen: Array<{ method: string; url: string; accept: string | null }> = [];

async function fetchThroughModel(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, key) => (headers[key] = value));
  const method = init.method ?? "GET";
  seen.push({ method, url, accept: headers["accept"] ?? null });
  const answer = await model.handle(
    { method, url, headers, ...(typeof init.body === "string" ? { bodyText: init.body } : {}) },
    REAL_ROOTS,
  );
  if (!answer) return new Response("no emulated service", { status: 502 });
  const text = answer.body === undefined ? null : escapeMsJsonDates(JSON.stringify(answer.body));
  return new Response(answer.status === 204 ? null : text, { status: answer.status, headers: answer.headers ?? {} });
}

function newClient(): ServiceEndpointRestClient {
  return new ServiceEndpointRestClient({
    rootPath: "https://dev.azure.com/contoso/",
    authTokenProvider: { getAuthorizationHeader: async () => "Bearer x" },
  });
}

function verifyRequest(details?: Record<string, unknown>): ServiceEndpointRequest {
  return {
    dataSourceDetails: { dataSourceName: "TestConnection" },
    resultTransformationDetails: {},
    ...(details ? { serviceEndpointDetails: details } : {}),
  } as unknown as ServiceEndpointRequest;
}

function unsavedDetails(secret: string): Record<string, unknown> {
  const { name: _name, serviceEndpointProjectReferences: _refs, ...details } = azureRmBody({ secret });
  return details;
}

beforeEach(() => {
  model = newModel();
  seen.length = 0;
  vi.stubGlobal("fetch", fetchThroughModel);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the real ServiceEndpointRestClient against the model", () => {
  it("sends its requests to the model with the api-version in the Accept header", async () => {
    await newClient().getServiceEndpointTypes("azurerm");
    expect(seen).toEqual([
      {
        method: "GET",
        url: "https://dev.azure.com/contoso/_apis/serviceendpoint/types?type=azurerm",
        accept: "application/json;api-version=7.2-preview.1;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true",
      },
    ]);
  });

  it("verifies, creates, finds, rotates and deletes a connection", async () => {
    const client = newClient();
    const { application } = givePrincipal(model, { secret: "first-secret" });

    const unsaved = await client.executeServiceEndpointRequest(verifyRequest(unsavedDetails("first-secret")), PROJECT.name, "0");
    expect(unsaved.statusCode).toBe(200);
    expect(unsaved.errorMessage).toBe("");

    const created = await client.createServiceEndpoint(azureRmBody({ secret: "first-secret" }) as unknown as ServiceEndpoint);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.authorization.parameters["serviceprincipalkey"]).toBeNull();

    const found = await client.getServiceEndpointsByNames(PROJECT.name, [created.name], "azurerm");
    expect(found.map((e) => e.id)).toEqual([created.id]);

    const saved = await client.executeServiceEndpointRequest(verifyRequest(), PROJECT.id, created.id);
    expect(saved.statusCode).toBe(200);

    // Rotation: a second secret on the app, the connection updated to it, verified, the first one removed.
    application.passwordCredentials.push({
      ...application.passwordCredentials[0]!,
      keyId: "second",
      secretHash: hashSecret("second-secret"),
    });
    const rotated = structuredClone(created);
    rotated.authorization.parameters["serviceprincipalkey"] = "second-secret";
    await client.updateServiceEndpoint(rotated, created.id);
    application.passwordCredentials.shift();
    expect((await client.executeServiceEndpointRequest(verifyRequest(), PROJECT.id, created.id)).statusCode).toBe(200);

    const details = await client.getServiceEndpointDetails(PROJECT.id, created.id);
    expect(details.authorization.scheme).toBe("ServicePrincipal");

    await client.deleteServiceEndpoint(created.id, [PROJECT.id]);
    expect(await client.getServiceEndpointDetails(PROJECT.id, created.id)).toBeNull();
    expect(model.state.devops.serviceEndpoints).toEqual([]);
  });

  it("reports a wrong secret as a failed verification, not as an exception", async () => {
    givePrincipal(model, { secret: "right" });
    const result = await newClient().executeServiceEndpointRequest(verifyRequest(unsavedDetails("wrong")), PROJECT.name, "0");
    expect(result.statusCode).toBe(401);
    expect(result.errorMessage).toContain("AADSTS7000215");
  });

  it("turns a refusal into an Error with status, responseText and serverError", async () => {
    const client = newClient();
    await client.createServiceEndpoint(azureRmBody() as unknown as ServiceEndpoint);
    const failure = await client.createServiceEndpoint(azureRmBody() as unknown as ServiceEndpoint).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ status: 409, serverError: { typeKey: "DuplicateServiceConnectionException" } });
    expect((failure as Error).message).toMatch(/^Service connection with name contoso-prod-reader already exists\./);
    expect((failure as { responseText: string }).responseText).toContain("DuplicateServiceConnectionException");
  });

  it("converts the connection to workload identity federation with the operation query parameter", async () => {
    const client = newClient();
    const created = await client.createServiceEndpoint(azureRmBody({ creationMode: "Automatic" }) as unknown as ServiceEndpoint);
    const converted = structuredClone(created);
    converted.authorization = {
      scheme: "WorkloadIdentityFederation",
      parameters: {
        tenantid: created.authorization.parameters["tenantid"]!,
        serviceprincipalid: created.authorization.parameters["serviceprincipalid"]!,
      },
    };
    const result = await client.updateServiceEndpoint(converted, created.id, "ConvertAuthenticationScheme");
    expect(result.authorization.parameters["workloadIdentityFederationSubject"]).toBe(entraSubject(created.id));
    expect(seen.at(-1)!.url).toContain("operation=ConvertAuthenticationScheme");
  });

  it("gives BuildRestClient.getDefinitions Date objects and the continuation token once a door escapes MS dates", async () => {
    const builds = new BuildRestClient({
      rootPath: "https://dev.azure.com/contoso/",
      authTokenProvider: { getAuthorizationHeader: async () => "Bearer x" },
    });
    const page = await builds.getDefinitions(PROJECT.name, undefined, undefined, undefined, undefined, 2);
    expect(page.map((d) => d.name)).toEqual(["infra-plan", "web-ci"]);
    expect(page[0]!.createdDate).toBeInstanceOf(Date);
    expect(page.continuationToken).toBe("web-deploy");
  });
});
