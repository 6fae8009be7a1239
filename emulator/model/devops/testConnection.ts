import { hasPermission } from "../arm/authorization";
import type { Application, ServicePrincipal, State, Tenant } from "../state";
import type { World } from "../world";
import { lookup } from "./endpointValidation";
import { messages } from "./testConnectionMessages";
import { FEDERATION_AUDIENCE, ISSUER_PARAMETER, SUBJECT_PARAMETER } from "./workloadIdentity";

/**
 * "Verify" for an azurerm connection, checked against the shared world the way the real one checks it: Entra signs
 * the principal in (tenant, service principal, then the secret or the federated credential), then ARM reads the
 * scope with the principal's token. Replication is counted in calls: a new secret or role assignment with
 * pendingTestConnectionCalls > 0 does not work yet, and every TestConnection for the principal brings it one closer.
 */
export interface ConnectionUnderTest {
  url: string;
  data: Record<string, string>;
  scheme: string;
  /** Non-secret authorization parameters (looked up case-insensitively). */
  parameters: Record<string, string>;
  /** sha256 of the service principal key: sent with the request, or the stored one. */
  secretHash?: string;
}

export interface TestOutcome {
  /** The HTTP status ARM or Entra gave; 200 when the connection works. */
  statusCode: number;
  errorMessage: string;
  result: unknown;
}

const SUBSCRIPTION_READ = "Microsoft.Resources/subscriptions/read";
const MANAGEMENT_GROUP_READ = "Microsoft.Management/managementGroups/read";

function failed(statusCode: number, errorMessage: string): TestOutcome {
  return { statusCode, errorMessage, result: null };
}

const PASSED: TestOutcome = { statusCode: 200, errorMessage: "", result: [] };

function findTenant(state: State, key: string): Tenant | undefined {
  const lower = key.toLowerCase();
  return state.tenants.find((t) => t.id.toLowerCase() === lower || t.defaultDomain.toLowerCase() === lower);
}

function checkSecret(world: World, application: Application, secretHash: string | undefined): TestOutcome | undefined {
  if (!secretHash) return failed(401, messages.secretMissing(world));
  const credential = application.passwordCredentials.find((c) => c.secretHash === secretHash);
  const now = world.clock.nowMs();
  if (!credential || Date.parse(credential.startDateTime) > now) return failed(401, messages.secretInvalid(world, application.appId));
  if (Date.parse(credential.endDateTime) <= now) return failed(401, messages.secretExpired(world, application.appId));
  if (credential.pendingTestConnectionCalls > 0) {
    // Entra has not replicated the new secret yet: it fails like a wrong one.
    credential.pendingTestConnectionCalls -= 1;
    return failed(401, messages.secretInvalid(world, application.appId));
  }
  return undefined;
}

function checkFederation(world: World, application: Application, parameters: Record<string, string>): TestOutcome | undefined {
  const issuer = lookup(parameters, ISSUER_PARAMETER) ?? "";
  const subject = lookup(parameters, SUBJECT_PARAMETER) ?? "";
  // Entra compares issuer, subject and audience exactly (case-sensitively).
  const match = application.federatedIdentityCredentials.find(
    (f) => f.issuer === issuer && f.subject === subject && f.audiences.includes(FEDERATION_AUDIENCE),
  );
  if (match && (match.pendingTestConnectionCalls ?? 0) > 0) {
    // Entra has not replicated the new credential yet: it fails like a missing one.
    match.pendingTestConnectionCalls = (match.pendingTestConnectionCalls ?? 0) - 1;
    return failed(401, messages.noFederatedCredential(world, issuer, subject, FEDERATION_AUDIENCE));
  }
  return match ? undefined : failed(401, messages.noFederatedCredential(world, issuer, subject, FEDERATION_AUDIENCE));
}

function signIn(world: World, connection: ConnectionUnderTest, application: Application): TestOutcome | undefined {
  const scheme = connection.scheme.toLowerCase();
  if (scheme === "workloadidentityfederation") return checkFederation(world, application, connection.parameters);
  if (scheme !== "serviceprincipal") return failed(400, messages.schemeNotEmulated(connection.scheme));
  const authenticationType = lookup(connection.parameters, "authenticationType") ?? "spnKey";
  if (authenticationType.toLowerCase() !== "spnkey")
    return failed(400, messages.schemeNotEmulated(`ServicePrincipal (${authenticationType})`));
  return checkSecret(world, application, connection.secretHash);
}

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function readScope(world: World, connection: ConnectionUnderTest, tenant: Tenant, principal: ServicePrincipal): TestOutcome {
  const state = world.state;
  const scopeLevel = (lookup(connection.data, "scopeLevel") ?? "Subscription").toLowerCase();
  const base = withTrailingSlash(connection.url);
  const denied = (url: string, action: string, scope: string) =>
    failed(
      403,
      messages.armFailure(
        url,
        "Forbidden",
        "AuthorizationFailed",
        messages.authorizationFailed(principal.appId, principal.id, action, scope),
      ),
    );

  if (scopeLevel === "managementgroup") {
    const groupId = lookup(connection.data, "managementGroupId") ?? "";
    const scope = `/providers/Microsoft.Management/managementGroups/${groupId}`;
    const url = `${base}providers/Microsoft.Management/managementGroups/${groupId}?api-version=2020-05-01`;
    const group = state.managementGroups.find((g) => g.name.toLowerCase() === groupId.toLowerCase() && g.tenantId === tenant.id);
    // ARM does not tell a missing management group from one the caller may not read.
    if (!group || !hasPermission(state, { principalId: principal.id, action: MANAGEMENT_GROUP_READ, scope, effectiveOnly: true }))
      return denied(url, MANAGEMENT_GROUP_READ, scope);
    return PASSED;
  }

  // Subscription and AzureMLWorkspace both read the subscription.
  const subscriptionId = lookup(connection.data, "subscriptionId") ?? "";
  const scope = `/subscriptions/${subscriptionId}`;
  const url = `${base}subscriptions/${subscriptionId}?api-version=2016-06-01`;
  const subscription = state.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
  if (!subscription)
    return failed(404, messages.armFailure(url, "NotFound", "SubscriptionNotFound", messages.subscriptionNotFound(subscriptionId)));
  if (subscription.tenantId !== tenant.id)
    return failed(
      401,
      messages.armFailure(url, "Unauthorized", "InvalidAuthenticationTokenTenant", messages.wrongTenant(subscription.tenantId)),
    );
  if (!hasPermission(state, { principalId: principal.id, action: SUBSCRIPTION_READ, scope, effectiveOnly: true }))
    return denied(url, SUBSCRIPTION_READ, scope);
  return PASSED;
}

/** Role assignments replicate with time; each TestConnection of the principal counts as a moment passing. */
function ageRoleAssignments(state: State, principalId: string): void {
  for (const assignment of state.roleAssignments) {
    if (assignment.principalId.toLowerCase() === principalId.toLowerCase() && assignment.pendingTestConnectionCalls > 0)
      assignment.pendingTestConnectionCalls -= 1;
  }
}

export function verifyAzureRmConnection(world: World, connection: ConnectionUnderTest): TestOutcome {
  const state = world.state;
  const tenantKey = lookup(connection.parameters, "tenantid") ?? "";
  const tenant = findTenant(state, tenantKey);
  if (!tenant) return failed(401, messages.tenantNotFound(world, tenantKey));
  const appId = (lookup(connection.parameters, "serviceprincipalid") ?? "").toLowerCase();
  const principal = state.servicePrincipals.find((sp) => sp.appId.toLowerCase() === appId && sp.tenantId === tenant.id);
  const application = state.applications.find((a) => a.appId.toLowerCase() === appId);
  if (!principal || !application)
    return failed(401, messages.applicationNotFound(world, lookup(connection.parameters, "serviceprincipalid") ?? "", tenant.displayName));
  const outcome = signIn(world, connection, application) ?? readScope(world, connection, tenant, principal);
  ageRoleAssignments(state, principal.id);
  return outcome;
}
