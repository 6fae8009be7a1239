import { getClient } from "azure-devops-extension-api";
import { ServiceEndpointRestClient, type ServiceEndpoint } from "azure-devops-extension-api/ServiceEndpoint";
import type { ServiceConnection, ServiceConnectionsClient, VerifyResult } from "./devopsTypes";
import { devopsCall } from "./devopsRest";

/** TestConnection reports its verdict inside an HTTP 200: a number under enumsAsNumbers, a word otherwise. */
export function readVerifyResult(result: { statusCode?: unknown; errorMessage?: string | null }): VerifyResult {
  const code = result.statusCode;
  const ok = code === 200 || (typeof code === "string" && code.toLowerCase() === "ok");
  return { ok, message: result.errorMessage ?? (ok ? "" : `Verification failed (${String(code)}).`) };
}

const toConnection = (endpoint: ServiceEndpoint) => endpoint as unknown as ServiceConnection;
const toEndpoint = (connection: ServiceConnection) => connection as unknown as ServiceEndpoint;

/** Service connections through the real REST client; the host's location service and token pick the organization. */
export class RestServiceConnectionsClient implements ServiceConnectionsClient {
  constructor(private readonly client: ServiceEndpointRestClient = getClient(ServiceEndpointRestClient)) {}

  async findByName(projectId: string, name: string): Promise<ServiceConnection | undefined> {
    // Names travel comma-joined, so a name with a comma cannot be looked up; validation rejects commas.
    const found = await devopsCall(() => this.client.getServiceEndpointsByNames(projectId, [name], undefined, undefined, undefined, true));
    return found.map(toConnection).find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  async listAzureRm(projectId: string): Promise<ServiceConnection[]> {
    return (await devopsCall(() => this.client.getServiceEndpoints(projectId, "azurerm", undefined, undefined, undefined, true))).map(toConnection);
  }

  async get(projectId: string, endpointId: string): Promise<ServiceConnection | undefined> {
    const endpoint = await devopsCall(() => this.client.getServiceEndpointDetails(projectId, endpointId));
    return endpoint ? toConnection(endpoint) : undefined;
  }

  async create(connection: ServiceConnection): Promise<ServiceConnection> {
    return toConnection(await devopsCall(() => this.client.createServiceEndpoint(toEndpoint(connection))));
  }

  async update(connection: ServiceConnection, operation?: string): Promise<ServiceConnection> {
    return toConnection(await devopsCall(() => this.client.updateServiceEndpoint(toEndpoint(connection), connection.id!, operation)));
  }

  delete(endpointId: string, projectIds: string[]): Promise<void> {
    return devopsCall(() => this.client.deleteServiceEndpoint(endpointId, projectIds));
  }

  async verify(projectId: string, endpointId: string, connection?: ServiceConnection): Promise<VerifyResult> {
    const request = {
      dataSourceDetails: { dataSourceName: "TestConnection", dataSourceUrl: "", headers: [], initialContextTemplate: "", parameters: {}, requestContent: "", requestVerb: "", resourceUrl: "", resultSelector: "" },
      resultTransformationDetails: { callbackContextTemplate: "", callbackRequiredTemplate: "", resultTemplate: "" },
      serviceEndpointDetails: connection
        ? { authorization: connection.authorization, data: connection.data, type: connection.type, url: connection.url }
        : (undefined as never),
    };
    const result = await devopsCall(() => this.client.executeServiceEndpointRequest(request as never, projectId, endpointId));
    return readVerifyResult(result as { statusCode?: unknown; errorMessage?: string });
  }
}
