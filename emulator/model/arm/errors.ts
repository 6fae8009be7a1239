import { armError } from "../core/errors";
import { json, type ServiceRequest, type ServiceResponse } from "../core/http";

/**
 * ARM's error answers, worded as Azure words them (codes and messages from public error reports). Every guess about a
 * code or a message that no public source settles is marked here, so it stays in one place.
 */

/** Who the caller is, as ARM names them in AuthorizationFailed: the UPN of a user, the app id of an application. */
export interface NamedCaller {
  clientName: string;
  objectId: string;
}

export function authorizationFailedMessage(caller: NamedCaller, action: string, scope: string): string {
  return (
    `The client '${caller.clientName}' with object id '${caller.objectId}' does not have authorization to perform action ` +
    `'${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`
  );
}

export function authorizationFailed(caller: NamedCaller, action: string, scope: string): ServiceResponse {
  return armError(403, "AuthorizationFailed", authorizationFailedMessage(caller, action, scope));
}

/** A 401 with the WWW-Authenticate header ARM sends with it. */
export function unauthenticated(code: string, message: string, authorizationUri = "https://login.windows.net/"): ServiceResponse {
  const description = message.replace(/"/g, "'");
  return armError(401, code, message, {
    "www-authenticate": `Bearer authorization_uri="${authorizationUri}", error="invalid_token", error_description="${description}"`,
  });
}

export function subscriptionNotFound(subscriptionId: string): ServiceResponse {
  return armError(404, "SubscriptionNotFound", `The subscription '${subscriptionId}' could not be found.`);
}

/** The token's tenant is not the subscription's, and the caller holds no delegated (Lighthouse) access to it. */
export function wrongTenant(tokenTenantId: string, subscriptionTenantId: string): ServiceResponse {
  return armError(
    401,
    "InvalidAuthenticationTokenTenant",
    `The access token is from the wrong issuer 'https://sts.windows.net/${tokenTenantId}/'. It must match the tenant ` +
      `'https://sts.windows.net/${subscriptionTenantId}/' associated with this subscription. Please use the authority (URL) ` +
      `'https://login.windows.net/${subscriptionTenantId}' to get the token. Note, if the subscription is transferred to another ` +
      `tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). ` +
      `If you just transferred your subscription and see this error message, please try back later.`,
    {
      "www-authenticate": `Bearer authorization_uri="https://login.windows.net/${subscriptionTenantId}", error="invalid_token", error_description="The access token is from the wrong issuer."`,
    },
  );
}

export function resourceGroupNotFound(name: string): ServiceResponse {
  return armError(404, "ResourceGroupNotFound", `Resource group '${name}' could not be found.`);
}

export function resourceNotFound(typeWithNamespace: string, name: string, resourceGroup: string): ServiceResponse {
  return armError(
    404,
    "ResourceNotFound",
    `The Resource '${typeWithNamespace}/${name}' under resource group '${resourceGroup}' was not found. ` +
      `For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  );
}

/** Guess: the management-groups service's wording for a group that does not exist (reachable only with root access). */
export function managementGroupNotFound(name: string): ServiceResponse {
  return armError(404, "NotFound", `'/providers/Microsoft.Management/managementGroups/${name}' not found`);
}

export function readOnlyDisabledSubscription(subscriptionId: string): ServiceResponse {
  return armError(
    409,
    "ReadOnlyDisabledSubscription",
    `The subscription '${subscriptionId}' is disabled and therefore marked as read only. You cannot perform any write actions on this subscription until it is re-enabled.`,
  );
}

/** ARM front door's answer to a body it cannot bind to the operation's schema. */
export function invalidRequestContent(detail: string): ServiceResponse {
  return armError(400, "InvalidRequestContent", `The request content was invalid and could not be deserialized: '${detail}'.`);
}

/** Guess: wording for a $skiptoken the emulator did not hand out. */
export function invalidSkipToken(token: string): ServiceResponse {
  return armError(400, "InvalidSkipToken", `The skip token '${token}' is not valid.`);
}

/** Guess: wording for a $filter the operation does not support. */
export function unsupportedFilter(filter: string): ServiceResponse {
  return armError(400, "UnsupportedQuery", `The filter '${filter}' is not supported.`);
}

/** Outside the modelled surface: said plainly so a developer knows the emulator, not Azure, is answering. */
export function noRoute(req: ServiceRequest): ServiceResponse {
  return json(404, {
    error: { code: "NotFound", message: `The emulated Azure Resource Manager has no route for ${req.method} ${req.path}.` },
  });
}

/** Guess: ASP.NET's wording, which ARM front door passes through for a method a route does not support. */
export function methodNotAllowed(req: ServiceRequest): ServiceResponse {
  return armError(405, "MethodNotAllowed", `The requested resource does not support http method '${req.method}'.`);
}
