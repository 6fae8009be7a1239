import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import { isRefusal } from "../engine/policy";
import type { StepDefinition, StepReporter, UndoReporter } from "../engine/workflowTypes";
import {
  ensurePipelinePermissions,
  wantsPipelineAccess,
  type PipelineAccess,
  type PipelinePermissionsPort,
} from "../resources/pipelinePermission";
import type { RemoveOutcome, Wait } from "../resources/resourceKit";
import {
  ensureRoleAssignment,
  removeRoleAssignment,
  type PlannedRoleAssignment,
  type RoleArm,
  type RoleAssignmentRef,
} from "../resources/roleAssignment";
import { ensureConnection, removeOwnConnection, type ConnectionsPort } from "../resources/serviceConnection";

/**
 * The steps both the guided form and "bring your own app registration" take over the role assignment, the service
 * connection and its pipeline permissions. Each flow supplies what differs (how the principal is found, the body).
 */

/** Says on the step line that an undo found an object this run did not make, and left it. */
export function noteOutcome(reporter: UndoReporter, outcome: RemoveOutcome): void {
  if (outcome.kind === "leftAlone") reporter.note(`Not removed: ${outcome.reason}`);
}

/** What a flow keeps of its role assignment (journaled by provisioning, in memory for bring your own app). */
export interface RoleRecord {
  roleAssignment?: RoleAssignmentRef;
  /** ARM refused the assignment: nothing of it exists, and a rollback must not try to delete it. */
  roleAssignmentRefused?: boolean;
}

export interface RoleStepOptions {
  title: string;
  dependsOn: string[];
  enabled?: () => boolean;
  arm: () => RoleArm;
  cloud: Cloud;
  wait: (reporter: StepReporter) => Wait;
  record: RoleRecord;
  /** The principal to assign to (found or created by an earlier step). */
  principalId: () => Promise<string>;
  /** The assignment, its name recomputed from the run (never read back from a journal). */
  planned: (principalId?: string) => PlannedRoleAssignment | undefined;
  roleName: () => string;
  saved?: () => void;
}

export function roleAssignmentStep(o: RoleStepOptions): StepDefinition {
  return {
    id: "assignRole",
    title: o.title,
    errorStep: "Assigning the role",
    dependsOn: o.dependsOn,
    ...(o.enabled ? { enabled: o.enabled } : {}),
    run: async (reporter) => {
      const principalId = await o.principalId();
      const planned = o.planned(principalId)!;
      o.record.roleAssignment = { scope: planned.scope, name: planned.name };
      delete o.record.roleAssignmentRefused;
      o.saved?.();
      try {
        await ensureRoleAssignment(o.arm(), o.wait(reporter), planned, principalId);
      } catch (error) {
        // Refused: nothing exists under our name, so a rollback must not try a delete it may not be allowed to make
        // either (a person without roleAssignments/write has no roleAssignments/delete).
        if (isRefusal(error)) {
          o.record.roleAssignmentRefused = true;
          o.saved?.();
        }
        throw error;
      }
    },
    undo: async () => {
      const planned = o.record.roleAssignmentRefused ? undefined : o.planned();
      if (planned) await removeRoleAssignment(o.arm(), planned, `The ${o.roleName()} role assignment at ${planned.scope}`, o.cloud);
      delete o.record.roleAssignment;
      delete o.record.roleAssignmentRefused;
    },
  };
}

export interface ConnectionStepOptions {
  connections: ConnectionsPort;
  projectId: () => string;
  dependsOn: string[];
  /** The app the connection uses: how a connection of this run is told from any other of the same name. */
  appId: () => string | undefined;
  body: () => ServiceConnection;
  /** The connection's name (read without the body: the body needs the secret, which an undo may no longer have). */
  name: () => string;
  record: { endpointId?: string };
  /** True the first time the step runs in a fresh run: nothing of it can exist yet. */
  firstAttempt: () => boolean;
  /** Whether the step was ever tried (an undo then looks for what it may have made). */
  tried: () => boolean;
  link: () => string;
  saved?: () => void;
}

export function serviceConnectionStep(o: ConnectionStepOptions): StepDefinition {
  return {
    id: "createConnection",
    title: "Create the service connection",
    errorStep: "Creating the service connection",
    dependsOn: o.dependsOn,
    run: async () => {
      if (o.record.endpointId) return;
      const mayExist = !o.firstAttempt();
      o.record.endpointId = await ensureConnection(o.connections, o.projectId(), o.body(), o.appId()!, mayExist);
      o.saved?.();
    },
    undo: async (reporter) => {
      const appId = o.appId();
      if (appId && (o.record.endpointId || o.tried())) {
        const target = {
          projectId: o.projectId(),
          name: o.name(),
          appId,
          ...(o.record.endpointId ? { endpointId: o.record.endpointId } : {}),
        };
        noteOutcome(reporter, await removeOwnConnection(o.connections, target, o.link()));
      }
      delete o.record.endpointId;
    },
    // When the connection cannot even be read, the report still names it and where to remove it by hand.
    undoTarget: () => ({ object: `The service connection "${o.name()}"`, link: o.link() }),
  };
}

export function pipelinePermissionStep(
  port: PipelinePermissionsPort,
  projectId: () => string,
  endpointId: () => string,
  access: () => PipelineAccess,
  /** How long to wait out the new connection's replication (none: a 404 ends the step). */
  wait?: (reporter: StepReporter) => Wait,
): StepDefinition {
  return {
    id: "authorizePipelines",
    title: access().allPipelines ? "Grant access to all pipelines" : "Authorize the chosen pipelines",
    errorStep: "Authorizing the pipelines",
    dependsOn: ["createConnection"],
    enabled: () => wantsPipelineAccess(access()),
    run: (reporter) => ensurePipelinePermissions(port, projectId(), endpointId(), access(), wait?.(reporter)),
  };
}

/** TestConnection on the saved connection ("Verify again"); it reuses the credential stored in Azure DevOps. */
export async function verifySavedAgain(
  connections: Pick<ConnectionsPort, "verify">,
  projectId: string,
  record: { endpointId?: string; verified?: boolean; verifyMessage?: string },
): Promise<boolean> {
  if (!record.endpointId) throw new Error("There is no saved connection to verify yet.");
  const result = await connections.verify(projectId, record.endpointId);
  record.verified = result.ok;
  record.verifyMessage = result.message;
  return result.ok;
}
