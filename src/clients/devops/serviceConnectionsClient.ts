import type { IVssRestClientOptions } from "azure-devops-extension-api";
import { ServiceEndpointRestClient, type ServiceEndpoint } from "azure-devops-extension-api/ServiceEndpoint";
import type { ServiceConnection, ServiceConnectionsClient, VerifyResult } from "./devopsTypes";
import { isServiceError } from "../../platform/http/serviceError";
import { devopsCall, devopsClientOptions, sendOnHttpHelper, type DevOpsRequestParams, type DevOpsTransport } from "./devopsRest";

/** TestConnection reports its verdict inside an HTTP 200: a number under enumsAsNumbers, a word otherwise. */
export function readVerifyResult(result: { statusCode?: unknown; errorMessage?: string | null }): VerifyResult {
  const code = result.statusCode;
  const ok = code === 200 || (typeof code === "string" && code.toLowerCase() === "ok");
  return { ok, message: result.errorMessage ?? (ok ? "" : `Verification failed (${String(code)}).`) };
}

/** An empty 204 body deserializes to null, "" or {}: only an object with an id is a connection. */
const isEndpoint = (value: unknown): value is ServiceEndpoint =>
  typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string" && (value as { id: string }).id !== "";
const toConnection = (endpoint: ServiceEndpoint) => endpoint as unknown as ServiceConnection;
const toEndpoint = (connection: ServiceConnection) => connection as unknown as ServiceEndpoint;

/**
 * The api package's ServiceEndpoint client, its requests sent by the hub's one HTTP helper: the package builds the
 * routes, query strings and bodies it knows; the helper adds the timeout, the 429/503 retries with Retry-After (which
 * the package's own fetch cannot give back), the Azure DevOps token's allow-list and the error mapping. Overriding
 * the package's request method (RestClientBase._issueRequest, protected for subclasses) is the one seam the package
 * offers for this: its options carry only a root path and a token provider.
 */
export class HttpHelperServiceEndpointClient extends ServiceEndpointRestClient {
  private readonly transport: DevOpsTransport;

  constructor(options: IVssRestClientOptions, transport: DevOpsTransport = {}) {
    super(options);
    this.transport = transport;
  }

  protected override _issueRequest<T>(requestUrl: string, apiVersion: string, params: DevOpsRequestParams): Promise<T> {
    return sendOnHttpHelper<T>(this.transport, requestUrl, apiVersion, params);
  }
}

/** The api package's service endpoint client on the HTTP helper, for the organization, with a transport (waits reported). */
export function httpHelperServiceEndpointClient(transport: DevOpsTransport): HttpHelperServiceEndpointClient {
  return new HttpHelperServiceEndpointClient(devopsClientOptions(ServiceEndpointRestClient.RESOURCE_AREA_ID), transport);
}

/** Service connections through the api package's client on the HTTP helper; the host's location service picks the organization. */
export class RestServiceConnectionsClient implements ServiceConnectionsClient {
  constructor(
    private readonly client: ServiceEndpointRestClient = new HttpHelperServiceEndpointClient(
      devopsClientOptions(ServiceEndpointRestClient.RESOURCE_AREA_ID),
    ),
  ) {}

  async findByName(projectId: string, name: string): Promise<ServiceConnection | undefined> {
    // Names travel comma-joined, so a name with a comma cannot be looked up; validation rejects commas.
    const found = await devopsCall(() => this.client.getServiceEndpointsByNames(projectId, [name], undefined, undefined, undefined, true));
    return found.map(toConnection).find((c) => c.name.toLowerCase() === name.toLowerCase());
  }

  async listAzureRm(projectId: string): Promise<ServiceConnection[]> {
    return (await devopsCall(() => this.client.getServiceEndpoints(projectId, "azurerm", undefined, undefined, undefined, true))).map(
      toConnection,
    );
  }

  /**
   * One connection, or undefined when it is gone. Azure DevOps answers a deleted (or never visible) connection with
   * 404 or with 204 and no body, depending on the route's version: both mean "gone", never an error.
   */
  async get(projectId: string, endpointId: string): Promise<ServiceConnection | undefined> {
    let endpoint: ServiceEndpoint | null | undefined;
    try {
      endpoint = await devopsCall(() => this.client.getServiceEndpointDetails(projectId, endpointId));
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return undefined;
      throw error;
    }
    return isEndpoint(endpoint) ? toConnection(endpoint) : undefined;
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
      dataSourceDetails: {
        dataSourceName: "TestConnection",
        dataSourceUrl: "",
        headers: [],
        initialContextTemplate: "",
        parameters: {},
        requestContent: "",
        requestVerb: "",
        resourceUrl: "",
        resultSelector: "",
      },
      resultTransformationDetails: { callbackContextTemplate: "", callbackRequiredTemplate: "", resultTemplate: "" },
      serviceEndpointDetails: connection
        ? { authorization: connection.authorization, data: connection.data, type: connection.type, url: connection.url }
        : (undefined as never),
    };
    const result = await devopsCall(() => this.client.executeServiceEndpointRequest(request as never, projectId, endpointId));
    return readVerifyResult(result as { statusCode?: unknown; errorMessage?: string });
  }
}
