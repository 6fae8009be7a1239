import type { ArmClient } from "../../clients/arm/armClient";
import type {
  ArmManagementGroup,
  ArmResourceGroup,
  ArmRoleDefinition,
  ArmSubscription,
  ArmTenant,
  ArmWorkspace,
} from "../../clients/arm/armTypes";
import type { GraphClient } from "../../clients/graph/graphClient";
import type { GraphUser } from "../../clients/graph/graphTypes";
import { roleRisk, type RoleRisk } from "../provisioning/roleRisk";

export interface RoleOption {
  id: string;
  roleName: string;
  description: string;
  builtIn: boolean;
  risk: RoleRisk;
}

export type DirectoryArm = Pick<
  ArmClient,
  "listTenants" | "listSubscriptions" | "listManagementGroups" | "listResourceGroups" | "listWorkspaces" | "listRoleDefinitions"
>;
export type DirectoryGraph = Pick<GraphClient, "findUser">;

/**
 * What the form's pickers list from one tenant, each read at most once per session: a second identical successful
 * GET would only cost the person time. Failures are not cached, so a retry asks again.
 */
export class AzureDirectory {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(
    private readonly tenantId: string,
    private readonly arm: DirectoryArm,
    private readonly graph: DirectoryGraph,
  ) {}

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.cache.get(key) as Promise<T> | undefined;
    if (cached) return cached;
    const pending = load();
    this.cache.set(key, pending);
    pending.catch(() => this.cache.delete(key));
    return pending;
  }

  /** Directories the person belongs to; tenants that only manage this one through Lighthouse are left out. */
  tenants(): Promise<ArmTenant[]> {
    return this.once("tenants", async () => (await this.arm.listTenants()).filter((t) => t.tenantCategory !== "ProjectedBy"));
  }

  /** Subscriptions a connection can target: enabled, and of this tenant (ARM also lists Lighthouse-delegated ones). */
  subscriptions(): Promise<ArmSubscription[]> {
    return this.once("subscriptions", async () => {
      const all = await this.arm.listSubscriptions();
      return all
        .filter((s) => s.state === "Enabled" && s.tenantId.toLowerCase() === this.tenantId.toLowerCase())
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
    });
  }

  managementGroups(): Promise<ArmManagementGroup[]> {
    return this.once("managementGroups", async () =>
      (await this.arm.listManagementGroups()).sort((a, b) => a.displayName.localeCompare(b.displayName)),
    );
  }

  resourceGroups(subscriptionId: string): Promise<ArmResourceGroup[]> {
    return this.once(`resourceGroups:${subscriptionId}`, async () =>
      (await this.arm.listResourceGroups(subscriptionId)).sort((a, b) => a.name.localeCompare(b.name)),
    );
  }

  workspaces(subscriptionId: string, resourceGroup: string): Promise<ArmWorkspace[]> {
    return this.once(`workspaces:${subscriptionId}:${resourceGroup.toLowerCase()}`, () =>
      this.arm.listWorkspaces(subscriptionId, resourceGroup),
    );
  }

  /** Roles assignable at a scope: built-in ones first by name, then custom roles. */
  roles(scope: string): Promise<RoleOption[]> {
    return this.once(`roles:${scope.toLowerCase()}`, async () => {
      const definitions: ArmRoleDefinition[] = await this.arm.listRoleDefinitions(scope);
      return definitions
        .map((d) => ({
          id: d.name,
          roleName: d.roleName,
          description: d.description,
          builtIn: d.type === "BuiltInRole",
          risk: roleRisk(d),
        }))
        .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.roleName.localeCompare(b.roleName));
    });
  }

  findUser(upnOrId: string): Promise<GraphUser | undefined> {
    return this.once(`user:${upnOrId.toLowerCase()}`, () => this.graph.findUser(upnOrId));
  }
}
