import type { Cloud } from "../../platform/clouds";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import { REPLICATION_RETRY, withRetry, type RetryPolicy } from "../../platform/retry";
import { retryStep } from "../engine/retryStep";
import { WorkflowRun } from "../engine/workflowRun";
import type { RunSnapshot, StepDefinition, StepReporter } from "../engine/workflowTypes";
import { buildConnection } from "./connectionBody";
import { plannedRoleAssignment, putRoleAssignmentOnce } from "./connectionActions";
import type { ProvisioningContext, ProvisioningForm } from "./form";
import { JOURNAL_COLLECTION, type CreatedObjects, type ProvisioningJournal } from "./journal";
import { appNotes, appTags, readSecretMarker, runTag, secretDisplayName, withConnectionTag } from "./markers";
import { roleAssignmentName } from "./plan";
import type { ProvisioningPorts } from "./ports";
import { armScope, roleDefinitionScope } from "./scope";

/** Verification waits start short: in most tenants a new secret and role work within seconds. */
export const VERIFY_RETRY: RetryPolicy = { ...REPLICATION_RETRY, baseDelayMs: 1_000 };

export interface ProvisioningRunOptions {
  runId: string;
  /** A journal of an earlier, interrupted run of the same id: resume from it. */
  journal?: ProvisioningJournal;
  onChange?: (snapshot: RunSnapshot, created: Readonly<CreatedObjects>) => void;
  /** Retry policies, shortened in unit tests. */
  replicationRetry?: RetryPolicy;
  verifyRetry?: RetryPolicy;
}

/**
 * One provisioning run: app registration → (service principal ∥ secret ∥ co-owners) → role assignment → verify →
 * service connection → pipeline permissions. Every step is idempotent and journaled (ids only, never the secret), so a
 * failed step can be retried, a closed tab resumed, and everything rolled back without orphans.
 */
export class ProvisioningRun {
  readonly created: CreatedObjects;
  private secretText: string | undefined;
  private readonly run: WorkflowRun;
  private readonly createdAt: string;
  private snapshotValue: RunSnapshot;
  private saving: Promise<void> = Promise.resolve();
  /** A save waiting for the one in flight; it writes the newest record when it starts, so later saves join it. */
  private queuedSave: Promise<void> | undefined;
  /** Steps that have been tried in this browser session; a step tried before (or resumed) first looks for what it may have created. */
  private readonly tried = new Set<string>();
  /** Set when the journal could not be written; the run goes on, but could not be resumed after a closed tab. */
  journalProblem: string | undefined;

  constructor(
    private form: ProvisioningForm,
    private readonly context: ProvisioningContext,
    private readonly cloud: Cloud,
    private readonly ports: ProvisioningPorts,
    private readonly options: ProvisioningRunOptions,
  ) {
    this.created = { ...(options.journal?.created ?? {}) };
    if (options.journal) for (const step of options.journal.steps) this.tried.add(step.id);
    this.createdAt = options.journal?.createdAt ?? new Date(ports.clock.now()).toISOString();
    this.run = new WorkflowRun(this.steps(), {
      now: () => ports.clock.now(),
      onChange: (snapshot) => {
        this.snapshotValue = snapshot;
        this.options.onChange?.(snapshot, this.created);
      },
      errorContext: () => ({ scope: armScope(this.form.scope), connectionName: this.form.connection.name }),
      ...(options.journal ? { resumeFrom: resumableSteps(options.journal) } : {}),
    });
    this.snapshotValue = this.run.snapshot();
  }

  get runId(): string {
    return this.options.runId;
  }

  snapshot(): RunSnapshot {
    return this.snapshotValue;
  }

  /** The secret, for the person who explicitly asked to see it; undefined once dropped. */
  revealSecret(): string | undefined {
    return this.secretText;
  }

  /** Drops the secret from memory (the Result page closed). */
  dropSecret(): void {
    this.secretText = undefined;
  }

  /** Changes the form between retries: a new connection name after a name clash, a shorter secret lifetime. */
  amend(change: (form: ProvisioningForm) => ProvisioningForm): void {
    this.form = change(this.form);
  }

  currentForm(): ProvisioningForm {
    return this.form;
  }

  async start(): Promise<RunSnapshot> {
    await this.saveJournal();
    const snapshot = await this.run.run();
    await this.saveJournal();
    return snapshot;
  }

  /** Retries the failed steps; done steps are not repeated. */
  retry(): Promise<RunSnapshot> {
    return this.start();
  }

  cancel(): void {
    this.run.cancel();
  }

  async rollback(): Promise<RunSnapshot> {
    const snapshot = await this.run.rollback();
    if (snapshot.status === "rolledBack") this.secretText = undefined;
    await this.saveJournal();
    return snapshot;
  }

  /** TestConnection on the saved connection ("Verify again"); it reuses the secret stored in Azure DevOps. */
  async verifyAgain(): Promise<boolean> {
    if (!this.created.endpointId) throw new Error("There is no saved connection to verify yet.");
    const result = await this.ports.connections.verify(this.context.project.id, this.created.endpointId);
    this.created.verified = result.ok;
    this.created.verifyMessage = result.message;
    await this.saveJournal();
    return result.ok;
  }

  private journalRecord(): ProvisioningJournal {
    return {
      id: this.options.runId,
      version: 1,
      createdAt: this.createdAt,
      updatedAt: new Date(this.ports.clock.now()).toISOString(),
      status: this.snapshotValue.status,
      form: this.form,
      context: this.context,
      created: { ...this.created },
      steps: this.snapshotValue.steps.map(({ problem: _problem, waiting: _waiting, ...step }) => step),
    };
  }

  /**
   * Writes the journal. Writes are serialized so a slow save never overwrites a newer one, and steps do not wait for
   * them: only the first write (the run id, before any call) and the last are awaited, keeping journaling off the
   * critical path.
   */
  private saveJournal(): Promise<void> {
    if (this.queuedSave) return this.queuedSave;
    const save = this.saving.then(() => {
      this.queuedSave = undefined;
      return this.ports.journal.put(JOURNAL_COLLECTION, this.journalRecord()).then(
        () => {
          this.journalProblem = undefined;
        },
        (error: unknown) => {
          this.journalProblem = `The run's journal could not be saved (${error instanceof Error ? error.message : String(error)}); if this page closes, the run cannot be resumed.`;
        },
      );
    });
    this.queuedSave = save;
    this.saving = save;
    return save;
  }

  /** True the first time a step runs in a fresh run: nothing of it can exist yet. */
  private firstAttempt(stepId: string): boolean {
    const first = !this.tried.has(stepId);
    this.tried.add(stepId);
    return first;
  }

  private retrying<T>(reporter: StepReporter, policy: RetryPolicy, operation: () => Promise<T>, isReplication: (error: unknown) => string | undefined): Promise<T> {
    return retryStep(reporter, this.ports.clock, policy, operation, isReplication);
  }

  private steps(): StepDefinition[] {
    const { graph, arm, connections, pipelinePermissions } = this.ports;
    const created = this.created;
    const replication = this.options.replicationRetry ?? REPLICATION_RETRY;
    const verifyPolicy = this.options.verifyRetry ?? VERIFY_RETRY;
    const appObjectId = () => {
      if (!created.appObjectId || !created.appId) throw new Error("The app registration is not known yet.");
      return { id: created.appObjectId, appId: created.appId };
    };

    return [
      {
        id: "createApp",
        title: "Create the app registration",
        errorStep: "Creating the app registration",
        dependsOn: [],
        run: async () => {
          if (created.appObjectId) return;
          if (!this.firstAttempt("createApp")) {
            // An earlier attempt may have created it and lost the answer: find it by the run's tag.
            const [found] = await graph.findApplicationsByTag(runTag(this.options.runId));
            if (found) {
              Object.assign(created, { appObjectId: found.id, appId: found.appId, appTags: found.tags ?? [] });
              void this.saveJournal();
              return;
            }
          }
          const tags = appTags(this.options.runId, this.context.organization, this.context.project.id);
          const app = await graph.createApplication({
            displayName: this.form.app.displayName,
            signInAudience: this.form.app.signInAudience,
            notes: appNotes(this.context.organization, this.context.project.name, this.form.connection.name),
            tags,
          });
          Object.assign(created, { appObjectId: app.id, appId: app.appId, appTags: app.tags ?? tags });
          void this.saveJournal();
        },
        undo: async () => {
          if (created.appObjectId) {
            await graph.deleteApplication(created.appObjectId);
          } else if (this.tried.has("createApp")) {
            for (const app of await graph.findApplicationsByTag(runTag(this.options.runId))) await graph.deleteApplication(app.id);
          }
          // Deleting the app removes its service principal and secrets with it.
          delete created.appObjectId;
          delete created.appId;
          delete created.servicePrincipalId;
          delete created.secretKeyId;
          this.secretText = undefined;
        },
      },
      {
        id: "addCoOwners",
        title: "Add the co-owners",
        errorStep: "Adding the co-owners",
        dependsOn: ["createApp"],
        enabled: () => this.form.app.coOwnerIds.length > 0,
        run: async () => {
          const { id } = appObjectId();
          await Promise.all(this.form.app.coOwnerIds.map((userId) => graph.addOwner(id, userId)));
        },
      },
      {
        id: "createServicePrincipal",
        title: "Create the service principal",
        errorStep: "Creating the service principal",
        dependsOn: ["createApp"],
        run: async (reporter) => {
          if (created.servicePrincipalId) return;
          const { appId } = appObjectId();
          const existing = this.firstAttempt("createServicePrincipal") ? undefined : await graph.findServicePrincipal(appId);
          const principal =
            existing ??
            (await this.retrying(reporter, replication, () => graph.createServicePrincipal(appId), (error) =>
              isServiceError(error) && error.status === 400 && /valid application/i.test(error.message) ? "Entra ID is still replicating the new app registration" : undefined,
            ));
          created.servicePrincipalId = principal.id;
          void this.saveJournal();
        },
      },
      {
        id: "addSecret",
        title: "Add the client secret",
        errorStep: "Adding the client secret",
        dependsOn: ["createApp"],
        run: async () => {
          if (created.secretKeyId && this.secretText) return;
          const { id } = appObjectId();
          const retried = !this.firstAttempt("addSecret");
          const stale = new Set(created.secretKeyId ? [created.secretKeyId] : []);
          const password = await graph.addPassword(id, secretDisplayName(this.form.secret.description, this.options.runId), this.form.secret.endDateTime);
          this.secretText = password.secretText;
          created.secretKeyId = password.keyId;
          created.secretEndDateTime = password.endDateTime;
          void this.saveJournal();
          if (retried) {
            // An earlier attempt whose answer was lost may have added a secret too: it carries this run's marker.
            const [app] = await graph.findApplicationsByTag(runTag(this.options.runId));
            for (const credential of app?.passwordCredentials ?? []) if (readSecretMarker(credential.displayName) === this.options.runId) stale.add(credential.keyId);
          }
          stale.delete(password.keyId);
          // After a resume or a lost answer the earlier secret is not in memory: it can never be used, so it must not linger.
          for (const keyId of stale) await graph.removePassword(id, keyId);
        },
      },
      {
        id: "assignRole",
        title: `Assign ${this.form.role.roleName} at the scope`,
        errorStep: "Assigning the role",
        dependsOn: ["createServicePrincipal"],
        run: async (reporter) => {
          const principalId = created.servicePrincipalId!;
          // Named from the run rather than the principal: the name is then known from the run's first journal write,
          // so a rollback after a closed tab can always delete it, and no write has to wait before the PUT.
          const planned = plannedRoleAssignment(this.form.scope, this.options.runId, this.form.role);
          created.roleAssignment = { scope: planned.scope, name: planned.name };
          delete created.roleAssignmentRefused;
          void this.saveJournal();
          try {
            await this.retrying(reporter, replication, () => putRoleAssignmentOnce(arm, planned, principalId), (error) =>
              isServiceError(error, "PrincipalNotFound") ? "Azure is still replicating the new service principal" : undefined,
            );
          } catch (error) {
            // ARM refused the PUT, so nothing exists under our name: a rollback must not try a delete it may not be
            // allowed to make either (a person without roleAssignments/write has no roleAssignments/delete).
            if (isRefusal(error)) {
              created.roleAssignmentRefused = true;
              void this.saveJournal();
            }
            throw error;
          }
        },
        undo: async () => {
          if (!created.roleAssignmentRefused) {
            const target = created.roleAssignment ?? plannedRoleAssignment(this.form.scope, this.options.runId, this.form.role);
            try {
              await arm.deleteRoleAssignment(target.scope, target.name);
            } catch (error) {
              // Someone who may not delete role assignments here could not have created ours either: nothing to undo.
              if (!isServiceError(error, "AuthorizationFailed")) throw error;
            }
          }
          delete created.roleAssignment;
          delete created.roleAssignmentRefused;
        },
      },
      {
        id: "verify",
        title: "Verify the connection's details",
        errorStep: "Verifying the connection",
        dependsOn: ["addSecret", "assignRole"],
        enabled: () => this.form.connection.verify && !created.endpointId,
        run: async (reporter) => {
          const candidate = this.connectionBody();
          try {
            await this.retrying(
              reporter,
              verifyPolicy,
              async () => {
                const result = await connections.verify(this.context.project.id, "0", candidate);
                if (!result.ok) throw new VerifyFailed(result.message);
              },
              (error) =>
                error instanceof VerifyFailed && !(this.form.scope.level === "AzureMLWorkspace" && isAuthorizationFailure(error.message))
                  ? "Azure has not yet accepted the new secret or role"
                  : undefined,
            );
            created.verified = true;
            delete created.verifyMessage;
            reporter.note("Verified");
          } catch (error) {
            if (!(error instanceof VerifyFailed)) throw error;
            // A new secret or role can take longer than we wait: keep going and save it as "not yet verified".
            created.verified = false;
            created.verifyMessage = error.message;
            reporter.note("Not yet verified");
          }
          void this.saveJournal();
        },
      },
      {
        id: "createConnection",
        title: "Create the service connection",
        errorStep: "Creating the service connection",
        dependsOn: ["addSecret", "assignRole", "verify"],
        run: async () => {
          const { appId } = appObjectId();
          if (created.endpointId) return;
          let adopted: string | undefined;
          if (!this.firstAttempt("createConnection")) {
            // A create whose answer was lost: the connection is there under our name, with our app.
            const existing = await connections.findByName(this.context.project.id, this.form.connection.name);
            if (existing?.id && existing.authorization.parameters["serviceprincipalid"] === appId) {
              // It holds the secret of the attempt that created it, which a resumed run has since replaced (and removed):
              // save the secret this run holds.
              await connections.update({ ...existing, authorization: this.connectionBody().authorization });
              adopted = existing.id;
            }
          }
          created.endpointId = adopted ?? (await connections.create(this.connectionBody())).id;
          void this.saveJournal();
        },
        undo: async () => {
          if (created.endpointId) {
            await connections.delete(created.endpointId, [this.context.project.id]);
          } else if (this.tried.has("createConnection") && created.appId) {
            const existing = await connections.findByName(this.context.project.id, this.form.connection.name);
            if (existing?.id && existing.authorization.parameters["serviceprincipalid"] === created.appId) await connections.delete(existing.id, [this.context.project.id]);
          }
          delete created.endpointId;
        },
      },
      {
        id: "markApp",
        title: "Record the connection on the app registration",
        errorStep: "Recording the connection on the app registration",
        dependsOn: ["createConnection"],
        run: async () => {
          // The app's markers name the connection it serves, for every colleague's inventory; the notes are rewritten
          // too, since the connection may have been renamed after a name clash.
          const { id } = appObjectId();
          const tags = withConnectionTag(created.appTags ?? [], created.endpointId!);
          if (tags.length === (created.appTags ?? []).length) return;
          await graph.updateApplication(id, { tags, notes: appNotes(this.context.organization, this.context.project.name, this.form.connection.name) });
          created.appTags = tags;
          void this.saveJournal();
        },
      },
      {
        id: "authorizePipelines",
        title: this.form.connection.allPipelines ? "Grant access to all pipelines" : "Authorize the chosen pipelines",
        errorStep: "Authorizing the pipelines",
        dependsOn: ["createConnection"],
        enabled: () => this.form.connection.allPipelines || this.form.connection.pipelineIds.length > 0,
        run: async () => {
          const endpointId = created.endpointId!;
          if (this.form.connection.allPipelines) await pipelinePermissions.authorizeAll(this.context.project.id, endpointId);
          else await pipelinePermissions.authorize(this.context.project.id, endpointId, this.form.connection.pipelineIds);
        },
      },
    ];
  }

  private connectionBody() {
    if (!this.secretText) {
      throw new ProblemError({
        title: "The client secret is no longer in memory.",
        detail: "The secret is never stored, so after the page was closed it cannot be used again.",
        action: "Choose Retry: a new secret will be added and the old one removed.",
      });
    }
    return buildConnection(this.form, this.context, this.cloud, { tenantId: this.form.tenantId, appId: this.created.appId!, secret: this.secretText });
  }
}

/**
 * The steps of a journal to resume from. The secret never outlives the page, so unless the connection already holds
 * it, adding the secret (and verifying with it) must run again: a new secret replaces the journaled one.
 */
function resumableSteps(journal: ProvisioningJournal) {
  return journal.steps.map((step) => {
    if (!journal.created.endpointId && (step.id === "addSecret" || step.id === "verify")) return { ...step, status: "waiting" as const };
    // Journal writes are not awaited, so the journal can lag behind the calls: a step it shows as not yet done may have
    // started, and created something, before the page closed. Marked so, a rollback undoes it too (each undo is safe when
    // there is nothing to remove); a resume runs it as a retry, looking first for what it may have made.
    return step.status === "done" || step.status === "skipped" ? step : { ...step, status: "running" as const };
  });
}

/** The service answered and refused (4xx other than a timeout or throttling): the request changed nothing. */
function isRefusal(error: unknown): boolean {
  return isServiceError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * Verify was refused for want of a role. At a Machine Learning workspace Verify reads the subscription, which the role
 * this run assigns (at the workspace) never grants to the new principal: waiting cannot help, so the run saves the
 * connection as "not yet verified" at once instead of waiting minutes for replication that is not the cause.
 */
function isAuthorizationFailure(message: string): boolean {
  return /AuthorizationFailed|does not have authorization to perform action/i.test(message);
}

class VerifyFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VerifyFailed";
  }
}
