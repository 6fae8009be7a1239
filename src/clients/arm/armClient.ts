import type { HttpClient } from "../../platform/http/httpClient";
import { isServiceError } from "../../platform/http/serviceError";
import type { ArmManagementGroup, ArmPermissions, ArmResourceGroup, ArmRoleAssignment, ArmRoleDefinition, ArmSubscription, ArmTenant, ArmWorkspace } from "./armTypes";

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

/** Thin, typed Azure Resource Manager calls. Lists follow every page; no business rules live here. */
export class ArmClient {
  constructor(private readonly http: HttpClient) {}

  private async all<T>(path: string, apiVersion: string, query: Record<string, string> = {}, signal?: AbortSignal): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = this.http.url(path, { ...query, "api-version": apiVersion });
    while (next) {
      const page: Page<T> = (await this.http.send<Page<T>>({ method: "GET", path: next, ...(signal ? { signal } : {}) })).body;
      items.push(...page.value);
      next = page.nextLink ?? page["@nextLink"] ?? undefined;
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
    const groups = await this.all<{ name: string; properties?: { displayName?: string } }>("/providers/Microsoft.Management/managementGroups", API.managementGroups);
    return groups.map((g) => ({ name: g.name, displayName: g.properties?.displayName ?? g.name }));
  }

  async listResourceGroups(subscriptionId: string): Promise<ArmResourceGroup[]> {
    const groups = await this.all<{ name: string; location: string }>(`/subscriptions/${subscriptionId}/resourcegroups`, API.resourceGroups);
    return groups.map((g) => ({ name: g.name, location: g.location }));
  }

  async listWorkspaces(subscriptionId: string, resourceGroup: string): Promise<ArmWorkspace[]> {
    const items = await this.all<{ id: string; name: string; location: string }>(`/subscriptions/${subscriptionId}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.MachineLearningServices/workspaces`, API.workspaces);
    return items.map((w) => ({ id: w.id, name: w.name, location: w.location, resourceGroup }));
  }

  async listRoleDefinitions(scope: string, roleName?: string): Promise<ArmRoleDefinition[]> {
    const items = await this.all<{ id: string; name: string; properties: { roleName: string; type: string; description: string; permissions: Array<{ actions: string[]; notActions: string[] }> } }>(
      `${scope}/providers/Microsoft.Authorization/roleDefinitions`,
      API.authorization,
      roleName ? { $filter: `roleName eq '${roleName.replace(/'/g, "''")}'` } : {},
    );
    return items.map((d) => ({
      id: d.id,
      name: d.name,
      roleName: d.properties.roleName,
      type: d.properties.type,
      description: d.properties.description,
      actions: d.properties.permissions.flatMap((p) => p.actions),
      notActions: d.properties.permissions.flatMap((p) => p.notActions),
    }));
  }

  /** Creates (or, with the same name and body, re-confirms) a role assignment. 409 RoleAssignmentExists is left to the caller. */
  async putRoleAssignment(scope: string, name: string, roleDefinitionId: string, principalId: string): Promise<ArmRoleAssignment> {
    const answer = await this.http.send<{ id: string; name: string; properties: { scope: string; roleDefinitionId: string; principalId: string; principalType: string } }>({
      method: "PUT",
      path: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
      query: { "api-version": API.authorization },
      body: { properties: { roleDefinitionId, principalId, principalType: "ServicePrincipal" } },
    });
    return toAssignment(answer.body);
  }

  /** Deletes a role assignment; one already gone counts as deleted. */
  async deleteRoleAssignment(scope: string, name: string): Promise<void> {
    try {
      await this.http.send({ method: "DELETE", path: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, query: { "api-version": API.authorization } });
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return;
      throw error;
    }
  }

  async listRoleAssignments(scope: string, principalId: string): Promise<ArmRoleAssignment[]> {
    const items = await this.all<{ id: string; name: string; properties: { scope: string; roleDefinitionId: string; principalId: string; principalType: string } }>(
      `${scope}/providers/Microsoft.Authorization/roleAssignments`,
      API.authorization,
      { $filter: `principalId eq '${principalId}'` },
    );
    return items.map(toAssignment);
  }

  /** The caller's own effective permissions at a scope. */
  async getPermissions(scope: string): Promise<ArmPermissions> {
    const items = await this.all<{ actions: string[]; notActions: string[] }>(`${scope}/providers/Microsoft.Authorization/permissions`, API.authorization);
    return { actions: items.flatMap((p) => p.actions), notActions: items.flatMap((p) => p.notActions) };
  }
}

function toAssignment(body: { id: string; name: string; properties: { scope: string; roleDefinitionId: string; principalId: string; principalType: string } }): ArmRoleAssignment {
  return { id: body.id, name: body.name, ...body.properties };
}
