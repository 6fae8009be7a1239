import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { ProjectsClient } from "../../clients/devops/projectsClient";
import type { Clock } from "../../platform/clock";
import { describeError } from "../../platform/describeError";
import { inPool } from "../../platform/pool";
import type { Problem } from "../../platform/problem";
import type { HubServices } from "../hub/hubServices";
import type { ProvisioningForm, RoleChoice } from "../provisioning/form";
import type { ConnectionRequest, Person } from "./requestDocument";
import {
  approveRequest,
  clearRequest,
  createRequest,
  readRequest,
  readRequests,
  rejectRequest,
  withdrawRequest,
  type RequestList,
} from "./requests";

/** The settings hub's contribution id (vss-extension.json): Organization settings > Azure connections. */
export const SETTINGS_CONTRIBUTION = "azure-connections-settings";

/** Where a request opens: Organization settings > Azure connections > Requests, on that request. */
export function requestLink(organizationUrl: string, extensionId: string, requestId: string): string {
  const root = organizationUrl.endsWith("/") ? organizationUrl : `${organizationUrl}/`;
  return `${root}_settings/${extensionId}.${SETTINGS_CONTRIBUTION}?request=${encodeURIComponent(requestId)}`;
}

/** What Azure DevOps says about the connection a request is about, read now: the request's status alone is only advice. */
export type ConnectionState = { kind: "exists"; id: string; name: string } | { kind: "absent" } | { kind: "unknown"; problem: Problem };

export interface RequestWithConnection {
  request: ConnectionRequest;
  connection: ConnectionState;
}

/** The requester's side, in the project hub. */
export interface RequesterServices {
  readonly requester: Person;
  ask(form: ProvisioningForm, reason: string): Promise<ConnectionRequest>;
  /** The person's own requests for this project, each with the connection's real state. */
  mine(): Promise<{ requests: RequestWithConnection[]; unreadable: number }>;
  withdraw(id: string): Promise<ConnectionRequest>;
  /** Removes one of the person's own requests once it is no longer open. */
  clear(id: string): Promise<void>;
  requestUrl(id: string): string;
  connectionUrl(connectionId: string): string;
}

const CONNECTION_READS_IN_FLIGHT = 4;

export function createRequesterServices(deps: {
  store: DocumentStore;
  connections: Pick<ServiceConnectionsClient, "get" | "findByName">;
  project: { id: string; name: string };
  requester: Person;
  clock: Clock;
  newId: () => string;
  organizationUrl: string;
  extensionId: string;
}): RequesterServices {
  const requester = { id: deps.requester.id.toLowerCase(), displayName: deps.requester.displayName };
  const stateOf = async (request: ConnectionRequest): Promise<ConnectionState> => {
    try {
      // An approved request names the connection the run created; any other is looked up by the name asked for.
      const found = request.decision?.connectionId
        ? await deps.connections.get(deps.project.id, request.decision.connectionId)
        : await deps.connections.findByName(deps.project.id, request.asked.connection.name);
      return found?.id ? { kind: "exists", id: found.id, name: found.name } : { kind: "absent" };
    } catch (error) {
      return { kind: "unknown", problem: describeError(error, { step: "Reading the connection" }) };
    }
  };
  return {
    requester,
    ask: (form, reason) =>
      createRequest(deps.store, { id: deps.newId(), form, project: deps.project, requester, reason }, deps.clock.now()),
    async mine() {
      const { requests, unreadable } = await readRequests(deps.store, deps.clock.now());
      const own = requests.filter((r) => r.project.id === deps.project.id.toLowerCase() && r.requestedBy.id === requester.id);
      const withState: RequestWithConnection[] = own.map((request) => ({ request, connection: { kind: "absent" } }));
      await inPool(withState, CONNECTION_READS_IN_FLIGHT, async (entry) => {
        if (entry.request.status !== "withdrawn") entry.connection = await stateOf(entry.request);
      });
      return { requests: withState, unreadable };
    },
    withdraw: (id) => withdrawRequest(deps.store, id, requester, deps.clock.now()),
    async clear(id) {
      const request = await readRequest(deps.store, id, deps.clock.now());
      if (request && (request.requestedBy.id !== requester.id || request.status === "open")) return;
      await clearRequest(deps.store, id);
    },
    requestUrl: (id) => requestLink(deps.organizationUrl, deps.extensionId, id),
    connectionUrl: (connectionId) => {
      const project = encodeURIComponent(deps.project.name);
      return `${deps.organizationUrl}${project}/_settings/adminservices?resourceId=${encodeURIComponent(connectionId)}`;
    },
  };
}

/** The administrator's side, on the organization settings page. */
export interface RequestReviewServices {
  readonly admin: Person;
  list(): Promise<RequestList>;
  get(id: string): Promise<ConnectionRequest | undefined>;
  /** The request linked from the page's address (?request=…), if any. */
  linkedRequestId(): Promise<string | undefined>;
  /**
   * The request's project as Azure DevOps names it, if the administrator can see it (the run goes there); the name
   * written in the request is not trusted.
   */
  findProject(projectId: string): Promise<{ id: string; name: string } | undefined>;
  /** The hub's services for that project: the same provisioning flow, run as the administrator. */
  provisioningFor(project: { id: string; name: string }): Promise<HubServices>;
  approve(id: string, connectionId: string, assignedRole: RoleChoice): Promise<ConnectionRequest>;
  reject(id: string, reason: string): Promise<ConnectionRequest>;
  clear(id: string): Promise<void>;
}

export function createRequestReviewServices(deps: {
  store: DocumentStore;
  projects: ProjectsClient;
  admin: Person;
  clock: Clock;
  linkedRequestId: () => Promise<string | undefined>;
  provisioningFor: (project: { id: string; name: string }) => Promise<HubServices>;
}): RequestReviewServices {
  const admin = { id: deps.admin.id.toLowerCase(), displayName: deps.admin.displayName };
  return {
    admin,
    list: () => readRequests(deps.store, deps.clock.now()),
    get: (id) => readRequest(deps.store, id, deps.clock.now()),
    linkedRequestId: deps.linkedRequestId,
    async findProject(projectId) {
      const projects = await deps.projects.listProjects();
      const found = projects.find((p) => p.id.toLowerCase() === projectId.toLowerCase());
      return found ? { id: found.id, name: found.name } : undefined;
    },
    provisioningFor: deps.provisioningFor,
    approve: (id, connectionId, assignedRole) => approveRequest(deps.store, id, { connectionId, assignedRole, admin }, deps.clock.now()),
    reject: (id, reason) => rejectRequest(deps.store, id, reason, admin, deps.clock.now()),
    clear: (id) => clearRequest(deps.store, id),
  };
}
