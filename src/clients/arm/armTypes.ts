/** The Azure Resource Manager shapes the hub reads and writes (CONTRACTS.md §4). */
export interface ArmTenant {
  tenantId: string;
  displayName?: string;
  defaultDomain?: string;
  /** "Home" for the user's own directories; "ProjectedBy" for tenants that manage this one through Lighthouse. */
  tenantCategory?: string;
}

export interface ArmSubscription {
  subscriptionId: string;
  displayName: string;
  state: string;
  tenantId: string;
}

export interface ArmManagementGroup {
  /** Short name, e.g. "contoso-platform". */
  name: string;
  displayName: string;
}

export interface ArmResourceGroup {
  name: string;
  location: string;
}

export interface ArmWorkspace {
  id: string;
  name: string;
  location: string;
  resourceGroup: string;
}

export interface ArmRoleDefinition {
  /** Full id: {scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}. */
  id: string;
  /** The GUID. */
  name: string;
  roleName: string;
  type: string;
  description: string;
  actions: string[];
  notActions: string[];
}

export interface ArmRoleAssignment {
  id: string;
  name: string;
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType: string;
}

/** Whether a user may assign roles at a scope; "unknown" when Azure would not tell (see ArmClient.canAssignRoles). */
export type RoleAssignmentAccess = "allowed" | "denied" | "unknown";
