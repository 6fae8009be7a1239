import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { Clock } from "../../platform/clock";
import type { Cloud } from "../../platform/clouds";
import type { ProjectsClient } from "../../clients/devops/projectsClient";
import { ProblemError } from "../../platform/problem";
import type { RunSnapshot } from "../engine/workflowTypes";
import type { AzureClients } from "../session/azureSession";
import { planDeletion, ConnectionDeletion, type DeletionChoice, type DeletionCreated, type DeletionPlan } from "./connectionDeletion";
import { ACTIONS_COLLECTION, type ActionJournal } from "./actionEngine";
import { ActionCleanUp, planCleanUp, type CleanUpCreated, type CleanUpPlan } from "./actionCleanUp";
import { FederationConversion, type ConversionChoice, type ConversionCreated } from "./federationConversion";
import { listInventory, readCredentials, type Inventory, type InventoryRow } from "./inventory";
import type { ActionTarget, ConnectionActionPorts } from "./ports";
import { SecretRemoval, type SecretRemovalCreated } from "./secretRemoval";
import { IssuerMove, type IssuerMoveCreated } from "./issuerMove";
import { SecretRotation, type RotationChoice, type RotationCreated } from "./secretRotation";
import { recordExpiryQuietly, type ExpiryObservation, type ExpiryReader } from "../expiry/expiryIndex";
import { observationsFromInventory } from "../expiry/observations";

/** What the Connections tab asks of the hub (part of HubServices): the inventory and one action at a time. */
export interface ConnectionServices {
  /** The project's Azure Resource Manager connections as Azure DevOps describes them; needs no Azure sign-in. */
  connectionInventory(): Promise<Inventory>;
  /** Adds each app's secrets, owners and markers from Graph (one $batch request per 20 apps); needs a sign-in. */
  readConnectionCredentials(inventory: Inventory): Promise<Inventory>;
  /** Reads what deleting a connection would remove (its role assignments, its app), for the confirmation. */
  planConnectionDeletion(row: InventoryRow, inventory: Inventory): Promise<DeletionPlan>;
  startRotation(
    row: InventoryRow,
    choice: RotationChoice,
    onChange: (snapshot: RunSnapshot, created: Readonly<RotationCreated>) => void,
  ): SecretRotation;
  startDeletion(
    plan: DeletionPlan,
    choice: DeletionChoice,
    onChange: (snapshot: RunSnapshot, created: Readonly<DeletionCreated>) => void,
  ): ConnectionDeletion;
  startConversion(
    row: InventoryRow,
    choice: ConversionChoice,
    onChange: (snapshot: RunSnapshot, created: Readonly<ConversionCreated>) => void,
  ): FederationConversion;
  startSecretRemoval(
    row: InventoryRow,
    keyIds: string[],
    onChange: (snapshot: RunSnapshot, created: Readonly<SecretRemovalCreated>) => void,
  ): SecretRemoval;
  /** Moves a federated connection from the Azure DevOps issuer to the Entra issuer (issuerMove.ts). */
  startIssuerMove(row: InventoryRow, onChange: (snapshot: RunSnapshot, created: Readonly<IssuerMoveCreated>) => void): IssuerMove;
  /** Runs the row's unfinished rotation or deletion again from its journal: steps done stay done. */
  resumeAction(row: InventoryRow, onChange: (snapshot: RunSnapshot) => void): Promise<SecretRotation | ConnectionDeletion>;
  /** Reads the journal of the row's unfinished action and what Clean up would remove (undefined when none is kept). */
  planCleanUp(row: InventoryRow): Promise<CleanUpPlan | undefined>;
  startCleanUp(
    row: InventoryRow,
    plan: CleanUpPlan,
    onChange: (snapshot: RunSnapshot, created: Readonly<CleanUpCreated>) => void,
  ): ActionCleanUp;
}

export interface ConnectionServiceDeps {
  /** Who Azure DevOps is, for the issuers a conversion lets the app trust first; absent when the host did not say. */
  federationTrust?: ConversionChoice["trust"];
  projectId: string;
  connections: ServiceConnectionsClient;
  /** The organization's projects, to tell whether a connection elsewhere uses an app before offering to delete it. */
  projects?: ProjectsClient;
  journal: DocumentStore;
  clock: Clock;
  newRunId(): string;
  /** Who is signed in, and to which cloud (its Azure DevOps environment); undefined before sign-in. */
  signedIn(): { environment: string; userObjectId: string } | undefined;
  /** The cloud signed in to, for links to what an action could not remove. */
  cloud?: () => Cloud | undefined;
  /** Graph and ARM for a directory of the signed-in cloud; throws when not signed in. */
  azure(tenantId: string): AzureClients;
  /**
   * The project's expiry index (extension data, Default scope) and who reads: every read of the connections' secrets,
   * and every rotation, refreshes it for the dashboard widget. Absent in tests that do not look at it.
   */
  expiryIndex?: { store: Pick<DocumentStore, "put">; reader: ExpiryReader };
}

const NOT_SIGNED_IN = () =>
  new ProblemError({
    title: "You are not signed in to Microsoft Entra ID.",
    detail: "Reading secrets and changing app registrations and roles happen with your own Azure account.",
    action: "Choose Sign in at the top of the list.",
  });

export function actionTarget(row: InventoryRow, projectId: string): ActionTarget {
  if (!row.facts.clientId || !row.facts.tenantId) {
    throw new ProblemError({
      title: "This connection names no app registration.",
      detail: `"${row.facts.name}" has no client ID or directory.`,
      action: "Edit it in Azure DevOps.",
    });
  }
  return { projectId, endpointId: row.facts.id, connectionName: row.facts.name, appId: row.facts.clientId, tenantId: row.facts.tenantId };
}

export function createConnectionServices(deps: ConnectionServiceDeps): ConnectionServices {
  const ports = (tenantId: string): ConnectionActionPorts => {
    const signedIn = deps.signedIn();
    if (!signedIn) throw NOT_SIGNED_IN();
    const azure = deps.azure(tenantId);
    const cloud = deps.cloud?.();
    return {
      connections: deps.connections,
      graph: azure.graph,
      arm: azure.arm,
      clock: deps.clock,
      journal: deps.journal,
      ...(cloud ? { cloud } : {}),
    };
  };
  // Deleting only the connection needs no Azure sign-in; the role and the app do.
  const deletionPorts = (plan: DeletionPlan): ConnectionActionPorts =>
    deps.signedIn()
      ? ports(plan.target.tenantId)
      : { connections: deps.connections, graph: unavailable(), arm: unavailable(), clock: deps.clock, journal: deps.journal };
  return {
    connectionInventory: () => listInventory({ connections: deps.connections, journal: deps.journal }, deps.projectId),
    readConnectionCredentials(inventory) {
      const signedIn = deps.signedIn();
      if (!signedIn) return Promise.reject(NOT_SIGNED_IN());
      return readCredentials(inventory, {
        ...signedIn,
        graphFor: (tenantId) => deps.azure(tenantId).graph,
        sleep: (ms) => deps.clock.sleep(ms),
        now: () => deps.clock.now(),
      }).then((read) => {
        // The widget's index is a by-product: written in the background, and a failed write never fails the read.
        recordExpiryFor(deps, observationsFromInventory(read.rows));
        return read;
      });
    },
    async planConnectionDeletion(row, inventory) {
      const target = actionTarget(row, deps.projectId);
      const signedIn = deps.signedIn();
      const sameEnvironment = signedIn && signedIn.environment.toLowerCase() === row.facts.environment.toLowerCase();
      const azure = sameEnvironment && row.access.state !== "noAccess" ? deps.azure(target.tenantId) : undefined;
      return planDeletion({
        target,
        scopeDescription: row.facts.scopeDescription,
        ...(row.facts.armScope ? { armScope: row.facts.armScope } : {}),
        sharedWith: row.facts.sharedWith,
        createdByExtension: row.createdByExtension === true,
        appUsedBy: inventory.rows
          .filter((r) => r.facts.id !== row.facts.id && r.facts.clientId?.toLowerCase() === target.appId.toLowerCase())
          .map((r) => r.facts.name),
        ...(azure ? { azure } : {}),
        ...(deps.projects ? { usage: { projects: deps.projects, connections: deps.connections } } : {}),
      });
    },
    startRotation: (row, choice, onChange) => {
      const target = actionTarget(row, deps.projectId);
      return new SecretRotation(target, choice, ports(target.tenantId), {
        runId: deps.newRunId(),
        onChange: (snapshot, created) => {
          onChange(snapshot, created);
          if (snapshot.status === "succeeded" && created.newSecretEndDateTime) {
            recordExpiryFor(deps, [{ connectionId: target.endpointId, appId: target.appId, endDateTime: created.newSecretEndDateTime }]);
          }
        },
      });
    },
    startDeletion: (plan, choice, onChange) =>
      new ConnectionDeletion(plan, choice, deletionPorts(plan), { runId: deps.newRunId(), onChange }),
    startConversion: (row, choice, onChange) => {
      const target = actionTarget(row, deps.projectId);
      const withTrust = choice.trust || !deps.federationTrust ? choice : { ...choice, trust: deps.federationTrust };
      return new FederationConversion(target, withTrust, ports(target.tenantId), { runId: deps.newRunId(), onChange });
    },
    startSecretRemoval: (row, keyIds, onChange) => {
      const target = actionTarget(row, deps.projectId);
      return new SecretRemoval(target, keyIds, ports(target.tenantId), { runId: deps.newRunId(), onChange });
    },
    startIssuerMove: (row, onChange) => {
      const target = actionTarget(row, deps.projectId);
      return new IssuerMove(target, ports(target.tenantId), { runId: deps.newRunId(), onChange });
    },
    resumeAction: async (row, onChange) => {
      const journal = row.unfinishedAction && (await deps.journal.get<ActionJournal>(ACTIONS_COLLECTION, row.unfinishedAction.id));
      const options = journal ? { runId: journal.id, onChange, resume: journal } : undefined;
      if (journal && options && journal.inputs && journal.kind === "rotation") {
        const { target, choice } = journal.inputs as { target: ActionTarget; choice: RotationChoice };
        return new SecretRotation(target, choice, ports(target.tenantId), options);
      }
      if (journal && options && journal.inputs && journal.kind === "deletion") {
        const { plan, choice } = journal.inputs as { plan: DeletionPlan; choice: DeletionChoice };
        return new ConnectionDeletion(plan, choice, deletionPorts(plan), options);
      }
      throw new ProblemError({
        title: "This action cannot be resumed.",
        detail: journal
          ? `A ${journal.kind} stopped midway is not resumed from here, or its journal does not say how it was started.`
          : "Its journal is no longer kept in your extension data.",
        action: "Choose Clean up to remove what it created, then start the action again.",
      });
    },
    planCleanUp: async (row) => {
      if (!row.unfinishedAction) return undefined;
      const journal = await deps.journal.get<ActionJournal>(ACTIONS_COLLECTION, row.unfinishedAction.id);
      return journal ? planCleanUp(journal) : undefined;
    },
    startCleanUp: (row, plan, onChange) => {
      const target = actionTarget(row, deps.projectId);
      return new ActionCleanUp(target, plan, ports(target.tenantId), { runId: deps.newRunId(), onChange });
    },
  };
}

/** Graph or ARM where none is signed in: any call says so. */
function unavailable<T extends object>(): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(NOT_SIGNED_IN()),
  });
}

/** Refreshes the widget's expiry index in the background (a failure is the index's problem, never the flow's). */
function recordExpiryFor(deps: Pick<ConnectionServiceDeps, "expiryIndex" | "projectId" | "clock">, entries: ExpiryObservation[]): void {
  if (!deps.expiryIndex || entries.length === 0) return;
  void recordExpiryQuietly(deps.expiryIndex.store, deps.projectId, entries, deps.expiryIndex.reader, deps.clock.now());
}
