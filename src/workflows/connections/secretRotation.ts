import { isRefusal } from "../engine/policy";
import { AZURE_CLOUD } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import type { RunSnapshot, StepDefinition } from "../engine/workflowTypes";
import { ensureSecret, readSecretKeyIds, removeChosenSecrets, removeOwnSecret, removeStraySecrets } from "../resources/clientSecret";
import {
  CredentialRefused,
  isSecretNotYetAccepted,
  refusedProblem,
  verdictNote,
  verifyCredentialWithin,
  withSecret,
} from "../resources/connectionVerification";
import { appRegistrationLink, readApp } from "../resources/appRegistration";
import { removing } from "../resources/resourceKit";
import { readConnection, updateConnection } from "../resources/serviceConnection";
import { actionRun, EngineAction, type ActionJournal, type ActionOptions } from "./actionEngine";
import { candidateSecrets, type AppInfo } from "./credentialStatus";
import type { ActionTarget, ConnectionActionPorts } from "./ports";
import { noteOutcome } from "../steps/connectionSteps";
import { appNotFound } from "./appLookup";
/**
 * Rotating a connection's secret without downtime: add a new secret → verify the connection's details with it before
 * saving (TestConnection with endpoint id "0") → update the connection (the whole object, with the new key) → verify
 * the saved connection → remove the old secret(s). Until the update, the connection is untouched: a failure before it
 * removes the new secret again. After it, the old secret is kept until the saved connection verifies.
 */
export interface RotationChoice {
  /** The new secret's description; the extension's marker naming the connection is appended. */
  description: string;
  endDateTime: string;
  /** Secrets to remove once the connection verifies with the new one. */
  removeKeyIds: string[];
}

export interface RotationCreated {
  appObjectId?: string;
  newSecretKeyId?: string;
  newSecretEndDateTime?: string;
  /** The connection holds the new secret. */
  updated?: boolean;
  /** The update's answer was lost: the connection may hold the new secret, so the new secret must stay. */
  updateUncertain?: boolean;
  verified?: boolean;
  removedKeyIds?: string[];
}

/**
 * Which secrets a rotation removes by default: for a connection this extension created, the secrets its markers tie to
 * the connection (or to the run that created it); for any other connection, none until the person picks.
 */
export function defaultSecretsToRemove(app: AppInfo): string[] {
  if (!app.createdForConnection && !app.managed) return [];
  return candidateSecrets(app)
    .filter((s) => s.usedByConnection === "yes")
    .map((s) => s.keyId);
}

export class SecretRotation extends EngineAction<RotationCreated> {
  readonly created: RotationCreated = {};
  private secretText: string | undefined;
  /** Key ids of the app's secrets before the new one was added; a retried add looks for strays among the others. */
  private existingKeyIds: Set<string> | undefined;
  private addAttempts = 0;
  /** On a resume: the secret an earlier page added and dropped; it is not kept as one of the app's own. */
  private staleKeyId: string | undefined;

  constructor(
    private readonly target: ActionTarget,
    private readonly choice: RotationChoice,
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<RotationCreated>,
  ) {
    super(options);
    const resume = options.resume && this.resumed(options.resume);
    const inputs = { target, choice };
    this.engine = actionRun(
      "rotation",
      target,
      this.created,
      this.steps(),
      ports,
      { ...options, ...(resume ? { resume } : {}) },
      undefined,
      inputs,
    );
  }

  /**
   * Resuming from a journal: what is done stays done. The new secret never outlives the page, so until the connection
   * holds it the rotation adds another, and the one the journal names (marked with the connection's id) goes as a stray.
   */
  private resumed(journal: ActionJournal): ActionJournal {
    Object.assign(this.created, journal.created);
    if (this.created.updated || this.created.updateUncertain) return journal;
    this.staleKeyId = this.created.newSecretKeyId;
    delete this.created.newSecretKeyId;
    delete this.created.newSecretEndDateTime;
    this.addAttempts = 1;
    const redo = new Set(["readApp", "addSecret", "verifyNew"]);
    return { ...journal, steps: journal.steps.map((step) => (redo.has(step.id) ? { ...step, status: "waiting" as const } : step)) };
  }

  /** Runs the rotation; a failure before the connection changed removes the new secret and ends "rolledBack". */
  override async start(): Promise<RunSnapshot> {
    const snapshot = await this.engine.start();
    if (snapshot.status === "failed" && this.canRollBack()) return this.ended(await this.engine.rollbackAfterFailure());
    return this.ended(snapshot);
  }

  /** Only before the connection holds the new secret is there anything to undo (the new secret). */
  override canRollBack(): boolean {
    return !this.created.updated && !this.created.updateUncertain;
  }

  async rollback(): Promise<RunSnapshot> {
    return this.ended(await this.engine.rollback());
  }

  private secret(): string {
    if (!this.secretText)
      throw new ProblemError({
        title: "The new secret is no longer in memory.",
        detail: "Secrets are never stored, so it cannot be used again.",
        action: "Close this and rotate again.",
      });
    return this.secretText;
  }

  private spec() {
    return { appObjectId: this.created.appObjectId!, appId: this.target.appId, marker: this.target.endpointId };
  }

  private steps(): StepDefinition[] {
    const { connections, graph, clock } = this.ports;
    const { projectId, endpointId, connectionName } = this.target;
    const created = this.created;
    const notYet = "Azure has not yet accepted the new secret";
    return [
      {
        id: "readApp",
        title: "Read the app registration",
        errorStep: "Reading the app registration",
        dependsOn: [],
        run: async () => {
          const app = await readApp(graph, this.target.appId);
          if (!app)
            throw appNotFound(
              this.target.appId,
              "",
              "Sign in to the directory of the connection, or ask an owner of the app to rotate its secret.",
            );
          created.appObjectId = app.id;
          this.existingKeyIds ??= new Set((app.passwordCredentials ?? []).map((p) => p.keyId).filter((k) => k !== this.staleKeyId));
        },
      },
      {
        id: "addSecret",
        title: "Add a new client secret",
        errorStep: "Adding the new client secret",
        dependsOn: ["readApp"],
        run: async (reporter) => {
          if (created.newSecretKeyId && this.secretText) return;
          this.addAttempts += 1;
          // An add whose answer was lost may have added a secret nobody holds: it carries this connection's marker and
          // was not there before the rotation, and is removed.
          const sweep = this.addAttempts > 1 ? { keep: this.existingKeyIds ?? new Set<string>() } : undefined;
          const spec = { ...this.spec(), description: this.choice.description, endDateTime: this.choice.endDateTime };
          const password = await ensureSecret(graph, this.verifyWait(clock, reporter), spec, sweep);
          this.secretText = password.secretText;
          created.newSecretKeyId = password.keyId;
          created.newSecretEndDateTime = password.endDateTime;
          void this.engine.save();
        },
        undo: async (reporter) => {
          // Once the connection may hold the new secret, removing it would break the connection.
          if (created.updated || created.updateUncertain) return;
          const link = appRegistrationLink(this.ports.cloud ?? AZURE_CLOUD, this.target.appId);
          await removing("The new client secret", link, async () => {
            if (created.newSecretKeyId) noteOutcome(reporter, await removeOwnSecret(graph, this.spec(), created.newSecretKeyId));
            else if (this.addAttempts > 0 && created.appObjectId)
              await removeStraySecrets(
                graph,
                this.spec(),
                this.existingKeyIds ?? (await readSecretKeyIds(graph, this.target.appId)) ?? new Set(),
              );
          });
          delete created.newSecretKeyId;
          delete created.newSecretEndDateTime;
          this.secretText = undefined;
        },
      },
      {
        id: "verifyNew",
        title: "Verify the connection with the new secret",
        errorStep: "Verifying the connection with the new secret",
        dependsOn: ["addSecret"],
        run: async (reporter) => {
          const body = withSecret(await readConnection(connections, projectId, endpointId, connectionName), this.secret());
          try {
            const at = { projectId, endpointId: "0", body };
            const verdict = await verifyCredentialWithin(connections, this.verifyWait(clock, reporter), at, isSecretNotYetAccepted, notYet);
            reporter.note(verdictNote(verdict));
          } catch (error) {
            if (error instanceof CredentialRefused)
              throw refusedProblem(error, "the new secret", "Nothing was changed on the connection. Wait a minute and rotate again.");
            throw error;
          }
        },
      },
      {
        id: "updateConnection",
        title: "Save the new secret in the service connection",
        errorStep: "Updating the service connection",
        dependsOn: ["verifyNew"],
        run: async () => {
          if (created.updated) return;
          const current = await readConnection(connections, projectId, endpointId, connectionName);
          try {
            await updateConnection(connections, withSecret(current, this.secret()));
          } catch (error) {
            // Refused: the connection kept its old secret. Otherwise the answer may be lost after the change was made.
            if (!isRefusal(error)) created.updateUncertain = true;
            throw error;
          }
          created.updated = true;
          delete created.updateUncertain;
          void this.engine.save();
        },
      },
      {
        id: "verifySaved",
        title: "Verify the saved connection",
        errorStep: "Verifying the saved connection",
        dependsOn: ["updateConnection"],
        run: async (reporter) => {
          try {
            const verdict = await verifyCredentialWithin(
              connections,
              this.verifyWait(clock, reporter),
              { projectId, endpointId },
              isSecretNotYetAccepted,
              notYet,
            );
            created.verified = true;
            reporter.note(verdictNote(verdict));
          } catch (error) {
            if (error instanceof CredentialRefused) {
              throw refusedProblem(
                error,
                "the saved connection",
                "The old secret was kept, so nothing stopped working. Choose Retry in a minute to verify again and remove the old secret.",
              );
            }
            throw error;
          }
        },
      },
      {
        id: "removeOldSecrets",
        title:
          this.choice.removeKeyIds.length === 1 ? "Remove the old secret" : `Remove the ${this.choice.removeKeyIds.length} old secrets`,
        errorStep: "Removing the old secret",
        dependsOn: ["verifySaved"],
        enabled: () => this.choice.removeKeyIds.some((id) => id !== created.newSecretKeyId),
        run: async () => {
          created.removedKeyIds ??= [];
          const chosen = this.choice.removeKeyIds.filter((keyId) => keyId !== created.newSecretKeyId);
          await removeChosenSecrets(graph, created.appObjectId!, chosen, created.removedKeyIds);
          void this.engine.save();
        },
      },
    ];
  }

  /** The new secret, only while the rotation holds it (until it ends or its panel closes); never shown by the tab. */
  override heldSecret(): string | undefined {
    return this.secretText;
  }

  override dropSecret(): void {
    this.secretText = undefined;
  }
}
