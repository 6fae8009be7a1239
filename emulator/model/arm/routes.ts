import { segments, type ServiceResponse } from "../core/http";
import type { ApiFamily } from "./apiVersions";
import type { ArmContext } from "./context";
import { getManagementGroup, listManagementGroups } from "./managementGroups";
import { listPermissions } from "./permissions";
import { getRoleAssignment, listRoleAssignments } from "./roleAssignmentRead";
import { deleteRoleAssignment, putRoleAssignment } from "./roleAssignmentWrite";
import { getRoleDefinition, listRoleDefinitions } from "./roleDefinitions";
import { getResourceGroup, listResourceGroups } from "./resourceGroups";
import { parseScope } from "./scopes";
import { getSubscription, listSubscriptions } from "./subscriptions";
import { listTenants } from "./tenants";
import { getWorkspace, listWorkspacesInResourceGroup, listWorkspacesInSubscription } from "./workspaces";

type Handler = (ctx: ArmContext) => ServiceResponse;

/** A matched path: the api-version family it belongs to and what each HTTP method does there. */
export interface ArmRoute {
  family: ApiFamily;
  methods: Partial<Record<string, Handler>>;
}

const is = (segment: string | undefined, name: string): boolean => segment !== undefined && segment.toLowerCase() === name.toLowerCase();

/** {scope}/providers/Microsoft.Authorization/{roleAssignments|roleDefinitions|permissions}[/{name}], at any scope. */
function matchAuthorization(segs: string[]): ArmRoute | undefined {
  let at = -1;
  for (let i = segs.length - 2; i >= 0; i--) {
    if (is(segs[i], "providers") && is(segs[i + 1], "Microsoft.Authorization")) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const scope = parseScope(segs.slice(0, at));
  const [collection, name, ...extra] = segs.slice(at + 2);
  if (!scope || !collection || extra.length > 0) return undefined;
  if (is(collection, "roleAssignments")) {
    return name === undefined
      ? { family: "authorization", methods: { GET: (ctx) => listRoleAssignments(ctx, scope) } }
      : {
          family: "authorization",
          methods: {
            GET: (ctx) => getRoleAssignment(ctx, scope, name),
            PUT: (ctx) => putRoleAssignment(ctx, scope, name),
            DELETE: (ctx) => deleteRoleAssignment(ctx, scope, name),
          },
        };
  }
  if (is(collection, "roleDefinitions")) {
    return name === undefined
      ? { family: "authorization", methods: { GET: (ctx) => listRoleDefinitions(ctx, scope) } }
      : { family: "authorization", methods: { GET: (ctx) => getRoleDefinition(ctx, scope, name) } };
  }
  if (is(collection, "permissions") && name === undefined) {
    return { family: "authorization", methods: { GET: (ctx) => listPermissions(ctx, scope) } };
  }
  return undefined;
}

function matchManagementGroups(segs: string[]): ArmRoute | undefined {
  if (!(is(segs[0], "providers") && is(segs[1], "Microsoft.Management") && is(segs[2], "managementGroups"))) return undefined;
  const name = segs[3];
  if (segs.length === 3) return { family: "managementGroups", methods: { GET: listManagementGroups } };
  if (segs.length === 4 && name) return { family: "managementGroups", methods: { GET: (ctx) => getManagementGroup(ctx, name) } };
  return undefined;
}

function matchSubscriptionTree(segs: string[]): ArmRoute | undefined {
  if (!is(segs[0], "subscriptions")) return undefined;
  const [, sub, third, rg, fifth, namespace, type, name] = segs;
  if (segs.length === 1) return { family: "subscriptions", methods: { GET: listSubscriptions } };
  if (!sub) return undefined;
  if (segs.length === 2) return { family: "subscriptions", methods: { GET: (ctx) => getSubscription(ctx, sub) } };
  if (is(third, "resourceGroups")) {
    if (segs.length === 3) return { family: "resourceGroups", methods: { GET: (ctx) => listResourceGroups(ctx, sub) } };
    if (!rg) return undefined;
    if (segs.length === 4) return { family: "resourceGroups", methods: { GET: (ctx) => getResourceGroup(ctx, sub, rg) } };
    const workspaces = is(fifth, "providers") && is(namespace, "Microsoft.MachineLearningServices") && is(type, "workspaces");
    if (workspaces && segs.length === 7)
      return { family: "workspaces", methods: { GET: (ctx) => listWorkspacesInResourceGroup(ctx, sub, rg) } };
    if (workspaces && segs.length === 8 && name)
      return { family: "workspaces", methods: { GET: (ctx) => getWorkspace(ctx, sub, rg, name) } };
    return undefined;
  }
  if (segs.length === 5 && is(third, "providers") && is(rg, "Microsoft.MachineLearningServices") && is(fifth, "workspaces")) {
    return { family: "workspaces", methods: { GET: (ctx) => listWorkspacesInSubscription(ctx, sub) } };
  }
  return undefined;
}

/** Finds the route for a path below the ARM root; undefined outside the modelled surface. */
export function matchArmRoute(path: string): ArmRoute | undefined {
  const segs = segments(path);
  if (segs.length === 1 && is(segs[0], "tenants")) return { family: "subscriptions", methods: { GET: listTenants } };
  return matchAuthorization(segs) ?? matchManagementGroups(segs) ?? matchSubscriptionTree(segs);
}
