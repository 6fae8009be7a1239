import type { World } from "../world";

/**
 * The texts "Verify" shows, modelled on what Azure DevOps and Entra answer. The AADSTS codes and their sentences
 * are Entra's; the framing ("Failed to obtain the Json Web Token(JWT)…", "Failed to query service connection API…")
 * is what the Azure DevOps UI shows for azurerm connections. Exact wording may drift; clients should branch on
 * statusCode and the AADSTS code, never on the whole text.
 */
function entraTrailer(world: World): string {
  const timestamp = world.clock
    .now()
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
  return `Trace ID: ${world.ids.guid()} Correlation ID: ${world.ids.guid()} Timestamp: ${timestamp}`;
}

function tokenFailure(world: World, entraMessage: string): string {
  return `Failed to obtain the Json Web Token(JWT) using service principal client ID. Exception Message: ${entraMessage} ${entraTrailer(world)}`;
}

export const messages = {
  tenantNotFound: (world: World, tenantId: string) =>
    tokenFailure(
      world,
      `AADSTS90002: Tenant '${tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  applicationNotFound: (world: World, appId: string, tenantName: string) =>
    tokenFailure(
      world,
      `AADSTS700016: Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  secretMissing: (world: World) =>
    tokenFailure(
      world,
      "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    ),
  secretInvalid: (world: World, appId: string) =>
    tokenFailure(
      world,
      `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  secretExpired: (world: World, appId: string) =>
    tokenFailure(
      world,
      `AADSTS7000222: The provided client secret keys for app '${appId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    ),
  noFederatedCredential: (world: World, issuer: string, subject: string, audience: string) =>
    tokenFailure(
      world,
      `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audience}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
    ),
  schemeNotEmulated: (scheme: string) =>
    `The emulator does not verify ${scheme} connections; only ServicePrincipal with a secret (spnKey) and WorkloadIdentityFederation.`,
  armFailure: (url: string, status: string, code: string, message: string) =>
    `Failed to query service connection API: '${url}'. Status Code: '${status}', Response from server: '${JSON.stringify({ error: { code, message } })}'`,
  subscriptionNotFound: (subscriptionId: string) => `The subscription '${subscriptionId}' could not be found.`,
  wrongTenant: (subscriptionTenant: string) =>
    `The access token is from the wrong issuer 'https://sts.windows.net/…/'. It must match the tenant 'https://sts.windows.net/${subscriptionTenant}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${subscriptionTenant}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
  authorizationFailed: (appId: string, objectId: string, action: string, scope: string) =>
    `The client '${appId}' with object id '${objectId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
};
