import { AZURE_CLOUD } from "../../platform/clouds";
import type { StepDefinition } from "../engine/workflowTypes";
import { appRegistrationLink, readApp } from "../resources/appRegistration";
import { removeOwnSecret } from "../resources/clientSecret";
import { removeFederatedCredential } from "../resources/federatedCredential";
import { removing } from "../resources/resourceKit";
import { noteOutcome } from "../steps/connectionSteps";
import { ACTIONS_COLLECTION, actionRun, EngineAction, type ActionJournal, type ActionOptions } from "./actionEngine";
import type { ActionTarget, ConnectionActionPorts } from "./ports";

/**
 * Cleaning up after an action that stopped midway, from its journal alone: exactly what that action created and the
 * connection does not use goes (a rotation's new secret that never reached the connection; the federated credentials
 * a conversion added while the connection is still on its secret), each with ownership proof (the secret's marker is
 * the connection's id, the credential's name carries the extension's prefix). Then the journal is marked done.
 */
export interface CleanUpPlan {
  journal: ActionJournal;
  /** Key ids of secrets the action added that the connection does not hold. */
  secretKeyIds: string[];
  /** Ids of federated credentials the action added that the connection does not rely on. */
  federatedCredentialIds: string[];
}

interface RotationJournal {
  newSecretKeyId?: string;
  updated?: boolean;
  updateUncertain?: boolean;
}
interface ConversionJournal {
  converted?: boolean;
  federatedCredentialId?: string;
  federatedCredentialExisted?: boolean;
  candidates?: Array<{ id: string; existed: boolean }>;
}

/** What Clean up removes for a journal; an action that changed nothing it may remove yields empty lists. */
export function planCleanUp(journal: ActionJournal): CleanUpPlan {
  const plan: CleanUpPlan = { journal, secretKeyIds: [], federatedCredentialIds: [] };
  if (journal.kind === "rotation") {
    const created = journal.created as RotationJournal;
    // Once the connection may hold the new secret, it is the connection's: removing it would break it.
    if (created.newSecretKeyId && !created.updated && !created.updateUncertain) plan.secretKeyIds.push(created.newSecretKeyId);
  }
  if (journal.kind === "conversion") {
    const created = journal.created as ConversionJournal;
    // A converted connection signs in with the federated credential: it stays.
    if (!created.converted) {
      const ids = [
        ...(created.federatedCredentialId && !created.federatedCredentialExisted ? [created.federatedCredentialId] : []),
        ...(created.candidates ?? []).filter((c) => !c.existed).map((c) => c.id),
      ];
      plan.federatedCredentialIds.push(...new Set(ids));
    }
  }
  return plan;
}

/** The lines the Clean up panel shows: exactly what goes. */
export function describeCleanUp(plan: CleanUpPlan): string[] {
  return [
    ...plan.secretKeyIds.map((id) => `The new client secret the rotation added (key ID ${id}); the connection never used it`),
    ...plan.federatedCredentialIds.map(
      (id) => `The federated credential the conversion added (ID ${id}); the connection still uses its secret`,
    ),
  ];
}

export interface CleanUpCreated {
  removedKeyIds?: string[];
  removedCredentialIds?: string[];
}

export class ActionCleanUp extends EngineAction<CleanUpCreated> {
  readonly created: CleanUpCreated = {};

  constructor(
    private readonly target: ActionTarget,
    private readonly plan: CleanUpPlan,
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<CleanUpCreated>,
  ) {
    super(options);
    this.engine = actionRun("secretRemoval", target, this.created, this.steps(), ports, options);
  }

  private steps(): StepDefinition[] {
    const { graph, journal } = this.ports;
    const { target, plan, created } = this;
    const link = appRegistrationLink(this.ports.cloud ?? AZURE_CLOUD, target.appId);
    const appObjectId = async () => (await readApp(graph, target.appId))?.id;
    return [
      {
        id: "removeNewSecret",
        title: "Remove the secret the stopped rotation added",
        errorStep: "Removing the secret the stopped rotation added",
        dependsOn: [],
        enabled: () => plan.secretKeyIds.length > 0,
        run: async (reporter) => {
          const id = await appObjectId();
          created.removedKeyIds ??= [];
          for (const keyId of plan.secretKeyIds) {
            if (!id || created.removedKeyIds.includes(keyId)) continue;
            const spec = { appObjectId: id, appId: target.appId, marker: target.endpointId };
            await removing("The new client secret", link, async () => noteOutcome(reporter, await removeOwnSecret(graph, spec, keyId)));
            created.removedKeyIds.push(keyId);
          }
        },
      },
      {
        id: "removeFederatedCredentials",
        title: "Remove the federated credentials the stopped conversion added",
        errorStep: "Removing the federated credentials the stopped conversion added",
        dependsOn: [],
        enabled: () => plan.federatedCredentialIds.length > 0,
        run: async (reporter) => {
          const id = await appObjectId();
          created.removedCredentialIds ??= [];
          for (const credentialId of plan.federatedCredentialIds) {
            if (!id || created.removedCredentialIds.includes(credentialId)) continue;
            await removing("The federated credential", link, async () =>
              noteOutcome(reporter, await removeFederatedCredential(graph, id, credentialId)),
            );
            created.removedCredentialIds.push(credentialId);
          }
        },
      },
      {
        id: "markDone",
        title: "Mark the stopped action as cleaned up",
        errorStep: "Marking the stopped action as cleaned up",
        dependsOn: ["removeNewSecret", "removeFederatedCredentials"],
        run: async () => {
          const done: ActionJournal = { ...plan.journal, status: "rolledBack", updatedAt: new Date(this.ports.clock.now()).toISOString() };
          await journal.put(ACTIONS_COLLECTION, done);
        },
      },
    ];
  }
}
