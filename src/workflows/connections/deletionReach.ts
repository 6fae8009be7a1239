import type { ArmClient } from "../../clients/arm/armClient";
import type { ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { ProjectsClient } from "../../clients/devops/projectsClient";
import { describeError } from "../../platform/describeError";
import { isRefusal } from "../engine/policy";
import { roleAssignmentName } from "../provisioning/plan";
import type { ListedRoleAssignment } from "../resources/roleAssignment";
import { inPool } from "../../platform/pool";

/**
 * How far a deletion may reach: whether any other connection of the organization uses the app, and every role
 * assignment of its principal the person can read (so those the hub did not make are shown, never deleted by default).
 */

/** Projects read at once: the organization may hold hundreds, and each list is one request. */
const PROJECT_CONCURRENCY = 4;
/** Subscriptions and management groups read at once. */
const SCOPE_CONCURRENCY = 4;

export type AppUsage = { kind: "known"; usedBy: string[] } | { kind: "cannotTell"; reason: string };

export interface UsagePorts {
  projects: Pick<ProjectsClient, "listProjects">;
  connections: Pick<ServiceConnectionsClient, "listAzureRm">;
}

/**
 * The other connections, in every project the person can see, whose client id is `appId`. A project whose list fails
 * means "cannot tell": the app must then not be offered for deletion.
 */
export async function appUsage(ports: UsagePorts, appId: string, endpointId: string, skipProjectId?: string): Promise<AppUsage> {
  let projects;
  try {
    // The current project's connections are already known from the inventory.
    projects = (await ports.projects.listProjects()).filter((p) => p.id !== skipProjectId);
  } catch (error) {
    return {
      kind: "cannotTell",
      reason: `The organization's projects could not be listed: ${describeError(error, { step: "Listing the projects" }).detail}`,
    };
  }
  const usedBy: string[] = [];
  const failed: string[] = [];
  await inPool(projects, PROJECT_CONCURRENCY, async (project) => {
    try {
      for (const c of await ports.connections.listAzureRm(project.id)) {
        const clientId = c.authorization?.parameters?.["serviceprincipalid"];
        if (c.id !== endpointId && clientId?.toLowerCase() === appId.toLowerCase()) usedBy.push(`"${c.name}" (project ${project.name})`);
      }
    } catch {
      failed.push(project.name);
    }
  });
  if (failed.length > 0)
    return {
      kind: "cannotTell",
      reason: `The connections of ${failed.sort().join(", ")} could not be listed, so whether they use the app cannot be told.`,
    };
  return { kind: "known", usedBy: [...new Set(usedBy)].sort() };
}

export type ReachArm = Pick<ArmClient, "listSubscriptions" | "listManagementGroups" | "listRoleAssignments" | "listRoleDefinitions">;

export interface ReachedRoleAssignment extends ListedRoleAssignment {
  /** Made by the hub: its name is the deterministic one of the run (or principal) at its scope and role. */
  ours: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const last = (id: string) => id.split("/").pop()!;

/**
 * Every assignment of the principal the person can read, in each subscription of the directory and each management
 * group they can see; a scope they may not read is skipped. Ours are those named as the hub names them (`keys`: the
 * run id from the app's marker, the principal's id).
 */
export async function principalAssignments(
  arm: ReachArm,
  tenantId: string,
  principalId: string,
  keys: readonly string[],
): Promise<ReachedRoleAssignment[]> {
  const subscriptions = (await arm.listSubscriptions()).filter((s) => s.state === "Enabled" && same(s.tenantId, tenantId));
  const groups = await arm.listManagementGroups().catch((error: unknown) => {
    if (isRefusal(error)) return [];
    throw error;
  });
  const scopes = [
    ...subscriptions.map((s) => `/subscriptions/${s.subscriptionId}`),
    ...groups.map((g) => `/providers/Microsoft.Management/managementGroups/${g.name}`),
  ];
  const found = new Map<string, ReachedRoleAssignment>();
  await inPool(scopes, SCOPE_CONCURRENCY, async (scope) => {
    let assignments;
    try {
      assignments = await arm.listRoleAssignments(scope, principalId);
    } catch (error) {
      if (isRefusal(error)) return;
      throw error;
    }
    const mine = assignments.filter((a) => same(a.principalId, principalId) && !found.has(`${a.scope}|${a.name}`.toLowerCase()));
    if (mine.length === 0) return;
    const definitions = await arm.listRoleDefinitions(scope).catch(() => []);
    for (const a of mine) {
      const roleId = last(a.roleDefinitionId);
      const ours = keys.some((key) => same(roleAssignmentName(a.scope, key, roleId), a.name));
      const roleName = definitions.find((d) => same(d.name, roleId))?.roleName ?? roleId;
      found.set(`${a.scope}|${a.name}`.toLowerCase(), {
        scope: a.scope,
        name: a.name,
        roleDefinitionId: a.roleDefinitionId,
        roleName,
        ours,
      });
    }
  });
  return [...found.values()].sort((a, b) => Number(b.ours) - Number(a.ours) || a.scope.localeCompare(b.scope));
}
