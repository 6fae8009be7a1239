import { guidFrom } from "./core/ids";
import { emptySignInRecords } from "./entra/signInRecords";
import type { RoleDefinition, State } from "./state";

/** Well-known built-in role definition GUIDs (the same in every tenant). */
export const ROLE_IDS = {
  reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
  userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
  rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
} as const;

export interface SeedOptions {
  /** How many enabled subscriptions the tenant has (1 to 10,000). */
  subscriptionCount?: number;
  /** How many projects the Azure DevOps organization has (2 to 500; default 2): the two of SEED, then projectAt(2…). */
  projectCount?: number;
}

/** The seeded project at this index: 0 and 1 are SEED.project and SEED.otherProject, later ones "Project {n}". */
export function projectAt(index: number): { id: string; name: string } {
  if (index === 0) return { ...SEED.project };
  if (index === 1) return { ...SEED.otherProject };
  return { id: guidFrom(`project:${index}`), name: `Project ${String(index + 1).padStart(3, "0")}` };
}

export const SEED = {
  tenantId: guidFrom("tenant:contoso"),
  otherTenantId: guidFrom("tenant:fabrikam"),
  users: {
    admin: guidFrom("user:admin"),
    developer: guidFrom("user:developer"),
    member: guidFrom("user:member"),
    guest: guidFrom("user:guest"),
  },
  /** The management group every subscription sits under, below the tenant root group. */
  managementGroup: "contoso-platform",
  devopsOrganization: "contoso",
  project: { id: guidFrom("project:web"), name: "Fabrikam Web" },
  otherProject: { id: guidFrom("project:data"), name: "Data Platform" },
  mlSubscriptionIndex: 0,
  customRoleId: guidFrom("role:deployment-reader"),
  /** The guest's own account in their home tenant (Fabrikam); signing in through /common lands there. */
  guestHomeUserId: guidFrom("user:guest-home"),
  /** Client id of the seeded sign-in app registration (the hub's Entra application). */
  signInClientId: guidFrom("sign-in-app:hub"),
} as const;

/** Redirect URIs the seeded sign-in app accepts; loopback ones match on any port (see entra/ROUTES.md). */
export const SIGN_IN_REDIRECT_URIS = ["http://localhost/", "http://127.0.0.1/", "https://localhost/", "https://127.0.0.1/"] as const;

export function subscriptionIdAt(index: number): string {
  return guidFrom(`subscription:${index}`);
}

function builtInRole(name: string, roleName: string, description: string, actions: string[], notActions: string[] = []): RoleDefinition {
  return {
    name,
    roleName,
    type: "BuiltInRole",
    description,
    actions,
    notActions,
    dataActions: [],
    notDataActions: [],
    assignableScopes: ["/"],
  };
}

export function roleDefinitions(): RoleDefinition[] {
  return [
    builtInRole(ROLE_IDS.reader, "Reader", "View all resources, but does not allow you to make any changes.", ["*/read"]),
    builtInRole(
      ROLE_IDS.contributor,
      "Contributor",
      "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC.",
      ["*"],
      ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"],
    ),
    builtInRole(
      ROLE_IDS.owner,
      "Owner",
      "Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.",
      ["*"],
    ),
    builtInRole(ROLE_IDS.userAccessAdministrator, "User Access Administrator", "Lets you manage user access to Azure resources.", [
      "*/read",
      "Microsoft.Authorization/*",
      "Microsoft.Support/*",
    ]),
    builtInRole(
      ROLE_IDS.rbacAdministrator,
      "Role Based Access Control Administrator",
      "Manage access to Azure resources by assigning roles using Azure RBAC.",
      ["Microsoft.Authorization/roleAssignments/write", "Microsoft.Authorization/roleAssignments/delete", "*/read"],
    ),
    {
      name: SEED.customRoleId,
      roleName: "Deployment Reader",
      type: "CustomRole",
      description: "Reads resources and deployments; a custom role of the Contoso platform team.",
      actions: ["*/read", "Microsoft.Resources/deployments/*"],
      notActions: [],
      dataActions: [],
      notDataActions: [],
      assignableScopes: [`/providers/Microsoft.Management/managementGroups/${SEED.managementGroup}`],
    },
  ];
}

/**
 * The default world: the Contoso tenant with an administrator, an application developer, an ordinary member and a
 * guest; subscriptions under one management group; a Machine Learning workspace; and the "contoso" Azure DevOps
 * organization with two projects and a few pipelines.
 */
export function seedState(options: SeedOptions = {}): State {
  const count = Math.max(1, Math.min(10_000, options.subscriptionCount ?? 3));
  const tenantId = SEED.tenantId;
  const now = "2026-01-01T00:00:00Z";
  const subscriptions: State["subscriptions"] = [];
  for (let i = 0; i < count; i++) {
    subscriptions.push({
      subscriptionId: subscriptionIdAt(i),
      displayName: i === 0 ? "Contoso Production" : i === 1 ? "Contoso Development" : `Contoso Subscription ${String(i).padStart(5, "0")}`,
      tenantId,
      state: "Enabled",
      managementGroupId: SEED.managementGroup,
    });
  }
  // Two subscriptions a picker must hide: a disabled one, and one of another tenant (as Lighthouse returns).
  subscriptions.push({
    subscriptionId: guidFrom("subscription:disabled"),
    displayName: "Contoso Legacy (disabled)",
    tenantId,
    state: "Disabled",
    managementGroupId: SEED.managementGroup,
  });
  subscriptions.push({
    subscriptionId: guidFrom("subscription:lighthouse"),
    displayName: "Fabrikam Delegated",
    tenantId: SEED.otherTenantId,
    state: "Enabled",
  });

  const mlSub = subscriptionIdAt(SEED.mlSubscriptionIndex);
  return {
    tenants: [
      {
        id: tenantId,
        displayName: "Contoso",
        defaultDomain: "contoso.onmicrosoft.com",
        usersCanRegisterApps: true,
        secretPolicy: {},
        adminConsentedClientIds: [],
      },
      {
        id: SEED.otherTenantId,
        displayName: "Fabrikam",
        defaultDomain: "fabrikam.onmicrosoft.com",
        usersCanRegisterApps: true,
        secretPolicy: {},
        adminConsentedClientIds: [],
      },
    ],
    users: [
      {
        id: SEED.users.admin,
        tenantId,
        userPrincipalName: "admin@contoso.onmicrosoft.com",
        displayName: "Ada Admin",
        userType: "Member",
        directoryRoles: ["GlobalAdministrator"],
        mfa: true,
        createdObjectCount: 0,
      },
      {
        id: SEED.users.developer,
        tenantId,
        userPrincipalName: "dev@contoso.onmicrosoft.com",
        displayName: "Dev Developer",
        userType: "Member",
        directoryRoles: ["ApplicationDeveloper"],
        mfa: true,
        createdObjectCount: 0,
      },
      {
        id: SEED.users.member,
        tenantId,
        userPrincipalName: "member@contoso.onmicrosoft.com",
        displayName: "Mo Member",
        userType: "Member",
        directoryRoles: [],
        mfa: false,
        createdObjectCount: 0,
      },
      {
        id: SEED.users.guest,
        tenantId,
        userPrincipalName: "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com",
        displayName: "Gus Guest",
        userType: "Guest",
        directoryRoles: [],
        mfa: false,
        createdObjectCount: 0,
        homeUserId: SEED.guestHomeUserId,
      },
      {
        id: SEED.guestHomeUserId,
        tenantId: SEED.otherTenantId,
        userPrincipalName: "guest@fabrikam.com",
        displayName: "Gus Guest",
        userType: "Member",
        directoryRoles: [],
        mfa: false,
        createdObjectCount: 0,
      },
    ],
    applications: [],
    servicePrincipals: [],
    subscriptions,
    managementGroups: [
      { name: tenantId, displayName: "Tenant Root Group", tenantId },
      { name: SEED.managementGroup, displayName: "Contoso Platform", tenantId, parentName: tenantId },
      { name: "contoso-sandbox", displayName: "Contoso Sandbox", tenantId, parentName: tenantId },
    ],
    resourceGroups: [
      { subscriptionId: mlSub, name: "rg-ml", location: "westeurope" },
      { subscriptionId: mlSub, name: "rg-web", location: "northeurope" },
    ],
    mlWorkspaces: [
      { subscriptionId: mlSub, resourceGroupName: "rg-ml", name: "mlw-forecasting", location: "westeurope", friendlyName: "Forecasting" },
    ],
    roleDefinitions: roleDefinitions(),
    roleAssignments: [
      // The administrator owns everything below the tenant root; the developer can deploy but not grant access.
      {
        name: guidFrom("ra:admin-owner"),
        scope: `/providers/Microsoft.Management/managementGroups/${tenantId}`,
        roleDefinitionName: ROLE_IDS.owner,
        principalId: SEED.users.admin,
        principalType: "User",
        createdBy: SEED.users.admin,
        createdOn: now,
        pendingTestConnectionCalls: 0,
      },
      {
        name: guidFrom("ra:dev-contributor"),
        scope: `/subscriptions/${subscriptionIdAt(0)}`,
        roleDefinitionName: ROLE_IDS.contributor,
        principalId: SEED.users.developer,
        principalType: "User",
        createdBy: SEED.users.admin,
        createdOn: now,
        pendingTestConnectionCalls: 0,
      },
      {
        name: guidFrom("ra:dev-uaa-dev"),
        scope: `/subscriptions/${subscriptionIdAt(Math.min(1, count - 1))}`,
        roleDefinitionName: ROLE_IDS.userAccessAdministrator,
        principalId: SEED.users.developer,
        principalType: "User",
        createdBy: SEED.users.admin,
        createdOn: now,
        pendingTestConnectionCalls: 0,
      },
      {
        name: guidFrom("ra:member-reader"),
        scope: `/subscriptions/${subscriptionIdAt(0)}`,
        roleDefinitionName: ROLE_IDS.reader,
        principalId: SEED.users.member,
        principalType: "User",
        createdBy: SEED.users.admin,
        createdOn: now,
        pendingTestConnectionCalls: 0,
      },
      // Lighthouse: Fabrikam delegated Reader on its subscription to the Contoso administrator, which is why ARM lists it.
      {
        name: guidFrom("ra:admin-lighthouse-reader"),
        scope: `/subscriptions/${guidFrom("subscription:lighthouse")}`,
        roleDefinitionName: ROLE_IDS.reader,
        principalId: SEED.users.admin,
        principalType: "User",
        createdBy: SEED.users.admin,
        createdOn: now,
        pendingTestConnectionCalls: 0,
      },
    ],
    devops: {
      organization: SEED.devopsOrganization,
      projects: Array.from({ length: Math.max(2, Math.min(500, options.projectCount ?? 2)) }, (_, i) => projectAt(i)),
      serviceEndpoints: [],
      pipelinePermissions: [],
      buildDefinitions: [
        { id: 11, projectId: SEED.project.id, name: "web-ci", path: "\\" },
        { id: 12, projectId: SEED.project.id, name: "web-deploy", path: "\\release" },
        { id: 13, projectId: SEED.project.id, name: "infra-plan", path: "\\infra" },
        { id: 21, projectId: SEED.otherProject.id, name: "etl-nightly", path: "\\" },
      ],
      extensionData: {},
      user: { id: guidFrom("devops-user:ada"), displayName: "Ada Admin", uniqueName: "admin@contoso.onmicrosoft.com" },
    },
    signInApps: [
      {
        clientId: SEED.signInClientId,
        displayName: "Service connection hub",
        tenantId,
        signInAudience: "AzureADMultipleOrgs",
        redirectUris: [...SIGN_IN_REDIRECT_URIS],
        requiredScopes: [
          "https://graph.microsoft.com/User.Read",
          "https://graph.microsoft.com/User.ReadBasic.All",
          "https://graph.microsoft.com/Application.ReadWrite.All",
          "https://management.azure.com/user_impersonation",
        ],
      },
    ],
    signIn: emptySignInRecords(),
  };
}
