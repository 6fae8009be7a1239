import type { DocumentStore, PipelinePermissionsClient, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import type { RunSnapshot, StepWaitSource } from "../engine/workflowTypes";
import type { ArmPort, GraphPort } from "../provisioning/ports";
import { ByoFederationRun } from "./byoFederation";
import type { ByoContext, ByoForm } from "./byoForm";
import type { ByoFederationCreated, ByoFederationJournal } from "./byoFederationJournal";

export interface ByoFederationPorts {
  connections: ServiceConnectionsClient;
  pipelinePermissions: PipelinePermissionsClient;
  clock: Clock;
  /** The person's own journal (extension data, User scope): the connection waiting for trust survives a closed tab. */
  journal: DocumentStore;
  /** When signed in: assigns the role, and adds the federated credential if the person may edit the app. */
  azure?: {
    graph: Pick<
      GraphPort,
      "findServicePrincipal" | "readApplication" | "listFederatedCredentials" | "addFederatedCredential" | "deleteFederatedCredential"
    >;
    arm: ArmPort;
  };
}

export type ByoFederationListener = (snapshot: RunSnapshot, created: Readonly<ByoFederationCreated>) => void;

/** A new run, or (with its journal) the run of a connection waiting for trust, resumed after a closed tab. */
export function createByoFederationRun(o: {
  runId: string;
  form: ByoForm;
  context: ByoContext;
  cloud: Cloud;
  ports: Omit<ByoFederationPorts, "azure">;
  azure: ByoFederationPorts["azure"] | undefined;
  onChange: ByoFederationListener;
  journal?: ByoFederationJournal;
  httpWaits?: StepWaitSource;
}): ByoFederationRun {
  const ports: ByoFederationPorts = { ...o.ports, ...(o.azure ? { azure: o.azure } : {}) };
  return new ByoFederationRun(o.runId, o.form, o.journal?.context ?? o.context, o.cloud, ports, {
    onChange: o.onChange,
    ...(o.journal ? { journal: o.journal } : {}),
    ...(o.httpWaits ? { httpWaits: o.httpWaits } : {}),
  });
}
