import type { StepDefinition } from "../engine/workflowTypes";
import { AZURE_CLOUD } from "../../platform/clouds";
import { describeError } from "../../platform/describeError";
import { readAppMarker } from "../provisioning/markers";
import { readApp, removeChosenApp } from "../resources/appRegistration";
import { removeChosenRoleAssignments } from "../resources/roleAssignment";
import { deleteFromProject } from "../resources/serviceConnection";
import { readServicePrincipal } from "../resources/servicePrincipal";
import { actionRun, EngineAction, type ActionOptions } from "./actionEngine";
import { appUsage, principalAssignments, type ReachArm, type ReachedRoleAssignment, type UsagePorts } from "./deletionReach";
import type { ActionTarget, ConnectionActionPorts, ConnectionGraphPort } from "./ports";

/**
 * Deleting a connection cleanly: the connection, its principal's role assignments, and the app registration, each
 * chosen separately. Only what the hub made is ticked: the assignment named as the hub names it, and the app only when
 * it carries the hub's markers and no other connection of the organization uses it. Every other assignment of the
 * principal the person can read is listed unticked. While the connection is shared with other projects, deleting it
 * here only removes this project's reference, and the role and app stay (the other projects still use them).
 */
export type PlannedRoleAssignment = ReachedRoleAssignment;

export interface DeletionPlan {
  target: ActionTarget;
  /** Other projects that still hold the connection. */
  sharedWith: Array<{ id: string; name: string }>;
  /** Every readable assignment of the principal (ours first); undefined when not read (not signed in, or no access). */
  roleAssignments?: PlannedRoleAssignment[];
  app?: { objectId: string; appId: string; displayName: string };
  /** Other connections (of any project the person can see) that use the same app. */
  appUsedBy: string[];
  /** What is ticked when the dialog opens: everything, for a connection this extension created. */
  defaults: DeletionChoice;
  /** Why a part cannot be chosen, when it cannot. */
  blocked: { roleAssignments?: string; app?: string };
  scopeDescription: string;
}

export interface DeletionChoice {
  connection: boolean;
  /** The role assignments the hub made (ours). */
  roleAssignments: boolean;
  app: boolean;
  /** Names of other assignments of the principal the person ticked themselves (none by default). */
  otherRoleAssignments?: string[];
  /** After deleting the app, remove it from Entra's deleted items for good. */
  purgeApp?: boolean;
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
    arm: ReachArm;
  };
  /** The organization's projects and their connections, to tell whether another connection uses the app. */
  usage?: UsagePorts;
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
  let app: (DeletionPlan["app"] & { marked: boolean }) | undefined;
  let unreadable: string | undefined;
  if (inputs.azure) {
    try {
      const found = await readApp(inputs.azure.graph, inputs.target.appId);
      const marker = readAppMarker(found?.tags);
      if (found) app = { objectId: found.id, appId: found.appId, displayName: found.displayName, marked: isMarked(marker, inputs) };
      const principal = await readServicePrincipal(inputs.azure.graph, inputs.target.appId);
      const keys = [...(marker.runId ? [marker.runId] : []), ...(principal ? [principal.id] : [])];
      roleAssignments = principal ? await principalAssignments(inputs.azure.arm, inputs.target.tenantId, principal.id, keys) : [];
    } catch (error) {
      // The connection can still be deleted on its own; the role and app wait until they can be read.
      unreadable = describeError(error, { step: "Reading the app registration and its role" }).detail;
      roleAssignments = undefined;
      app = undefined;
    }
  }
  const usage = app?.marked && !blocked.app ? await appUsageOf(inputs) : undefined;
  if (unreadable) {
    blocked.roleAssignments ??= `They cannot be read now: ${unreadable}`;
    blocked.app ??= `It cannot be read now: ${unreadable}`;
  } else if (!inputs.azure) {
    blocked.roleAssignments ??= "Sign in to Microsoft Entra ID to find and delete the role assignment.";
    blocked.app ??= "Sign in to Microsoft Entra ID to delete the app registration.";
  } else {
    if (!app) blocked.app ??= "The app registration is not in the directory you signed in to, or you may not read it.";
    else if (!app.marked)
      blocked.app ??=
        "The app registration does not carry this extension's markers for this connection: it was not made here, so it is not offered.";
    if (!roleAssignments?.some((r) => r.ours))
      blocked.roleAssignments ??= "Its service principal has no role assignment this extension made (any others are listed below).";
  }
  const appUsedBy = [...new Set([...inputs.appUsedBy.map((n) => `"${n}"`), ...(usage?.kind === "known" ? usage.usedBy : [])])];
  if (usage?.kind === "cannotTell") blocked.app ??= `${usage.reason} The app is not offered for deletion.`;
  if (appUsedBy.length > 0) {
    const reason = `The app is also used by ${appUsedBy.join(", ")}.`;
    blocked.app ??= reason;
    blocked.roleAssignments ??= reason;
  }
  const everything = inputs.createdByExtension;
  return {
    target: inputs.target,
    sharedWith: inputs.sharedWith,
    ...(roleAssignments ? { roleAssignments } : {}),
    ...(app ? { app: { objectId: app.objectId, appId: app.appId, displayName: app.displayName } } : {}),
    appUsedBy,
    defaults: { connection: true, roleAssignments: everything && !blocked.roleAssignments, app: everything && !blocked.app },
    blocked,
    scopeDescription: inputs.scopeDescription,
  };
}

/** The hub's markers on the app tie it to this connection, or to this organization and project. */
function isMarked(marker: ReturnType<typeof readAppMarker>, inputs: PlanInputs): boolean {
  if (!marker.managed && !marker.runId) return false;
  return marker.connectionIds.includes(inputs.target.endpointId) || marker.projectId === inputs.target.projectId;
}

function appUsageOf(inputs: PlanInputs) {
  if (!inputs.usage) return Promise.resolve({ kind: "cannotTell" as const, reason: "The organization's projects cannot be listed here." });
  return appUsage(inputs.usage, inputs.target.appId, inputs.target.endpointId, inputs.target.projectId);
}

/** The assignments a choice deletes: ours when ticked, and the others the person ticked one by one. */
export function chosenRoleAssignments(plan: DeletionPlan, choice: DeletionChoice): PlannedRoleAssignment[] {
  const others = new Set(choice.otherRoleAssignments ?? []);
  return (plan.roleAssignments ?? []).filter((r) => (r.ours ? choice.roleAssignments : others.has(r.name)));
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
  for (const ra of chosenRoleAssignments(plan, choice))
    lines.push(`The ${ra.roleName} role of its service principal at ${ra.ours ? `the ${plan.scopeDescription}` : ra.scope}`);
  if (choice.app && plan.app) {
    lines.push(`The app registration "${plan.app.displayName}" (client ID ${plan.app.appId}), with its service principal and secrets`);
    if (choice.purgeApp) lines.push(`The app registration "${plan.app.displayName}" from Entra's deleted items, for good`);
  }
  return lines;
}

export interface DeletionCreated {
  connectionDeleted?: boolean;
  deletedRoleAssignments?: string[];
  appDeleted?: boolean;
  appPurged?: boolean;
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
    if (plan.sharedWith.length > 0) this.choice = { ...choice, roleAssignments: false, app: false, otherRoleAssignments: [] };
    if (options.resume) Object.assign(this.created, options.resume.created);
    const inputs = { plan, choice: this.choice };
    this.engine = actionRun("deletion", plan.target, this.created, this.steps(), ports, options, undefined, inputs);
  }

  private steps(): StepDefinition[] {
    const { connections, graph, arm } = this.ports;
    const { target } = this.plan;
    const created = this.created;
    const roles = chosenRoleAssignments(this.plan, this.choice);
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
        enabled: () => roles.length > 0,
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
      {
        id: "purgeApp",
        title: "Remove the app registration from deleted items",
        errorStep: "Removing the app registration from Entra's deleted items",
        dependsOn: ["deleteApp"],
        enabled: () => this.choice.app && this.choice.purgeApp === true && this.plan.app !== undefined,
        run: async () => {
          await graph.permanentlyDeleteApplication(this.plan.app!.objectId);
          created.appPurged = true;
          void this.engine.save();
        },
      },
    ];
  }
}
