import type { StepDefinition } from "../engine/workflowTypes";
import { AZURE_CLOUD } from "../../platform/clouds";
import { describeError } from "../../platform/describeError";
import { readApp, removeChosenApp } from "../resources/appRegistration";
import { readRoleAssignmentsAt, removeChosenRoleAssignments, type ListedRoleAssignment } from "../resources/roleAssignment";
import { deleteFromProject } from "../resources/serviceConnection";
import { readServicePrincipal } from "../resources/servicePrincipal";
import { actionRun, EngineAction, type ActionOptions } from "./actionEngine";
import type { ActionTarget, ConnectionActionPorts, ConnectionArmPort, ConnectionGraphPort } from "./ports";

/**
 * Deleting a connection cleanly: the connection, its principal's role assignment(s) at the connection's scope, and
 * the app registration, each chosen separately. While the connection is shared with other projects, deleting it here
 * only removes this project's reference, and the role and app stay (the other projects still use them).
 */
export type PlannedRoleAssignment = ListedRoleAssignment;

export interface DeletionPlan {
  target: ActionTarget;
  /** Other projects that still hold the connection. */
  sharedWith: Array<{ id: string; name: string }>;
  /** Undefined when they could not be read (not signed in, or no access to the app). */
  roleAssignments?: PlannedRoleAssignment[];
  app?: { objectId: string; appId: string; displayName: string };
  /** Other connections of this project that use the same app. */
  appUsedBy: string[];
  /** What is ticked when the dialog opens: everything, for a connection this extension created. */
  defaults: DeletionChoice;
  /** Why a part cannot be chosen, when it cannot. */
  blocked: { roleAssignments?: string; app?: string };
  scopeDescription: string;
}

export interface DeletionChoice {
  connection: boolean;
  roleAssignments: boolean;
  app: boolean;
}

export interface PlanInputs {
  target: ActionTarget;
  scopeDescription: string;
  /** The connection's ARM scope (undefined when its data names none). */
  armScope?: string;
  sharedWith: Array<{ id: string; name: string }>;
  createdByExtension: boolean;
  /** Names of other connections in this project with the same client id. */
  appUsedBy: string[];
  /** Graph and ARM of the connection's directory; absent when not signed in to it. */
  azure?: {
    graph: Pick<ConnectionGraphPort, "readApplication" | "findServicePrincipal">;
    arm: Pick<ConnectionArmPort, "listRoleAssignments" | "listRoleDefinitions">;
  };
}

/** Reads what a deletion would remove, so the confirmation can name it. */
export async function planDeletion(inputs: PlanInputs): Promise<DeletionPlan> {
  const blocked: DeletionPlan["blocked"] = {};
  const shared = inputs.sharedWith.length > 0;
  if (shared) {
    const names = inputs.sharedWith.map((p) => p.name).join(", ");
    const reason =
      `The connection is shared with ${names}: deleting it here only removes it from this project, and ${names} ` +
      `still need${inputs.sharedWith.length === 1 ? "s" : ""} its role and app.`;
    blocked.roleAssignments = reason;
    blocked.app = reason;
  }
  let roleAssignments: PlannedRoleAssignment[] | undefined;
  let app: DeletionPlan["app"];
  let unreadable: string | undefined;
  if (inputs.azure) {
    try {
      const found = await readApp(inputs.azure.graph, inputs.target.appId);
      if (found) app = { objectId: found.id, appId: found.appId, displayName: found.displayName };
      const principal = await readServicePrincipal(inputs.azure.graph, inputs.target.appId);
      roleAssignments = principal && inputs.armScope ? await readRoleAssignmentsAt(inputs.azure.arm, inputs.armScope, principal.id) : [];
    } catch (error) {
      // The connection can still be deleted on its own; the role and app wait until they can be read.
      unreadable = describeError(error, { step: "Reading the app registration and its role" }).detail;
      roleAssignments = undefined;
      app = undefined;
    }
  }
  if (unreadable) {
    blocked.roleAssignments ??= `They cannot be read now: ${unreadable}`;
    blocked.app ??= `It cannot be read now: ${unreadable}`;
  } else if (!inputs.azure) {
    blocked.roleAssignments ??= "Sign in to Microsoft Entra ID to find and delete the role assignment.";
    blocked.app ??= "Sign in to Microsoft Entra ID to delete the app registration.";
  } else {
    if (!app) blocked.app ??= "The app registration is not in the directory you signed in to, or you may not read it.";
    if (roleAssignments?.length === 0)
      blocked.roleAssignments ??= "Its service principal has no role assignment at the connection's scope.";
  }
  if (inputs.appUsedBy.length > 0) {
    const reason = `The app is also used by ${inputs.appUsedBy.map((n) => `"${n}"`).join(", ")}.`;
    blocked.app ??= reason;
    blocked.roleAssignments ??= reason;
  }
  const everything = inputs.createdByExtension;
  return {
    target: inputs.target,
    sharedWith: inputs.sharedWith,
    ...(roleAssignments ? { roleAssignments } : {}),
    ...(app ? { app } : {}),
    appUsedBy: inputs.appUsedBy,
    defaults: { connection: true, roleAssignments: everything && !blocked.roleAssignments, app: everything && !blocked.app },
    blocked,
    scopeDescription: inputs.scopeDescription,
  };
}

/** The sentence the confirmation shows: exactly what goes. */
export function describeDeletion(plan: DeletionPlan, choice: DeletionChoice): string[] {
  const lines: string[] = [];
  if (choice.connection) {
    lines.push(
      plan.sharedWith.length > 0
        ? `The service connection "${plan.target.connectionName}" from this project only (it stays in ` +
            `${plan.sharedWith.map((p) => p.name).join(", ")})`
        : `The service connection "${plan.target.connectionName}"`,
    );
  }
  if (choice.roleAssignments)
    for (const ra of plan.roleAssignments ?? [])
      lines.push(`The ${ra.roleName} role of its service principal at the ${plan.scopeDescription}`);
  if (choice.app && plan.app)
    lines.push(`The app registration "${plan.app.displayName}" (client ID ${plan.app.appId}), with its service principal and secrets`);
  return lines;
}

export interface DeletionCreated {
  connectionDeleted?: boolean;
  deletedRoleAssignments?: string[];
  appDeleted?: boolean;
}

export class ConnectionDeletion extends EngineAction<DeletionCreated> {
  readonly created: DeletionCreated = {};

  constructor(
    private readonly plan: DeletionPlan,
    private readonly choice: DeletionChoice,
    private readonly ports: ConnectionActionPorts,
    options: ActionOptions<DeletionCreated>,
  ) {
    super(options);
    // A shared connection's role and app serve the other projects: they are never deleted with this project's reference.
    if (plan.sharedWith.length > 0) this.choice = { ...choice, roleAssignments: false, app: false };
    this.engine = actionRun("deletion", plan.target, this.created, this.steps(), ports, options);
  }

  private steps(): StepDefinition[] {
    const { connections, graph, arm } = this.ports;
    const { target } = this.plan;
    const created = this.created;
    const roles = this.plan.roleAssignments ?? [];
    return [
      {
        id: "deleteConnection",
        title: this.plan.sharedWith.length > 0 ? "Remove the service connection from this project" : "Delete the service connection",
        errorStep: "Deleting the service connection",
        dependsOn: [],
        enabled: () => this.choice.connection,
        run: async () => {
          // Already gone from this project: the goal is reached.
          await deleteFromProject(connections, target.endpointId, target.projectId);
          created.connectionDeleted = true;
          void this.engine.save();
        },
      },
      {
        id: "deleteRoleAssignments",
        title: roles.length === 1 ? `Delete the ${roles[0]!.roleName} role assignment` : `Delete the ${roles.length} role assignments`,
        errorStep: "Deleting the role assignment",
        dependsOn: ["deleteConnection"],
        enabled: () => this.choice.roleAssignments && roles.length > 0,
        run: async () => {
          created.deletedRoleAssignments ??= [];
          try {
            await removeChosenRoleAssignments(arm, roles, created.deletedRoleAssignments, this.ports.cloud ?? AZURE_CLOUD);
          } finally {
            void this.engine.save();
          }
          void this.engine.save();
        },
      },
      {
        id: "deleteApp",
        title: "Delete the app registration",
        errorStep: "Deleting the app registration",
        // The roles go first: Entra deletes the principal with the app, but ARM keeps its assignments as orphans.
        dependsOn: ["deleteConnection", "deleteRoleAssignments"],
        enabled: () => this.choice.app && this.plan.app !== undefined,
        run: async () => {
          await removeChosenApp(graph, this.plan.app!.objectId);
          created.appDeleted = true;
          void this.engine.save();
        },
      },
    ];
  }
}
