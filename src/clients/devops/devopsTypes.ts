/**
 * The Azure DevOps shapes the workflows use, independent of the REST client package so workflows can run with fakes.
 * They mirror azure-devops-extension-api's ServiceEndpoint contracts (CONTRACTS.md §2).
 */
export interface EndpointProjectReference {
  projectReference: { id: string; name: string };
  name: string;
  description: string;
}

export interface ServiceConnection {
  id?: string;
  name: string;
  type: string;
  url: string;
  description: string;
  owner: string;
  isShared: boolean;
  isReady: boolean;
  data: Record<string, string>;
  authorization: { scheme: string; parameters: Record<string, string | null> };
  serviceEndpointProjectReferences: EndpointProjectReference[];
  operationStatus?: { state?: string; statusMessage?: string } | null;
}

/** TestConnection's verdict, read from inside its HTTP 200 answer. */
export interface VerifyResult {
  ok: boolean;
  /** The service's own message, e.g. an AADSTS error or the authorization failure. */
  message: string;
}

export interface Pipeline {
  id: number;
  name: string;
  path: string;
}

export interface ServiceConnectionsClient {
  findByName(projectId: string, name: string): Promise<ServiceConnection | undefined>;
  listAzureRm(projectId: string): Promise<ServiceConnection[]>;
  get(projectId: string, endpointId: string): Promise<ServiceConnection | undefined>;
  create(connection: ServiceConnection): Promise<ServiceConnection>;
  update(connection: ServiceConnection, operation?: string): Promise<ServiceConnection>;
  delete(endpointId: string, projectIds: string[]): Promise<void>;
  /** TestConnection. With endpointId "0" the connection's details (secret included) are checked before saving. */
  verify(projectId: string, endpointId: string, connection?: ServiceConnection): Promise<VerifyResult>;
}

export interface PipelinePermissionsClient {
  authorize(projectId: string, endpointId: string, pipelineIds: number[]): Promise<void>;
  authorizeAll(projectId: string, endpointId: string): Promise<void>;
  get(projectId: string, endpointId: string): Promise<{ allPipelines: boolean; pipelineIds: number[] }>;
}

export interface PipelinesClient {
  list(projectId: string): Promise<Pipeline[]>;
}

/** Per-user or organization-wide documents in extension data; never holds a secret. */
export interface DocumentStore {
  get<T>(collection: string, id: string): Promise<T | undefined>;
  list<T>(collection: string): Promise<T[]>;
  put<T extends { id: string }>(collection: string, document: T): Promise<T>;
  delete(collection: string, id: string): Promise<void>;
}
