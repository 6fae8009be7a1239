import type { PipelinePermissionsClient, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import type { Clock } from "../../platform/clock";
import { ProblemError } from "../../platform/problem";
import type { RetryPolicy } from "../../platform/retry";
import { REPLICATION_RETRY, VERIFY_RETRY } from "../engine/policy";
import { WorkflowRun } from "../engine/workflowRun";
import type { RunSnapshot, StepDefinition, StepWaitSource } from "../engine/workflowTypes";
import { buildConnection } from "../provisioning/connectionBody";
import type { ArmPort, GraphPort } from "../provisioning/ports";
import { armScope } from "../provisioning/scope";
import { verifyDetailsWithin } from "../resources/connectionVerification";
import { plannedRoleAssignment, type PlannedRoleAssignment } from "../resources/roleAssignment";
import { connectionLink } from "../resources/serviceConnection";
import { readServicePrincipal } from "../resources/servicePrincipal";
import {
  pipelinePermissionStep,
  roleAssignmentStep,
  serviceConnectionStep,
  verifySavedAgain,
  type RoleRecord,
} from "../steps/connectionSteps";
import type { ByoContext, ByoForm } from "./byoForm";

export interface ByoPorts {
  connections: ServiceConnectionsClient;
  pipelinePermissions: PipelinePermissionsClient;
  clock: Clock;
  /** Only when the person signed in to also assign the role. */
  azure?: { graph: Pick<GraphPort, "findServicePrincipal">; arm: ArmPort };
}

export interface ByoCreated extends RoleRecord {
  endpointId?: string;
  verified?: boolean;
  verifyMessage?: string;
}

/**
 * "Bring your own app registration": the article's Azure DevOps half alone, as steps over the role assignment, the
 * service connection and its pipeline permissions. It is not journaled: it holds a secret the person typed, which a
 * resumed run could not have. The secret lives only in this object and is dropped with it.
 */
export class ByoRun {
  readonly created: ByoCreated = {};
  private secret: string | undefined;
  private readonly run: WorkflowRun;
  private readonly tried = new Set<string>();
  /** The assignment this run made, named from the principal (kept in memory: the run has no journal). */
  private assignment: PlannedRoleAssignment | undefined;

  constructor(
    private form: ByoForm,
    secret: string,
    private readonly context: ByoContext,
    private readonly cloud: Cloud,
    private readonly ports: ByoPorts,
    options: {
      onChange?: (snapshot: RunSnapshot, created: Readonly<ByoCreated>) => void;
      replicationRetry?: RetryPolicy;
      verifyRetry?: RetryPolicy;
      httpWaits?: StepWaitSource;
    } = {},
  ) {
    this.secret = secret;
    this.run = new WorkflowRun(this.steps(options.replicationRetry ?? REPLICATION_RETRY, options.verifyRetry ?? VERIFY_RETRY), {
      now: () => ports.clock.now(),
      onChange: (snapshot) => options.onChange?.(snapshot, this.created),
      errorContext: () => ({ scope: armScope(this.form.scope), connectionName: this.form.connection.name }),
      ...(options.httpWaits ? { httpWaits: options.httpWaits } : {}),
    });
  }

  private steps(replication: RetryPolicy, verifyPolicy: RetryPolicy): StepDefinition[] {
    const { clock } = this.ports;
    const projectId = () => this.context.project.id;
    return [
      roleAssignmentStep({
        title: `Assign ${this.form.assignRole?.roleName ?? "the role"} at the scope`,
        dependsOn: [],
        enabled: () => Boolean(this.form.assignRole && this.ports.azure),
        arm: () => this.ports.azure!.arm,
        cloud: this.cloud,
        wait: (reporter) => ({ clock, policy: replication, reporter }),
        record: this.created,
        principalId: () => this.principalId(),
        planned: (principalId) => {
          if (principalId) this.assignment = plannedRoleAssignment(this.form.scope, principalId, this.form.assignRole!);
          return this.assignment;
        },
        roleName: () => this.form.assignRole?.roleName ?? "role",
      }),
      {
        id: "verify",
        title: "Verify the connection's details",
        errorStep: "Verifying the connection",
        dependsOn: ["assignRole"],
        enabled: () => this.form.connection.verify,
        run: async (reporter) => {
          // Only a role assigned in this run can still be replicating; otherwise a rejection is final.
          const assigned = Boolean(this.created.roleAssignment);
          const policy = assigned ? verifyPolicy : { ...verifyPolicy, maxAttempts: 1 };
          const verdict = await verifyDetailsWithin(
            this.ports.connections,
            { clock, policy, reporter },
            projectId(),
            this.body(),
            () => "Azure has not yet accepted the new role",
          );
          if (verdict.ok || assigned) {
            this.created.verified = verdict.ok;
            if (!verdict.ok) this.created.verifyMessage = verdict.message;
            reporter.note(verdict.ok ? "Verified" : "Not yet verified");
            return;
          }
          throw new ProblemError({
            title: "Azure did not accept the connection's details.",
            detail: verdict.message,
            action:
              "Check the Application (client) ID, Directory (tenant) ID, client secret and the app's role at the scope, then " +
              "retry; or save without verification.",
            remedy: "saveWithoutVerification",
          });
        },
      },
      serviceConnectionStep({
        connections: this.ports.connections,
        projectId,
        dependsOn: ["assignRole", "verify"],
        appId: () => this.form.appId,
        body: () => this.body(),
        name: () => this.form.connection.name,
        record: this.created,
        firstAttempt: () => {
          const first = !this.tried.has("createConnection");
          this.tried.add("createConnection");
          return first;
        },
        tried: () => this.tried.has("createConnection"),
        link: () => connectionLink(this.context.organization, this.context.project.name),
      }),
      pipelinePermissionStep(
        this.ports.pipelinePermissions,
        projectId,
        () => this.created.endpointId!,
        () => this.form.connection,
      ),
    ];
  }

  private async principalId(): Promise<string> {
    const principal = await readServicePrincipal(this.ports.azure!.graph, this.form.appId);
    if (!principal) throw principalMissing(this.form.appId);
    return principal.id;
  }

  private body() {
    if (!this.secret)
      throw new ProblemError({
        title: "The client secret is gone.",
        detail: "It was dropped from memory when the result closed.",
        action: "Start again and paste the secret.",
      });
    return buildConnection(this.form, this.context, this.cloud, {
      tenantId: this.form.tenantId,
      appId: this.form.appId,
      secret: this.secret,
    });
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
  verifyAgain(): Promise<boolean> {
    return verifySavedAgain(this.ports.connections, this.context.project.id, this.created);
  }
}

/** The brought app has no service principal where the person signed in: the role cannot be assigned. */
export function principalMissing(appId: string): ProblemError {
  return new ProblemError({
    title: "Assigning the role failed.",
    detail: `The app ${appId} has no service principal (enterprise application) in the directory you signed in to.`,
    action: "Check the Application (client) ID and the directory, or skip the role assignment and assign it in the Azure portal.",
  });
}
