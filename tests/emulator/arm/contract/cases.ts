import type { AzureInABox } from "../../../../emulator/model/azureInABox";
import { guidFrom } from "../../../../emulator/model/core/ids";
import { SEED } from "../../../../emulator/model/seed";
import { grant } from "../support/armKit";
import type { SpecExample } from "./specs";

/**
 * How each vendored example is replayed against the model. The model holds only what a test puts in it, so each case
 * first arranges the world the example talks about (its subscription, resource group, principal, role) under the
 * example's own ids. Where an example uses a placeholder that cannot be an id ("subID", "scope") or a resource type
 * the model does not hold (Microsoft.DocumentDb), the case maps it, in the open, to one the model does hold.
 */
export interface Replay {
  method: "GET" | "PUT" | "DELETE";
  /** Path and query below the ARM root. */
  path: string;
  body?: unknown;
  /** The example response (by status) this request's answer must match. */
  expect: string;
}

export interface Arranged {
  /** Object id of the caller; the seeded administrator (Owner at the tenant root group) when absent. */
  callerId?: string;
  replays: Replay[];
}

export type ExampleCase = (box: AzureInABox, example: SpecExample) => Arranged;

const p = (example: SpecExample, name: string): string => {
  const value = example.parameters[name];
  if (typeof value !== "string") throw new Error(`example has no string parameter '${name}'`);
  return value;
};

const version = (example: SpecExample): string => p(example, "api-version");

function subscription(box: AzureInABox, id: string, displayName = "Example Subscription"): string {
  if (!box.state.subscriptions.some((s) => s.subscriptionId === id)) {
    box.state.subscriptions.push({
      subscriptionId: id,
      displayName,
      tenantId: SEED.tenantId,
      state: "Enabled",
      managementGroupId: SEED.managementGroup,
    });
  }
  return id;
}

function resourceGroup(box: AzureInABox, subscriptionId: string, name: string): string {
  if (!box.state.resourceGroups.some((g) => g.subscriptionId === subscriptionId && g.name === name)) {
    box.state.resourceGroups.push({ subscriptionId, name, location: "eastus" });
  }
  return name;
}

function workspace(box: AzureInABox, subscriptionId: string, resourceGroupName: string, name: string): void {
  resourceGroup(box, subscriptionId, resourceGroupName);
  box.state.mlWorkspaces.push({ subscriptionId, resourceGroupName, name, location: "eastus2euap", friendlyName: name });
}

/** A role like the examples' 0b5fe924-…, assignable anywhere, with a data action as GetRoleDefinitionAtScope shows. */
function role(box: AzureInABox, name: string, roleName = "Example Role"): string {
  if (!box.state.roleDefinitions.some((r) => r.name === name)) {
    box.state.roleDefinitions.unshift({
      name,
      roleName,
      type: "BuiltInRole",
      description: "A role the examples refer to.",
      actions: ["Microsoft.Example/things/read"],
      notActions: [],
      dataActions: ["Microsoft.Example/things/data/read"],
      notDataActions: [],
      assignableScopes: ["/"],
    });
  }
  return name;
}

function user(box: AzureInABox, id: string, tenantId: string = SEED.tenantId): string {
  box.state.users.push({
    id,
    tenantId,
    userPrincipalName: `${id.slice(0, 8)}@example.test`,
    displayName: "Example User",
    userType: "Member",
    directoryRoles: [],
    mfa: true,
    createdObjectCount: 0,
  });
  return id;
}

const subscriptionOf = (scope: string): string => /subscriptions\/([^/]+)/i.exec(scope)![1]!;

/** The principal and role the role-assignment examples name, created in the example's subscription. */
function arrangeRoleAssignmentWorld(box: AzureInABox, scope: string, principalId: string, roleDefinitionId: string): void {
  subscription(box, subscriptionOf(scope));
  const rg = /resourceGroups\/([^/]+)/i.exec(scope)?.[1];
  if (rg) resourceGroup(box, subscriptionOf(scope), rg);
  const ws = /providers\/Microsoft\.MachineLearningServices\/workspaces\/([^/]+)/i.exec(scope)?.[1];
  if (rg && ws) workspace(box, subscriptionOf(scope), rg, ws);
  user(box, principalId);
  role(box, roleDefinitionId.split("/").pop()!);
}

/** Microsoft.DocumentDb is not in the model: the resource-scope example is replayed on a workspace of the same name. */
const onWorkspace = (scope: string): string =>
  scope.replace(/providers\/Microsoft\.DocumentDb\/databaseAccounts\//i, "providers/Microsoft.MachineLearningServices/workspaces/");

function createCase(scopeOf: (e: SpecExample) => string, nameOf: (e: SpecExample) => string): ExampleCase {
  return (box, example) => {
    const request = example.parameters["parameters"] as { properties: { principalId: string; roleDefinitionId: string } };
    const scope = onWorkspace(scopeOf(example));
    arrangeRoleAssignmentWorld(box, scope, request.properties.principalId, request.properties.roleDefinitionId);
    const path = `/${scope}/providers/Microsoft.Authorization/roleAssignments/${nameOf(example)}?api-version=${version(example)}`;
    return {
      replays: [
        { method: "PUT", path, body: request, expect: "201" },
        { method: "PUT", path, body: request, expect: "200" },
      ],
    };
  };
}

/** Stores the assignment the read examples show, then reads it. */
function readCase(pathOf: (e: SpecExample) => string): ExampleCase {
  return (box, example) => {
    const shown = (example.responses["200"]!.body as { value?: unknown[] }).value?.[0] ?? example.responses["200"]!.body;
    const { name, properties } = shown as { name: string; properties: { principalId: string; roleDefinitionId: string; scope: string } };
    arrangeRoleAssignmentWorld(box, properties.scope, properties.principalId, properties.roleDefinitionId);
    box.state.roleAssignments.push({
      name,
      scope: properties.scope,
      roleDefinitionName: properties.roleDefinitionId.split("/").pop()!,
      principalId: properties.principalId,
      principalType: "User",
      createdBy: SEED.users.admin,
      createdOn: "2026-01-01T00:00:00.000Z",
      pendingTestConnectionCalls: 0,
    });
    return { replays: [{ method: "GET", path: `${pathOf(example)}?api-version=${version(example)}`, expect: "200" }] };
  };
}

const EXAMPLE_SUB = guidFrom("example:subscription");
const MANY = 101;

export const CASES: Record<string, ExampleCase> = {
  "RoleAssignments_CreateForSubscription.json": createCase(
    (e) => p(e, "scope"),
    (e) => p(e, "roleAssignmentName"),
  ),
  "RoleAssignments_CreateForResourceGroup.json": createCase(
    (e) => p(e, "scope"),
    (e) => p(e, "roleAssignmentName"),
  ),
  "RoleAssignments_CreateForResource.json": createCase(
    (e) => p(e, "scope"),
    (e) => p(e, "roleAssignmentName"),
  ),
  "RoleAssignments_CreateById.json": createCase(
    (e) => p(e, "roleAssignmentId").replace(/\/providers\/Microsoft\.Authorization\/roleAssignments\/[^/]+$/i, ""),
    (e) => p(e, "roleAssignmentId").split("/").pop()!,
  ),
  "RoleAssignments_Get.json": readCase(
    (e) => `/${p(e, "scope")}/providers/Microsoft.Authorization/roleAssignments/${p(e, "roleAssignmentName")}`,
  ),
  "RoleAssignments_GetById.json": readCase((e) => `/${p(e, "roleAssignmentId")}`),
  "RoleAssignments_ListForScope.json": readCase((e) => `/${p(e, "scope")}/providers/Microsoft.Authorization/roleAssignments`),

  // "scope" is a placeholder: replayed at a subscription, where the example's role (with a data action) is listed first.
  "GetRoleDefinitionAtScope.json": (box, example) => {
    subscription(box, EXAMPLE_SUB);
    role(box, guidFrom("example:role"), "Role name");
    return {
      replays: [
        {
          method: "GET",
          path: `/subscriptions/${EXAMPLE_SUB}/providers/Microsoft.Authorization/roleDefinitions?api-version=${version(example)}`,
          expect: "200",
        },
      ],
    };
  },

  // subID/rgname are placeholders; the example's nextLink needs more roles than fit on one page.
  "GetPermissions.json": (box, example) => {
    subscription(box, EXAMPLE_SUB);
    const rg = resourceGroup(box, EXAMPLE_SUB, p(example, "resourceGroupName"));
    for (let i = 0; i < MANY; i++)
      grant(
        box,
        SEED.users.admin,
        role(box, guidFrom(`example:perm-role:${i}`), `Example Role ${i}`),
        `/subscriptions/${EXAMPLE_SUB}/resourceGroups/${rg}`,
      );
    return {
      replays: [
        {
          method: "GET",
          path: `/subscriptions/${EXAMPLE_SUB}/resourcegroups/${rg}/providers/Microsoft.Authorization/permissions?api-version=${version(example)}`,
          expect: "200",
        },
      ],
    };
  },

  // The placeholder provider/type/name become a workspace, the only resource the model holds.
  "GetResourcePermissions.json": (box, example) => {
    subscription(box, EXAMPLE_SUB);
    const rg = p(example, "resourceGroupName");
    const name = p(example, "resourceName");
    workspace(box, EXAMPLE_SUB, rg, name);
    return {
      replays: [
        {
          method: "GET",
          path: `/subscriptions/${EXAMPLE_SUB}/resourcegroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${name}/providers/Microsoft.Authorization/permissions?api-version=${version(example)}`,
          expect: "200",
        },
      ],
    };
  },

  // Enough subscriptions for a second page (the example shows a nextLink); the first two carry the tags and managing
  // tenants the example's do.
  "GetSubscriptions.json": (box, example) => {
    for (let i = 0; i < MANY; i++) subscription(box, guidFrom(`example:sub:${i}`), `Example Subscription ${i}`);
    const shown = (
      example.responses["200"]!.body as { value: Array<{ managedByTenants: Array<{ tenantId: string }>; tags: Record<string, string> }> }
    ).value;
    box.state.subscriptions.slice(0, shown.length).forEach((sub, i) => {
      sub.tags = { ...shown[i]!.tags };
      sub.managedByTenantIds = shown[i]!.managedByTenants.map((t) => t.tenantId);
    });
    return { replays: [{ method: "GET", path: `/subscriptions?api-version=${version(example)}`, expect: "200" }] };
  },

  // A person with an account in more tenants than fit on a page; the third listed has a branding logo and three
  // domains, as in the example.
  "GetTenants.json": (box, example) => {
    const person = user(box, guidFrom("example:multi-tenant-user"));
    for (let i = 0; i < MANY; i++) {
      const tenantId = guidFrom(`example:tenant:${i}`);
      box.state.tenants.push({
        id: tenantId,
        displayName: `Tenant ${i}`,
        defaultDomain: `tenant${i}.onmicrosoft.com`,
        usersCanRegisterApps: true,
        secretPolicy: {},
        adminConsentedClientIds: [],
      });
      user(box, person, tenantId);
    }
    const third = box.state.tenants.find((t) => t.id === guidFrom("example:tenant:1"))!;
    third.brandingLogoUrl = "https://example.test/logo.png";
    third.domains = [third.defaultDomain, "tenant1.mail.example.test", "tenant1.example.test"];
    return { callerId: person, replays: [{ method: "GET", path: `/tenants?api-version=${version(example)}`, expect: "200" }] };
  },

  "ListManagementGroups.json": (_box, example) => ({
    replays: [{ method: "GET", path: `/providers/Microsoft.Management/managementGroups?api-version=${version(example)}`, expect: "200" }],
  }),

  "ListResourceGroups.json": (box, example) => {
    const sub = subscription(box, p(example, "subscriptionId"));
    resourceGroup(box, sub, "rg-example");
    return { replays: [{ method: "GET", path: `/subscriptions/${sub}/resourcegroups?api-version=${version(example)}`, expect: "200" }] };
  },

  "listBySubscription.json": (box, example) => {
    const sub = subscription(box, p(example, "subscriptionId"));
    for (let i = 0; i < MANY; i++) workspace(box, sub, i % 2 === 0 ? "workspace-1234" : "workspace-5678", `testworkspace${i}`);
    return {
      replays: [
        {
          method: "GET",
          path: `/subscriptions/${sub}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${version(example)}`,
          expect: "200",
        },
      ],
    };
  },

  "listByResourceGroup.json": (box, example) => {
    const sub = subscription(box, p(example, "subscriptionId"));
    const rg = p(example, "resourceGroupName");
    for (let i = 0; i < MANY; i++) workspace(box, sub, rg, `testworkspace${i}`);
    return {
      replays: [
        {
          method: "GET",
          path: `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces?api-version=${version(example)}`,
          expect: "200",
        },
      ],
    };
  },
};
