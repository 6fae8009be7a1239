import { armError } from "../core/errors";
import { json, type ServiceResponse } from "../core/http";
import type { RoleDefinition } from "../state";
import { authorizeAt, resolveScope, type ResolvedScope } from "./access";
import { isAssignableAt } from "./authorization";
import { fail, ok, type ArmContext, type Outcome } from "./context";
import { unsupportedFilter } from "./errors";
import { readFilter } from "./filters";
import { listBody, PAGE_SIZE, pageStart, scanPage } from "./paging";
import type { ParsedScope } from "./scopes";

const READ = "Microsoft.Authorization/roleDefinitions/read";

/** Guess: the built-in roles' creation date as Azure shows it for Reader; custom roles, the seed date. */
const BUILT_IN_CREATED = "2015-02-02T21:55:09.8806423Z";
const CUSTOM_CREATED = "2026-01-01T00:00:00.0000000Z";

/** "{scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}", with no scope prefix at the tenant root. */
export function roleDefinitionIdAt(scopeId: string, roleName: string): string {
  return `${scopeId === "/" ? "" : scopeId}/providers/Microsoft.Authorization/roleDefinitions/${roleName}`;
}

export function renderRoleDefinition(scopeId: string, role: RoleDefinition): Record<string, unknown> {
  const created = role.type === "BuiltInRole" ? BUILT_IN_CREATED : CUSTOM_CREATED;
  return {
    properties: {
      roleName: role.roleName,
      type: role.type,
      description: role.description,
      assignableScopes: [...role.assignableScopes],
      permissions: [
        {
          actions: [...role.actions],
          notActions: [...role.notActions],
          dataActions: [...role.dataActions],
          notDataActions: [...role.notDataActions],
        },
      ],
      createdOn: created,
      updatedOn: created,
      createdBy: null,
      updatedBy: null,
    },
    id: roleDefinitionIdAt(scopeId, role.name),
    type: "Microsoft.Authorization/roleDefinitions",
    name: role.name,
  };
}

export function roleDefinitionDoesNotExist(status: number, id: string): ServiceResponse {
  return armError(status, "RoleDefinitionDoesNotExist", `The specified role definition with ID '${id}' does not exist.`);
}

/**
 * Reading role definitions needs roleDefinitions/read at the scope. Guess: at the tenant root any signed-in caller may
 * read them (the built-in catalogue is public).
 */
function authorizeRead(ctx: ArmContext, scope: ParsedScope): Outcome<ResolvedScope> {
  if (scope.kind === "root") return resolveScope(ctx, scope);
  return authorizeAt(ctx, scope, READ);
}

/** A role "exists" at a scope when it may be assigned there: built-ins everywhere, a custom role within its assignable scopes. */
function visibleAt(ctx: ArmContext, scope: ResolvedScope, role: RoleDefinition): boolean {
  return scope.parsed.kind === "root" || isAssignableAt(ctx.world.state, role, scope.id);
}

/** GET {scope}/providers/Microsoft.Authorization/roleDefinitions[?$filter=roleName eq '…' | type eq '…']. */
export function listRoleDefinitions(ctx: ArmContext, scope: ParsedScope): ServiceResponse {
  const resolved = authorizeRead(ctx, scope);
  if (!resolved.ok) return resolved.response;
  const filter = readFilter(ctx.req, ["roleName", "type"]);
  if (!filter.ok) return unsupportedFilter(filter.text);
  const matches = (role: RoleDefinition): boolean =>
    visibleAt(ctx, resolved.value, role) &&
    filter.clauses.every((c) =>
      c.kind === "roleName"
        ? role.roleName.toLowerCase() === c.value.toLowerCase()
        : c.kind === "type"
          ? role.type.toLowerCase() === c.value.toLowerCase()
          : true,
    );
  const start = pageStart(ctx.req);
  if (!start.ok) return start.response;
  const page = scanPage(ctx.world.state.roleDefinitions, start.start, PAGE_SIZE, matches);
  return json(
    200,
    listBody(ctx.req, page, (role) => renderRoleDefinition(resolved.value.id, role)),
  );
}

/** Finds a role definition as seen from a resolved scope; 404 when it does not exist there. */
export function roleDefinitionAt(ctx: ArmContext, scope: ResolvedScope, roleName: string, missingStatus: number): Outcome<RoleDefinition> {
  const wanted = roleName.toLowerCase();
  const role = ctx.world.state.roleDefinitions.find((r) => r.name.toLowerCase() === wanted);
  if (!role || !visibleAt(ctx, scope, role)) return fail(roleDefinitionDoesNotExist(missingStatus, roleName));
  return ok(role);
}

/** GET {scope}/providers/Microsoft.Authorization/roleDefinitions/{guid}. */
export function getRoleDefinition(ctx: ArmContext, scope: ParsedScope, roleName: string): ServiceResponse {
  const resolved = authorizeRead(ctx, scope);
  if (!resolved.ok) return resolved.response;
  const role = roleDefinitionAt(ctx, resolved.value, roleName, 404);
  return role.ok ? json(200, renderRoleDefinition(resolved.value.id, role.value)) : role.response;
}
