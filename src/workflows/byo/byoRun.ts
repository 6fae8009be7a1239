import type { PipelinePermissionsClient, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import { REPLICATION_RETRY, type RetryPolicy } from "../../platform/retry";
import { retryStep } from "../engine/retryStep";
import { WorkflowRun } from "../engine/workflowRun";
import type { RunSnapshot, StepReporter } from "../engine/workflowTypes";
import { buildConnection } from "../provisioning/connectionBody";
import { authorizePipelines, findOwnConnection, plannedRoleAssignment, putRoleAssignmentOnce, verifyDetails, VerifyFailed, type RoleAssignmentRef } from "../provisioning/connectionActions";
import type { ArmPort, GraphPort } from "../provisioning/ports";
import { VERIFY_RETRY } from "../provisioning/provisioningRun";
import { armScope } from "../provisioning/scope";
import type { ByoContext, ByoForm } from "./byoForm";

export interface ByoPorts {
  connections: ServiceConnectionsClient;
  pipelinePermissions: PipelinePermissionsClient;
  clock: Clock;
  /** Only when the person signed in to also assign the role. */
  azure?: { graph: Pick<GraphPort, "findServicePrincipal">; arm: ArmPort };
}

export interface ByoCreated {
  roleAssignment?: RoleAssignmentRef;
  endpointId?: string;
  verified?: boolean;
  verifyMessage?: string;
}

/**
 * "Bring your own app registration": the article's Azure DevOps half alone. It is not journaled: it holds a secret the
 * person typed, which a resumed run could not have. Optionally assigns the role (signed in),
 * then verifies with endpoint id "0", creates the connection and authorizes pipelines. The secret the person typed
 * lives only in this object and is dropped with it.
 */
export class ByoRun {
  readonly created: ByoCreated = {};
  private secret: string | undefined;
  private readonly run: WorkflowRun;
  private readonly tried = new Set<string>();

  constructor(
    private form: ByoForm,
    secret: string,
    private readonly context: ByoContext,
    private readonly cloud: Cloud,
    private readonly ports: ByoPorts,
    options: { onChange?: (snapshot: RunSnapshot, created: Readonly<ByoCreated>) => void; replicationRetry?: RetryPolicy; verifyRetry?: RetryPolicy } = {},
  ) {
    this.secret = secret;
    const replication = options.replicationRetry ?? REPLICATION_RETRY;
    const verifyPolicy = options.verifyRetry ?? VERIFY_RETRY;
    const retrying = <T>(reporter: StepReporter, policy: RetryPolicy, operation: () => Promise<T>, reason: (e: unknown) => string | undefined) =>
      retryStep(reporter, ports.clock, policy, operation, reason);

    this.run = new WorkflowRun(
      [
        {
          id: "assignRole",
          title: `Assign ${form.assignRole?.roleName ?? "the role"} at the scope`,
          errorStep: "Assigning the role",
          dependsOn: [],
          enabled: () => Boolean(this.form.assignRole && this.ports.azure),
          run: async (reporter) => {
            const { graph, arm } = this.ports.azure!;
            const principal = await graph.findServicePrincipal(this.form.appId);
            if (!principal) {
              throw new ProblemError({
                title: "Assigning the role failed.",
                detail: `The app ${this.form.appId} has no service principal (enterprise application) in the directory you signed in to.`,
                action: "Check the Application (client) ID and the directory, or skip the role assignment and assign it in the Azure portal.",
              });
            }
            const planned = plannedRoleAssignment(this.form.scope, principal.id, this.form.assignRole!);
            this.created.roleAssignment = { scope: planned.scope, name: planned.name };
            try {
              await retrying(reporter, replication, () => putRoleAssignmentOnce(arm, planned, principal.id), (e) =>
                isServiceError(e, "PrincipalNotFound") ? "Azure is still replicating the service principal" : undefined,
              );
            } catch (error) {
              // Refused: nothing exists under that name, so there is nothing to roll back.
              if (isServiceError(error) && error.status >= 400 && error.status < 500 && error.status !== 429) delete this.created.roleAssignment;
              throw error;
            }
          },
          undo: async () => {
            if (this.created.roleAssignment && this.ports.azure) await this.ports.azure.arm.deleteRoleAssignment(this.created.roleAssignment.scope, this.created.roleAssignment.name);
            delete this.created.roleAssignment;
          },
        },
        {
          id: "verify",
          title: "Verify the connection's details",
          errorStep: "Verifying the connection",
          dependsOn: ["assignRole"],
          enabled: () => this.form.connection.verify,
          run: async (reporter) => {
            const body = this.body();
            // Only a role assigned in this run can still be replicating; otherwise a rejection is final.
            const policy = this.created.roleAssignment ? verifyPolicy : { ...verifyPolicy, maxAttempts: 1 };
            try {
              await retrying(reporter, policy, () => verifyDetails(this.ports.connections, this.context.project.id, body), (e) =>
                e instanceof VerifyFailed ? "Azure has not yet accepted the new role" : undefined,
              );
              this.created.verified = true;
              reporter.note("Verified");
            } catch (error) {
              if (!(error instanceof VerifyFailed)) throw error;
              if (this.created.roleAssignment) {
                this.created.verified = false;
                this.created.verifyMessage = error.message;
                reporter.note("Not yet verified");
                return;
              }
              throw new ProblemError({
                title: "Azure did not accept the connection's details.",
                detail: error.message,
                action: "Check the Application (client) ID, Directory (tenant) ID, client secret and the app's role at the scope, then retry; or save without verification.",
                remedy: "saveWithoutVerification",
              });
            }
          },
        },
        {
          id: "createConnection",
          title: "Create the service connection",
          errorStep: "Creating the service connection",
          dependsOn: ["assignRole", "verify"],
          run: async () => {
            if (this.created.endpointId) return;
            const again = this.tried.has("createConnection");
            this.tried.add("createConnection");
            const adopted = again ? await findOwnConnection(this.ports.connections, this.context.project.id, this.form.connection.name, this.form.appId) : undefined;
            this.created.endpointId = adopted ?? (await this.ports.connections.create(this.body())).id;
          },
          undo: async () => {
            if (this.created.endpointId) await this.ports.connections.delete(this.created.endpointId, [this.context.project.id]);
            delete this.created.endpointId;
          },
        },
        {
          id: "authorizePipelines",
          title: this.form.connection.allPipelines ? "Grant access to all pipelines" : "Authorize the chosen pipelines",
          errorStep: "Authorizing the pipelines",
          dependsOn: ["createConnection"],
          enabled: () => this.form.connection.allPipelines || this.form.connection.pipelineIds.length > 0,
          run: () => authorizePipelines(this.ports.pipelinePermissions, this.context.project.id, this.created.endpointId!, this.form.connection),
        },
      ],
      {
        now: () => ports.clock.now(),
        onChange: (snapshot) => options.onChange?.(snapshot, this.created),
        errorContext: () => ({ scope: armScope(this.form.scope), connectionName: this.form.connection.name }),
      },
    );
  }

  private body() {
    if (!this.secret) throw new ProblemError({ title: "The client secret is gone.", detail: "It was dropped from memory when the result closed.", action: "Start again and paste the secret." });
    return buildConnection(this.form, this.context, this.cloud, { tenantId: this.form.tenantId, appId: this.form.appId, secret: this.secret });
  }

  snapshot(): RunSnapshot {
    return this.run.snapshot();
  }
  currentForm(): ByoForm {
    return this.form;
  }
  amend(change: (form: ByoForm) => ByoForm): void {
    this.form = change(this.form);
  }
  start(): Promise<RunSnapshot> {
    return this.run.run();
  }
  retry(): Promise<RunSnapshot> {
    return this.run.run();
  }
  cancel(): void {
    this.run.cancel();
  }
  rollback(): Promise<RunSnapshot> {
    return this.run.rollback();
  }
  revealSecret(): string | undefined {
    return this.secret;
  }
  dropSecret(): void {
    this.secret = undefined;
  }
  async verifyAgain(): Promise<boolean> {
    if (!this.created.endpointId) throw new Error("There is no saved connection to verify yet.");
    const result = await this.ports.connections.verify(this.context.project.id, this.created.endpointId);
    this.created.verified = result.ok;
    this.created.verifyMessage = result.message;
    return result.ok;
  }
}
