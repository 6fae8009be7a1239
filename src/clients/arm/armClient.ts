import type { HttpClient } from "../../platform/http/httpClient";
import { isServiceError } from "../../platform/http/serviceError";
import { ProblemError } from "../../platform/problem";
import { armScopePath, checkArmName, resourceGroupPath, roleDefinitionPath, subscriptionPath } from "./armPaths";
import type {
  ArmManagementGroup,
  ArmResourceGroup,
  ArmRoleAssignment,
  ArmRoleDefinition,
  ArmSubscription,
  ArmTenant,
  ArmWorkspace,
  RoleAssignmentAccess,
} from "./armTypes";
import { grantsAction, ROLE_ASSIGNMENTS_WRITE, type PermissionBlock } from "./roleAssignmentAccess";

const API = {
  subscriptions: "2022-12-01",
  managementGroups: "2023-04-01",
  resourceGroups: "2021-04-01",
  workspaces: "2024-10-01",
  authorization: "2022-04-01",
} as const;

interface Page<T> {
  value: T[];
  nextLink?: string | null;
  "@nextLink"?: string | null;
}

type RawRoleDefinition = {
  id: string;
  name: string;
  properties: { roleName: string; type: string; description: string; permissions: PermissionBlock[] };
};
type RawRoleAssignment = {
  id: string;
  name: string;
  properties: { scope: string; roleDefinitionId: string; principalId: string; principalType: string };
};

/**
 * Thin, typed Azure Resource Manager calls. Lists follow every page; no business rules live here. Every path built
 * from a name or scope goes through armPaths (ARM naming rules, each segment encoded).
 */
export class ArmClient {
  constructor(private readonly http: HttpClient) {}

  private async all<T>(path: string, apiVersion: string, query: Record<string, string> = {}, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = this.http.url(path, { ...query, "api-version": apiVersion });
    while (next) {
      const page: Page<T> = (await this.http.send<Page<T>>({ method: "GET", path: next, ...(signal ? { signal } : {}) })).body;
      items.push(...(page.value ?? []));
      next = page.nextLink ?? page["@nextLink"] ?? undefined;
      // A next-page link is the server's word, not ours: it is followed with the ARM token only on the cloud's ARM host.
      if (next && !this.http.mayReceiveToken(this.http.url(next))) throw untrustedNextLink(next);
    }
    return items;
  }

  listTenants(): Promise<ArmTenant[]> {
    return this.all<ArmTenant>("/tenants", API.subscriptions);
  }

  listSubscriptions(signal?: AbortSignal): Promise<ArmSubscription[]> {
    return this.all<ArmSubscription>("/subscriptions", API.subscriptions, {}, signal);
  }

  async listManagementGroups(): Promise<ArmManagementGroup[]> {
    const groups = await this.all<{ name: string; properties?: { displayName?: string } }>(
      "/providers/Microsoft.Management/managementGroups",
      API.managementGroups,
    );
    return groups.map((g) => ({ name: g.name, displayName: g.properties?.displayName ?? g.name }));
  }

  async listResourceGroups(subscriptionId: string): Promise<ArmResourceGroup[]> {
    const groups = await this.all<{ name: string; location: string }>(
      `${subscriptionPath(subscriptionId)}/resourcegroups`,
      API.resourceGroups,
    );
    return groups.map((g) => ({ name: g.name, location: g.location }));
  }

  async listWorkspaces(subscriptionId: string, resourceGroup: string): Promise<ArmWorkspace[]> {
    const items = await this.all<{ id: string; name: string; location: string }>(
      `${resourceGroupPath(subscriptionId, resourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces`,
      API.workspaces,
    );
    return items.map((w) => ({ id: w.id, name: w.name, location: w.location, resourceGroup }));
  }

  async listRoleDefinitions(scope: string, roleName?: string): Promise<ArmRoleDefinition[]> {
    const items = await this.all<RawRoleDefinition>(
      `${armScopePath(scope)}/providers/Microsoft.Authorization/roleDefinitions`,
      API.authorization,
      roleName ? { $filter: `roleName eq '${roleName.replace(/'/g, "''")}'` } : {},
    );
    return items.map(toRoleDefinition);
  }

  /** Creates (or, with the same name and body, re-confirms) a role assignment. 409 RoleAssignmentExists is left to the caller. */
  async putRoleAssignment(scope: string, name: string, roleDefinitionId: string, principalId: string): Promise<ArmRoleAssignment> {
    const answer = await this.http.send<RawRoleAssignment>({
      method: "PUT",
      path: roleAssignmentPath(scope, name),
      query: { "api-version": API.authorization },
      body: {
        properties: {
          roleDefinitionId: roleDefinitionPath(roleDefinitionId),
          principalId: checkArmName("principalId", principalId),
          principalType: "ServicePrincipal",
        },
      },
    });
    return toAssignment(answer.body);
  }

  /** Deletes a role assignment; one already gone counts as deleted. */
  async deleteRoleAssignment(scope: string, name: string): Promise<void> {
    try {
      const path = roleAssignmentPath(scope, name);
      await this.http.send({ method: "DELETE", path, query: { "api-version": API.authorization } });
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return;
      throw error;
    }
  }

  async listRoleAssignments(scope: string, principalId: string): Promise<ArmRoleAssignment[]> {
    const items = await this.all<RawRoleAssignment>(
      `${armScopePath(scope)}/providers/Microsoft.Authorization/roleAssignments`,
      API.authorization,
      {
        $filter: `principalId eq '${checkArmName("principalId", principalId)}'`,
      },
    );
    return items.map(toAssignment);
  }

  /** One role definition by its full id (RoleDefinitions_GetById). */
  async getRoleDefinition(roleDefinitionId: string): Promise<ArmRoleDefinition & { permissions: PermissionBlock[] }> {
    const answer = await this.http.send<RawRoleDefinition>({
      method: "GET",
      path: roleDefinitionPath(roleDefinitionId),
      query: { "api-version": API.authorization },
    });
    return { ...toRoleDefinition(answer.body), permissions: answer.body.properties.permissions ?? [] };
  }

  /**
   * Whether a user may assign roles at a scope, answered with documented routes only (authorization 2022-04-01): the
   * role assignments that apply to the user at the scope (`$filter=atScope() and assignedTo('{objectId}')`, groups
   * included), then each assigned role's definition, looking for Microsoft.Authorization/roleAssignments/write with
   * wildcards and notActions honoured. "unknown" when ARM would not tell, or when it lists no assignment at all for
   * someone who can see the scope (access through an object id we do not know, such as a guest's in another
   * directory, or through classic administrators). Deny assignments and role-assignment conditions are not
   * evaluated: this is a hint before the run; the role assignment itself is the authority.
   */
  async canAssignRoles(scope: string, userObjectId: string): Promise<RoleAssignmentAccess> {
    let assignments: ArmRoleAssignment[];
    try {
      const items = await this.all<RawRoleAssignment>(
        `${armScopePath(scope)}/providers/Microsoft.Authorization/roleAssignments`,
        API.authorization,
        {
          $filter: `atScope() and assignedTo('${checkArmName("principalId", userObjectId)}')`,
        },
      );
      assignments = items.map(toAssignment);
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      return "unknown";
    }
    if (assignments.length === 0) return "unknown";
    const roleIds = [...new Set(assignments.map((a) => a.roleDefinitionId.toLowerCase()))];
    const reads = await Promise.allSettled(roleIds.map((id) => this.getRoleDefinition(id)));
    if (reads.some((r) => r.status === "fulfilled" && grantsAction(r.value.permissions, ROLE_ASSIGNMENTS_WRITE))) return "allowed";
    // A role we could not read might be the one that grants it.
    return reads.every((r) => r.status === "fulfilled") ? "denied" : "unknown";
  }
}

function toAssignment(body: RawRoleAssignment): ArmRoleAssignment {
  return { id: body.id, name: body.name, ...body.properties };
}

function toRoleDefinition(d: RawRoleDefinition): ArmRoleDefinition {
  const permissions = d.properties.permissions ?? [];
  return {
    id: d.id,
    name: d.name,
    roleName: d.properties.roleName,
    type: d.properties.type,
    description: d.properties.description,
    actions: permissions.flatMap((p) => p.actions ?? []),
    notActions: permissions.flatMap((p) => p.notActions ?? []),
  };
}

function untrustedNextLink(next: string): ProblemError {
  let origin = "an address that is not a URL";
  try {
    origin = new URL(next).origin;
  } catch {
    // Keep the generic wording.
  }
  return new ProblemError({
    title: "Azure Resource Manager sent a link the hub will not follow.",
    detail:
      `The next page of a list pointed to ${origin}, which is not this cloud's Azure Resource Manager host. ` +
      `The hub did not send your sign-in there, and the list is incomplete.`,
    action: "Choose Retry. If it happens again, report it: a proxy or extension may be changing Azure's answers.",
  });
}

/** A role assignment's path at a scope; its name is checked and encoded like every other segment. */
function roleAssignmentPath(scope: string, name: string): string {
  const segment = encodeURIComponent(checkArmName("roleAssignmentName", name));
  return `${armScopePath(scope)}/providers/Microsoft.Authorization/roleAssignments/${segment}`;
}
