import type { Cloud } from "../../platform/clouds";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError, type Problem } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { JournaledRun, journaledSteps } from "../engine/journaledRun";
import { REPLICATION_RETRY, VERIFY_RETRY } from "../engine/policy";
import type { RunSnapshot, StepDefinition, StepReporter, StepWaitSource } from "../engine/workflowTypes";
import { buildConnection } from "../provisioning/connectionBody";
import { verifyFederated } from "../provisioning/federationSteps";
import { armScope } from "../provisioning/scope";
import { readApp } from "../resources/appRegistration";
import { isFederationNotYetAccepted, verifySavedWithin } from "../resources/connectionVerification";
import {
  ensureFederatedCredential,
  federatedCredentialDescription,
  federatedCredentialName,
  removeFederatedCredential,
} from "../resources/federatedCredential";
import type { Wait } from "../resources/resourceKit";
import { plannedRoleAssignment } from "../resources/roleAssignment";
import { connectionLink, readConnection, reportedFederation } from "../resources/serviceConnection";
import { readServicePrincipal } from "../resources/servicePrincipal";
import { noteOutcome, pipelinePermissionStep, roleAssignmentStep, serviceConnectionStep } from "../steps/connectionSteps";
import type { ByoContext, ByoForm } from "./byoForm";
import { BYO_FEDERATION_COLLECTION, type ByoFederationCreated, type ByoFederationJournal } from "./byoFederationJournal";
import { principalMissing } from "./byoRun";
import type { ByoFederationPorts } from "./byoFederationServices";
import { notTrustedYet, TRUST_VERIFY_RETRY, trustInstructions, type TrustInstructions } from "./trustInstructions";

/**
 * "Bring your own app registration" with workload identity federation: [role] → connection (federation, created
 * manually) → the app trusts it → verify → pipelines. The hub adds the federated credential itself when the person
 * may edit the app; otherwise the connection waits, unverified, for an owner to add it (the issuer, subject and the
 * exact command are shown), and the journal keeps it so the person can come back and press Verify, or roll it back.
 */
export class ByoFederationRun {
  readonly created: ByoFederationCreated;
  private readonly run: JournaledRun;
  private readonly tried = new Set<string>();

  constructor(
    runId: string,
    private form: ByoForm,
    private readonly context: ByoContext,
    private readonly cloud: Cloud,
    private readonly ports: ByoFederationPorts,
    options: {
      journal?: ByoFederationJournal;
      onChange?: (snapshot: RunSnapshot, created: Readonly<ByoFederationCreated>) => void;
      replicationRetry?: RetryPolicy;
      verifyRetry?: RetryPolicy;
      trustVerifyRetry?: RetryPolicy;
      httpWaits?: StepWaitSource;
    } = {},
  ) {
    this.created = { ...(options.journal?.created ?? {}) };
    if (options.journal) for (const step of options.journal.steps) this.tried.add(step.id);
    this.trustPolicy = options.trustVerifyRetry ?? TRUST_VERIFY_RETRY;
    const steps = this.steps(options.replicationRetry ?? REPLICATION_RETRY, options.verifyRetry ?? VERIFY_RETRY);
    this.run = new JournaledRun(steps, ports, {
      runId,
      collection: BYO_FEDERATION_COLLECTION,
      record: (snapshot, createdAt, updatedAt): ByoFederationJournal => ({
        id: runId,
        version: 1,
        createdAt,
        updatedAt,
        status: snapshot.status,
        form: this.form,
        context: this.context,
        created: { ...this.created },
        steps: journaledSteps(snapshot),
      }),
      onChange: (snapshot) => options.onChange?.(snapshot, this.created),
      errorContext: () => ({ scope: armScope(this.form.scope), connectionName: this.form.connection.name }),
      ...(options.journal
        ? {
            createdAt: options.journal.createdAt,
            resumeFrom: options.journal.steps.map((s) =>
              s.status === "done" || s.status === "skipped" ? s : { ...s, status: "running" as const },
            ),
          }
        : {}),
      ...(options.httpWaits ? { httpWaits: options.httpWaits } : {}),
    });
  }

  private readonly trustPolicy: RetryPolicy;

  private steps(replication: RetryPolicy, verifyPolicy: RetryPolicy): StepDefinition[] {
    const { clock, connections } = this.ports;
    const created = this.created;
    const projectId = () => this.context.project.id;
    const wait = (policy: RetryPolicy, reporter?: StepReporter): Wait => ({ clock, policy, ...(reporter ? { reporter } : {}) });
    const firstAttempt = (id: string) => {
      const first = !this.tried.has(id);
      this.tried.add(id);
      return first;
    };
    return [
      roleAssignmentStep({
        title: `Assign ${this.form.assignRole?.roleName ?? "the role"} at the scope`,
        dependsOn: [],
        enabled: () => Boolean(this.form.assignRole && this.ports.azure),
        arm: () => this.ports.azure!.arm,
        cloud: this.cloud,
        wait: (reporter) => wait(replication, reporter),
        record: created,
        principalId: () => this.principalId(),
        // Named from the principal, which the journal keeps, so a rollback after a closed tab can still name it.
        planned: (principalId) => {
          const id = principalId ?? created.principalId;
          return id && this.form.assignRole ? plannedRoleAssignment(this.form.scope, id, this.form.assignRole) : undefined;
        },
        roleName: () => this.form.assignRole?.roleName ?? "role",
        saved: () => void this.run.save(),
      }),
      {
        ...serviceConnectionStep({
          connections,
          projectId,
          dependsOn: ["assignRole"],
          appId: () => this.form.appId,
          body: () =>
            buildConnection(this.form, this.context, this.cloud, {
              tenantId: this.form.tenantId,
              appId: this.form.appId,
              federation: true,
            }),
          name: () => this.form.connection.name,
          record: created,
          firstAttempt: () => firstAttempt("createConnection"),
          tried: () => this.tried.has("createConnection"),
          link: () => connectionLink(this.context.organization, this.context.project.name),
          saved: () => void this.run.save(),
        }),
        title: "Create the service connection (workload identity federation)",
      },
      {
        id: "addFederatedCredential",
        title: "Let the app trust the connection (federated credential)",
        errorStep: "Adding the federated credential",
        dependsOn: ["createConnection"],
        run: (reporter) => this.trust(reporter, wait(replication, reporter)),
        undo: async (reporter) => {
          const graph = this.ports.azure?.graph;
          // The app is looked up by the form's client id, not by an object id a journal could have been given.
          const app =
            graph && created.federatedCredentialId && !created.federatedCredentialExisted
              ? await readApp(graph, this.form.appId)
              : undefined;
          if (graph && app && created.federatedCredentialId)
            noteOutcome(reporter, await removeFederatedCredential(graph, app.id, created.federatedCredentialId));
          delete created.federatedCredentialId;
          delete created.federatedCredentialExisted;
          delete created.waitingForTrust;
        },
      },
      {
        id: "verify",
        title: "Verify the saved connection",
        errorStep: "Verifying the federated connection",
        dependsOn: ["addFederatedCredential"],
        enabled: () => this.form.connection.verify && !created.waitingForTrust,
        run: async (reporter) => {
          const at = { projectId: projectId(), endpointId: created.endpointId! };
          // Only a role assigned in this run can still be replicating; the brought app's own role is what it is.
          const roleReplicating = Boolean(created.roleAssignment);
          const verdict = await verifyFederated(connections, wait(verifyPolicy, reporter), at, { scopeFinal: false, roleReplicating });
          created.verified = verdict.kind === "ok";
          void this.run.save();
          reporter.note("Verified");
        },
      },
      pipelinePermissionStep(
        this.ports.pipelinePermissions,
        projectId,
        () => created.endpointId!,
        () => this.form.connection,
        (reporter) => wait(replication, reporter),
      ),
    ];
  }

  /** Reads what Azure DevOps presents, then adds the credential when the person may edit the app; else waits for an owner. */
  private async trust(reporter: StepReporter, wait: Wait): Promise<void> {
    const created = this.created;
    if (created.federatedCredentialId) return;
    await this.refreshIdentity();
    const graph = this.ports.azure?.graph;
    const app = graph ? await readApp(graph, this.form.appId) : undefined;
    if (!graph || !app) {
      created.waitingForTrust = true;
      reporter.note(
        graph ? "The app is not in the directory you signed in to: an owner must add the credential" : "Waiting for an owner of the app",
      );
      void this.run.save();
      return;
    }
    created.appObjectId = app.id;
    const spec = {
      name: federatedCredentialName(created.endpointId!),
      issuer: created.issuer!,
      subject: created.subject!,
      description: federatedCredentialDescription(this.context.organization, this.context.project.name, this.form.connection.name),
    };
    try {
      const made = await ensureFederatedCredential(graph, wait, app.id, spec);
      created.federatedCredentialId = made.id;
      if (made.existed) created.federatedCredentialExisted = true;
      delete created.waitingForTrust;
    } catch (error) {
      // Not an owner of the app, and no role that may edit it: an owner adds the credential instead.
      if (!(isServiceError(error) && (error.status === 403 || isServiceError(error, "Authorization_RequestDenied")))) throw error;
      created.waitingForTrust = true;
      reporter.note("You may not edit this app: waiting for an owner to add the credential");
    }
    void this.run.save();
  }

  /** The issuer and subject as Azure DevOps reports them now (never built, never taken from the journal alone). */
  async refreshIdentity(): Promise<void> {
    const connection = await readConnection(
      this.ports.connections,
      this.context.project.id,
      this.created.endpointId!,
      this.form.connection.name,
    );
    const reported = reportedFederation(connection);
    if (!reported) {
      throw new ProblemError({
        title: "Azure DevOps did not report the federation issuer and subject.",
        detail: `Without them for "${this.form.connection.name}", nobody can tell the app which tokens to trust.`,
        action: "Roll back the connection and create it again, or use a client secret.",
      });
    }
    Object.assign(this.created, reported);
  }

  /** What an owner of the app needs, while the connection waits for trust. */
  instructions(): TrustInstructions | undefined {
    const { endpointId, issuer, subject, waitingForTrust, verified } = this.created;
    if (!waitingForTrust || verified || !endpointId || !issuer || !subject) return undefined;
    return trustInstructions({
      appId: this.form.appId,
      endpointId,
      issuer,
      subject,
      organization: this.context.organization,
      projectName: this.context.project.name,
      connectionName: this.form.connection.name,
    });
  }

  /** "Verify": once an owner added the credential. Answers the problem to show when the app does not trust it yet. */
  async verifyTrust(): Promise<{ ok: true } | { ok: false; problem: Problem }> {
    const at = { projectId: this.context.project.id, endpointId: this.created.endpointId! };
    const why = (v: Parameters<typeof isFederationNotYetAccepted>[0]) =>
      isFederationNotYetAccepted(v) ? "Azure has not yet accepted the federated credential" : undefined;
    const verdict = await verifySavedWithin(this.ports.connections, { clock: this.ports.clock, policy: this.trustPolicy }, at, why);
    if (verdict.kind === "ok") {
      this.created.verified = true;
      delete this.created.waitingForTrust;
      delete this.created.verifyMessage;
      await this.run.save();
      return { ok: true };
    }
    this.created.verifyMessage = verdict.message;
    await this.run.save();
    return { ok: false, problem: notTrustedYet(verdict.kind, verdict.message) };
  }

  private async principalId(): Promise<string> {
    const principal = await readServicePrincipal(this.ports.azure!.graph, this.form.appId);
    if (!principal) throw principalMissing(this.form.appId);
    this.created.principalId = principal.id;
    return principal.id;
  }

  readonly snapshot = (): RunSnapshot => this.run.snapshot();
  readonly currentForm = (): ByoForm => this.form;
  /** A new connection name after a name clash, before Retry. */
  amend(change: (form: ByoForm) => ByoForm): void {
    this.form = change(this.form);
  }
  start(): Promise<RunSnapshot> {
    return this.run.start(true);
  }
  readonly retry = (): Promise<RunSnapshot> => this.start();
  cancel(): void {
    this.run.cancel();
  }
  /** Abandons the connection: removes what this run made (the connection, the credential it added, the role). */
  rollback(): Promise<RunSnapshot> {
    return this.run.rollback();
  }
}
