import { getClient } from "azure-devops-extension-api";
import { ServiceEndpointRestClient, type ServiceEndpoint } from "azure-devops-extension-api/ServiceEndpoint";
import type { ServiceConnection, ServiceConnectionsClient, VerifyResult } from "./devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { devopsCall, devopsClientOptions, type DevOpsCallOptions } from "./devopsRest";

/** TestConnection reports its verdict inside an HTTP 200: a number under enumsAsNumbers, a word otherwise. */
export function readVerifyResult(result: { statusCode?: unknown; errorMessage?: string | null }): VerifyResult {
  const code = result.statusCode;
  const ok = code === 200 || (typeof code === "string" && code.toLowerCase() === "ok");
  return { ok, message: result.errorMessage ?? (ok ? "" : `Verification failed (${String(code)}).`) };
}

/** An empty 204 body deserializes to null, "" or {}: only an object with an id is a connection. */
const isEndpoint = (value: unknown): value is ServiceEndpoint => typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string" && (value as { id: string }).id !== "";
const toConnection = (endpoint: ServiceEndpoint) => endpoint as unknown as ServiceConnection;
const toEndpoint = (connection: ServiceConnection) => connection as unknown as ServiceEndpoint;

/** Service connections through the real REST client; the host's location service and token pick the organization. */
export class RestServiceConnectionsClient implements ServiceConnectionsClient {
  constructor(
    private readonly client: ServiceEndpointRestClient = getClient(ServiceEndpointRestClient, devopsClientOptions(ServiceEndpointRestClient.RESOURCE_AREA_ID)),
    private readonly options: DevOpsCallOptions = {},
  ) {}

  /** Every call on the HTTP helper's terms (timeout, 429/503 retries); reads and PUT/DELETE are safe to send twice. */
  private call<T>(call: () => Promise<T>, idempotent: boolean): Promise<T> {
    return devopsCall(call, { ...this.options, idempotent });
  }

  async findByName(projectId: string, name: string): Promise<ServiceConnection | undefined> {
    // Names travel comma-joined, so a name with a comma cannot be looked up; validation rejects commas.
    const found = await this.call(() => this.client.getServiceEndpointsByNames(projectId, [name], undefined, undefined, undefined, true), true);
    return found.map(toConnection).find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  async listAzureRm(projectId: string): Promise<ServiceConnection[]> {
    return (await this.call(() => this.client.getServiceEndpoints(projectId, "azurerm", undefined, undefined, undefined, true), true)).map(toConnection);
  }

  /**
   * One connection, or undefined when it is gone. Azure DevOps answers a deleted (or never visible) connection with
   * 404 or with 204 and no body, depending on the route's version: both mean "gone", never an error.
   */
  async get(projectId: string, endpointId: string): Promise<ServiceConnection | undefined> {
    let endpoint: ServiceEndpoint | null | undefined;
    try {
      endpoint = await this.call(() => this.client.getServiceEndpointDetails(projectId, endpointId), true);
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return undefined;
      throw error;
    }
    return isEndpoint(endpoint) ? toConnection(endpoint) : undefined;
  }

  async create(connection: ServiceConnection): Promise<ServiceConnection> {
    return toConnection(await this.call(() => this.client.createServiceEndpoint(toEndpoint(connection)), false));
  }

  async update(connection: ServiceConnection, operation?: string): Promise<ServiceConnection> {
    return toConnection(await this.call(() => this.client.updateServiceEndpoint(toEndpoint(connection), connection.id!, operation), operation === undefined));
  }

  delete(endpointId: string, projectIds: string[]): Promise<void> {
    return this.call(() => this.client.deleteServiceEndpoint(endpointId, projectIds), true);
  }

  async verify(projectId: string, endpointId: string, connection?: ServiceConnection): Promise<VerifyResult> {
    const request = {
      dataSourceDetails: { dataSourceName: "TestConnection", dataSourceUrl: "", headers: [], initialContextTemplate: "", parameters: {}, requestContent: "", requestVerb: "", resourceUrl: "", resultSelector: "" },
      resultTransformationDetails: { callbackContextTemplate: "", callbackRequiredTemplate: "", resultTemplate: "" },
      serviceEndpointDetails: connection
        ? { authorization: connection.authorization, data: connection.data, type: connection.type, url: connection.url }
        : (undefined as never),
    };
    const result = await this.call(() => this.client.executeServiceEndpointRequest(request as never, projectId, endpointId), true);
    return readVerifyResult(result as { statusCode?: unknown; errorMessage?: string });
  }
}
