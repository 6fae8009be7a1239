import type { DocumentStore, PipelinePermissionsClient, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import type { RunSnapshot, StepWaitSource } from "../engine/workflowTypes";
import type { ArmPort, GraphPort } from "../provisioning/ports";
import type { HubSession } from "../hub/openHub";
import { ByoFederationRun } from "./byoFederation";
import type { ByoContext, ByoForm } from "./byoForm";
import { awaitingTrust, type ByoFederationCreated, type ByoFederationJournal } from "./byoFederationJournal";

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

/** Bring your own app with federation: journaled, so a connection waiting for trust is offered again (Verify, Roll back). */
export interface ByoFederationServices {
  startByoFederation(form: ByoForm, onChange: ByoFederationListener): ByoFederationRun;
  byoAwaitingTrust(): Promise<ByoFederationJournal[]>;
  resumeByoFederation(journal: ByoFederationJournal, onChange: ByoFederationListener): ByoFederationRun;
}

/** The hub's part for these runs, from its dependencies; `azure` answers the signed-in clients for a form, if any. */
export function byoFederationServices(
  deps: Omit<ByoFederationPorts, "azure"> & { session: Pick<HubSession, "organization" | "project"> },
  newRunId: () => string,
  cloudOf: (cloudId: string) => Cloud,
  runOptions: { httpWaits?: StepWaitSource },
  azure: (form: ByoForm) => ByoFederationPorts["azure"] | undefined,
): ByoFederationServices {
  const open = (runId: string, form: ByoForm, onChange: ByoFederationListener, journal?: ByoFederationJournal) =>
    createByoFederationRun({
      ...{ runId, form, onChange, context: { organization: deps.session.organization, project: deps.session.project } },
      cloud: cloudOf(form.cloudId),
      ports: { connections: deps.connections, pipelinePermissions: deps.pipelinePermissions, clock: deps.clock, journal: deps.journal },
      azure: azure(form),
      ...(journal ? { journal } : {}),
      ...runOptions,
    });
  return {
    startByoFederation: (form, onChange) => open(newRunId(), form, onChange),
    byoAwaitingTrust: () => awaitingTrust(deps.journal),
    resumeByoFederation: (journal, onChange) => open(journal.id, journal.form, onChange, journal),
  };
}
