import { AzureInABox, type AzureInABoxOptions } from "../../../../emulator/model/azureInABox";
import type { ServiceResponse } from "../../../../emulator/model/core/http";
import { guidFrom } from "../../../../emulator/model/core/ids";
import { mintJwt, type TokenClaims } from "../../../../emulator/model/core/tokens";
import { SEED } from "../../../../emulator/model/seed";
import type { RoleAssignment } from "../../../../emulator/model/state";

/** Helpers for driving the emulated ARM the way a client does: tokens, requests, pages. */

export const ARM_ROOT = "https://management.azure.com";
export const NOW = new Date("2026-03-01T10:00:00Z");
export const V = {
  subscriptions: "2022-12-01",
  managementGroups: "2023-04-01",
  resourceGroups: "2021-04-01",
  workspaces: "2024-10-01",
  authorization: "2022-04-01",
} as const;

export function newBox(options: AzureInABoxOptions = {}): AzureInABox {
  return new AzureInABox({ now: NOW, ...options });
}

export interface TokenOptions {
  tenantId?: string;
  aud?: string;
  mfa?: boolean;
  /** Seconds from the box's clock until the token expires. */
  expiresIn?: number;
  upn?: string;
  /** App-only token of a service principal (no scp). */
  appId?: string;
}

export function tokenFor(box: AzureInABox, objectId: string, options: TokenOptions = {}): string {
  const now = Math.floor(box.clock.nowMs() / 1000);
  const tenantId = options.tenantId ?? SEED.tenantId;
  const user = box.state.users.find((u) => u.id === objectId);
  const claims: TokenClaims = {
    aud: options.aud ?? "https://management.azure.com",
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    oid: objectId,
    sub: objectId,
    iat: now,
    nbf: now,
    exp: now + (options.expiresIn ?? 3600),
    ver: "1.0",
    ...(options.appId ? { appid: options.appId } : { scp: "user_impersonation", amr: options.mfa === false ? ["pwd"] : ["pwd", "mfa"] }),
    ...((options.upn ?? user?.userPrincipalName) ? { upn: options.upn ?? user?.userPrincipalName } : {}),
  };
  return mintJwt(claims);
}

export interface CallOptions {
  token?: string;
  /** Sent as the JSON body. */
  body?: unknown;
  /** Raw body text, when the test needs something that is not JSON. */
  bodyText?: string;
  headers?: Record<string, string>;
}

/** Sends one request; `target` is a path with query ("/subscriptions?api-version=…") or an absolute link. */
export function call(box: AzureInABox, method: string, target: string, options: CallOptions = {}): Promise<ServiceResponse> {
  const url = new URL(target, `${ARM_ROOT}/`);
  const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  const bodyText = options.bodyText ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined);
  return box.handleService({
    method,
    service: "arm",
    baseUrl: ARM_ROOT,
    path: url.pathname,
    query: url.searchParams,
    headers,
    ...(bodyText !== undefined ? { bodyText } : {}),
  });
}

/** A JSON body, loosely typed for assertions. */
export type Json = any;

export function body(res: ServiceResponse): Json {
  return res.body as Json;
}

/** Follows nextLink (or "@nextLink") to the end and returns every item, with the number of pages read. */
export async function readAllPages(box: AzureInABox, first: string, token: string): Promise<{ items: Json[]; pages: number }> {
  const items: Json[] = [];
  let link: string | null | undefined = first;
  let pages = 0;
  while (link) {
    const res = await call(box, "GET", link, { token });
    if (res.status !== 200) throw new Error(`page ${pages + 1} answered ${res.status}: ${JSON.stringify(res.body)}`);
    const page = body(res);
    items.push(...page.value);
    pages += 1;
    link = page.nextLink ?? page["@nextLink"];
  }
  return { items, pages };
}

export function roleAssignmentPath(scope: string, name: string): string {
  return `${scope === "/" ? "" : scope}/providers/Microsoft.Authorization/roleAssignments/${name}?api-version=${V.authorization}`;
}

export function roleDefinitionId(roleGuid: string, subscriptionId?: string): string {
  return `${subscriptionId ? `/subscriptions/${subscriptionId}` : ""}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`;
}

/** Adds a service principal to the seeded tenant, as Graph would after POST /servicePrincipals. */
export function addServicePrincipal(
  box: AzureInABox,
  label: string,
  pendingRoleAssignmentCalls = 0,
  tenantId: string = SEED.tenantId,
): string {
  const id = guidFrom(`sp:${label}`);
  box.state.servicePrincipals.push({
    id,
    appId: guidFrom(`app:${label}`),
    tenantId,
    displayName: label,
    servicePrincipalType: "Application",
    createdDateTime: NOW.toISOString(),
    pendingRoleAssignmentCalls,
  });
  return id;
}

/** Grants a role directly in state (the arrangement, not the behaviour under test). */
export function grant(box: AzureInABox, principalId: string, roleGuid: string, scope: string): RoleAssignment {
  const assignment: RoleAssignment = {
    name: guidFrom(`grant:${principalId}:${roleGuid}:${scope}`),
    scope,
    roleDefinitionName: roleGuid,
    principalId,
    principalType: box.state.users.some((u) => u.id === principalId) ? "User" : "ServicePrincipal",
    createdBy: SEED.users.admin,
    createdOn: NOW.toISOString(),
    pendingTestConnectionCalls: 0,
  };
  box.state.roleAssignments.push(assignment);
  return assignment;
}

/** Adds a user to the seeded tenant, without any role. */
export function addUser(box: AzureInABox, label: string, mfa = true): string {
  const id = guidFrom(`user:${label}`);
  box.state.users.push({
    id,
    tenantId: SEED.tenantId,
    userPrincipalName: `${label}@contoso.onmicrosoft.com`,
    displayName: label,
    userType: "Member",
    directoryRoles: [],
    mfa,
    createdObjectCount: 0,
  });
  return id;
}
