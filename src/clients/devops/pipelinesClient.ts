import type { IVssRestClientOptions } from "azure-devops-extension-api";
import { BuildRestClient } from "azure-devops-extension-api/Build";
import {
  devopsCall,
  devopsClientOptions,
  sdkDevOpsRest,
  sendOnHttpHelper,
  type DevOpsRequestParams,
  type DevOpsRest,
  type DevOpsTransport,
} from "./devopsRest";
import type { Pipeline, PipelinePermissionsClient, PipelinesClient } from "./devopsTypes";

/** The api package's Build client with its requests sent by the hub's HTTP helper (see HttpHelperServiceEndpointClient). */
export class HttpHelperBuildClient extends BuildRestClient {
  private readonly transport: DevOpsTransport;

  constructor(options: IVssRestClientOptions, transport: DevOpsTransport = {}) {
    super(options);
    this.transport = transport;
  }

  protected override _issueRequest<T>(requestUrl: string, apiVersion: string, params: DevOpsRequestParams): Promise<T> {
    return sendOnHttpHelper<T>(this.transport, requestUrl, apiVersion, params);
  }
}

/** The api package's build client on the HTTP helper, for the organization, with a transport (waits reported). */
export function httpHelperBuildClient(transport: DevOpsTransport): HttpHelperBuildClient {
  return new HttpHelperBuildClient(devopsClientOptions(BuildRestClient.RESOURCE_AREA_ID), transport);
}

/** The project's pipelines (build definitions), to choose which may use a connection. */
export class RestPipelinesClient implements PipelinesClient {
  constructor(
    private readonly client: BuildRestClient = new HttpHelperBuildClient(devopsClientOptions(BuildRestClient.RESOURCE_AREA_ID)),
  ) {}

  async list(projectId: string): Promise<Pipeline[]> {
    const pipelines: Pipeline[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await devopsCall(() =>
        this.client.getDefinitions(projectId, undefined, undefined, undefined, undefined, 1000, continuationToken),
      );
      pipelines.push(...page.map((d) => ({ id: d.id, name: d.name, path: d.path })));
      continuationToken = page.continuationToken || undefined;
    } while (continuationToken);
    return pipelines;
  }
}

interface PipelinePermissionsBody {
  allPipelines?: { authorized: boolean } | null;
  pipelines?: Array<{ id: number; authorized: boolean }>;
}

const PIPELINE_PERMISSIONS_AREA = "a81a0441-de52-4000-aa15-ff0e07bfbbaa";

/**
 * Pipeline permissions have no client in the api package, and its RestClientBase is not exported (CONTRACTS.md §2.4),
 * so this goes through the small Azure DevOps REST helper: same location lookup, token and Accept-header api-version,
 * on the platform's HTTP helper (timeouts, retries, the token's allow-list).
 */
export class RestPipelinePermissionsClient implements PipelinePermissionsClient {
  constructor(private readonly rest: DevOpsRest = sdkDevOpsRest()) {}

  private path(projectId: string, endpointId: string) {
    return `${encodeURIComponent(projectId)}/_apis/pipelines/pipelinePermissions/endpoint/${encodeURIComponent(endpointId)}`;
  }

  async authorize(projectId: string, endpointId: string, pipelineIds: number[]): Promise<void> {
    if (pipelineIds.length === 0) return;
    await this.rest.send(PIPELINE_PERMISSIONS_AREA, "PATCH", this.path(projectId, endpointId), "7.1-preview.1", {
      pipelines: pipelineIds.map((id) => ({ id, authorized: true })),
    });
  }

  async authorizeAll(projectId: string, endpointId: string): Promise<void> {
    await this.rest.send(PIPELINE_PERMISSIONS_AREA, "PATCH", this.path(projectId, endpointId), "7.1-preview.1", {
      allPipelines: { authorized: true },
    });
  }

  async get(projectId: string, endpointId: string) {
    const body = (await this.rest.send(
      PIPELINE_PERMISSIONS_AREA,
      "GET",
      this.path(projectId, endpointId),
      "7.1-preview.1",
    )) as PipelinePermissionsBody;
    return {
      allPipelines: Boolean(body.allPipelines?.authorized),
      pipelineIds: (body.pipelines ?? []).filter((p) => p.authorized).map((p) => p.id),
    };
  }
}
