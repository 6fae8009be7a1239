/**
 * Every AADSTS error the emulated authority can give, with Entra's OAuth error code and its message text. Kept in
 * one place so the wording can be checked against real answers, and so every door (error page, redirect, token
 * endpoint, nested-auth bridge) renders the same error the same way.
 */
export interface StsError {
  /** OAuth error code: invalid_request, invalid_grant, consent_required, … */
  error: string;
  /** AADSTS number. */
  code: number;
  message: string;
  /** Entra's `suberror` (token endpoint) that msal reads to tell interaction-required errors apart. */
  suberror?: string;
  /** Entra's `error_subcode` on redirects (e.g. "cancel" when the user backs out of a consent screen). */
  subcode?: string;
}

export function isStsError(value: unknown): value is StsError {
  return typeof value === "object" && value !== null && "error" in value && "code" in value && "message" in value;
}

function sts(error: string, code: number, message: string, extra: Partial<Pick<StsError, "suberror" | "subcode">> = {}): StsError {
  return { error, code, message: `AADSTS${code}: ${message}`, ...extra };
}

export const stsErrors = {
  tenantNotFound: (tenant: string) =>
    sts(
      "invalid_tenant",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  tenantIdentifierInvalid: (tenant: string) =>
    sts("invalid_request", 900023, `Specified tenant identifier '${tenant}' is neither a valid DNS name, nor a valid external domain.`),
  personalAccountsNotSupported: () =>
    sts(
      "invalid_request",
      500200,
      "User account is a personal Microsoft account. Personal Microsoft accounts are not supported for this application unless explicitly invited to an organization. Try signing out and signing back in with an organizational account.",
    ),
  missingParameter: (name: string) => sts("invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  parameterInvalid: (name: string) => sts("invalid_request", 90100, `${name} parameter is empty or not valid.`),
  getNotAllowed: () => sts("invalid_request", 900561, "The endpoint only accepts POST, OPTIONS requests. Received a GET request."),
  appNotFound: (clientId: string, directory: string) =>
    sts(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${directory}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  redirectUriMismatch: (redirectUri: string, clientId: string) =>
    sts(
      "invalid_request",
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    ),
  notMultiTenant: (clientId: string, displayName: string) =>
    sts(
      "invalid_request",
      50194,
      `Application '${clientId}'(${displayName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    ),
  unknownUser: (userId: string, tenantName: string) =>
    sts(
      "invalid_request",
      50034,
      `The user account ${userId} does not exist in the ${tenantName} directory. To sign into this application, the account must be added to the directory.`,
    ),
  userNotInTenant: (username: string, homeTenantId: string, tenantName: string, clientId: string, appName: string) =>
    sts(
      "invalid_request",
      50020,
      `User account '${username}' from identity provider 'https://sts.windows.net/${homeTenantId}/' does not exist in tenant '${tenantName}' and cannot access the application '${clientId}'(${appName}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    ),
  unsupportedResponseType: (responseType: string) =>
    sts("unsupported_response_type", 700054, `response_type '${responseType}' is not enabled for the application.`),
  codeChallengeInvalid: () => sts("invalid_request", 501491, "Invalid size of Code_Challenge parameter."),
  resourceNotFound: (resource: string, tenantName: string) =>
    sts(
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  scopeNotOnResource: (appName: string, scope: string, resourceAppId: string) =>
    sts(
      "invalid_client",
      650053,
      `The application '${appName}' asked for scope '${scope}' that doesn't exist on the resource '${resourceAppId}'. Contact the app vendor.`,
    ),
  resourceNotConfigured: (clientId: string, appName: string, resource: string, resourceAppId: string) =>
    sts(
      "invalid_client",
      650057,
      `Invalid resource. The client has requested access to a resource which isn't listed in the requested permissions in the client's application registration. Client app ID: ${clientId}(${appName}). Resource value from request: ${resource}. Resource app ID: ${resourceAppId}.`,
    ),
  defaultScopeCombined: (scope: string) =>
    sts(
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid. .default scope can't be combined with resource-specific scopes.`,
    ),
  moreThanOneResource: (scope: string) =>
    sts(
      "invalid_scope",
      28000,
      `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
    ),
  emptyScopeForCode: () =>
    sts(
      "invalid_request",
      28003,
      "Provided value for the input parameter scope cannot be empty when requesting an access token using the provided authorization code. Please specify a valid scope.",
    ),
  noUserSignedIn: () =>
    sts(
      "login_required",
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  loginHintMismatch: () =>
    sts(
      "login_required",
      50058,
      "A silent sign-in request was sent but none of the currently signed in user(s) match the requested login hint.",
    ),
  mfaRequired: (resourceAppId: string) =>
    sts(
      "interaction_required",
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resourceAppId}'.`,
    ),
  consentRequired: (clientId: string, appName: string) =>
    sts(
      "consent_required",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
    ),
  /** The user saw "Need admin approval" and chose "Return to the application without granting consent". */
  consentDeclined: () => sts("access_denied", 65004, "User declined to consent to access the app.", { subcode: "cancel" }),
  /** The "Need admin approval" screen's error (the user cannot consent and the tenant requires an administrator). */
  adminConsentRequired: () => sts("access_denied", 90094, "The grant requires admin permission."),
  /** A code issued for a redirect URI of the "Web" platform, redeemed by a browser (an Origin header). */
  crossOriginRedemptionNotSpa: (origin: string) =>
    sts(
      "invalid_request",
      9002326,
      `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    sts("unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`),
  spaRedemptionNotCrossOrigin: () =>
    sts(
      "invalid_request",
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    ),
  pkceRequiredCrossOrigin: () =>
    sts("invalid_request", 9002325, "Proof Key for Code Exchange is required for cross-origin authorization code redemption."),
  codeVerifierMismatch: () =>
    sts("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
  codeInvalid: (why: string) => sts("invalid_grant", 70000, `The provided value for the 'code' parameter is not valid. ${why}`),
  codeRedeemed: () =>
    sts(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  codeExpired: () =>
    sts(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    ),
  codeForOtherTenant: () =>
    sts("invalid_grant", 700005, "Provided Authorization Code is intended to use against other tenant, thus rejected."),
  codeRedirectUriMismatch: (sent: string, original: string) =>
    sts(
      "invalid_grant",
      500112,
      `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`,
    ),
  refreshTokenMalformed: () => sts("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  refreshTokenOtherClient: () =>
    sts("invalid_grant", 70000, "Provided grant is invalid or malformed. The refresh token was issued to a different client."),
  spaRefreshTokenExpired: (issuedAt: string) =>
    sts(
      "invalid_grant",
      700084,
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issuedAt}.`,
    ),
} as const;

/**
 * The token endpoint reports interaction-required conditions as invalid_grant with a suberror msal understands
 * (consent_required, basic_action), where /authorize would redirect with the condition as the error itself.
 */
export function asTokenEndpointError(error: StsError): StsError {
  switch (error.error) {
    case "consent_required":
      return { ...error, error: "invalid_grant", suberror: "consent_required" };
    case "interaction_required":
      return { ...error, error: "invalid_grant", suberror: "basic_action" };
    case "login_required":
      return { ...error, error: "invalid_grant" };
    case "invalid_tenant":
      return { ...error, error: "invalid_request" };
    default:
      return error;
  }
}
