import type { Application, FederatedIdentityCredential, PasswordCredential, ServicePrincipal, Tenant, User } from "../state";
import type { Resource } from "./odataQuery";

/**
 * Wire shapes of the Graph resources, following the v1.0 reference examples (application-post-applications.md,
 * serviceprincipal-post-serviceprincipals.md, …). Properties the model does not keep answer with the value a new
 * object has in a real tenant (null, [] or the documented default), so every documented property is present.
 */

/** Graph writes instants with seven fractional digits, or none when the value is whole seconds. */
export function graphDateTime(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, 19)}Z` : `${iso.slice(0, 23)}0000Z`;
}

const INFO = (): Resource => ({ termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null });
const VERIFIED_PUBLISHER = (): Resource => ({ displayName: null, verifiedPublisherId: null, addedDateTime: null });

/** Personal-account audiences get v2 access tokens by default; the others leave the version unset. */
function requestedAccessTokenVersion(signInAudience: string): number | null {
  return signInAudience === "AzureADandPersonalMicrosoftAccount" || signInAudience === "PersonalMicrosoftAccount" ? 2 : null;
}

/** A stored secret as any read shows it: never the secret text. */
export function passwordCredentialResource(p: PasswordCredential): Resource {
  return {
    customKeyIdentifier: null,
    displayName: p.displayName,
    endDateTime: p.endDateTime,
    hint: p.hint,
    keyId: p.keyId,
    secretText: null,
    startDateTime: p.startDateTime,
  };
}

export function federatedCredentialResource(f: FederatedIdentityCredential): Resource {
  return { id: f.id, name: f.name, issuer: f.issuer, subject: f.subject, description: f.description, audiences: [...f.audiences] };
}

export function applicationResource(app: Application, tenant: Tenant): Resource {
  return {
    id: app.id,
    deletedDateTime: null,
    appId: app.appId,
    applicationTemplateId: null,
    disabledByMicrosoftStatus: null,
    createdDateTime: app.createdDateTime,
    displayName: app.displayName,
    description: null,
    groupMembershipClaims: null,
    identifierUris: [],
    isDeviceOnlyAuthSupported: null,
    isFallbackPublicClient: null,
    nativeAuthenticationApisEnabled: null,
    notes: app.notes,
    publisherDomain: tenant.defaultDomain,
    serviceManagementReference: null,
    signInAudience: app.signInAudience,
    tags: [...app.tags],
    tokenEncryptionKeyId: null,
    uniqueName: null,
    samlMetadataUrl: null,
    defaultRedirectUri: null,
    certification: null,
    optionalClaims: null,
    servicePrincipalLockConfiguration: null,
    requestSignatureVerification: null,
    addIns: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      requestedAccessTokenVersion: requestedAccessTokenVersion(app.signInAudience),
      oauth2PermissionScopes: [],
      preAuthorizedApplications: [],
    },
    appRoles: [],
    info: INFO(),
    keyCredentials: [],
    parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: "Allow" },
    passwordCredentials: app.passwordCredentials.map(passwordCredentialResource),
    publicClient: { redirectUris: [] },
    requiredResourceAccess: [],
    verifiedPublisher: VERIFIED_PUBLISHER(),
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      redirectUriSettings: [],
    },
    spa: { redirectUris: [] },
  };
}

export function servicePrincipalResource(sp: ServicePrincipal, app: Application | undefined, tenant: Tenant): Resource {
  return {
    id: sp.id,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: app?.displayName ?? sp.displayName,
    appDescription: null,
    appId: sp.appId,
    applicationTemplateId: null,
    appOwnerOrganizationId: sp.tenantId,
    appRoleAssignmentRequired: false,
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: sp.displayName,
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    publisherName: tenant.displayName,
    replyUrls: [],
    samlSingleSignOnSettings: null,
    servicePrincipalNames: [sp.appId],
    servicePrincipalType: sp.servicePrincipalType,
    signInAudience: app?.signInAudience ?? "AzureADMyOrg",
    tags: [],
    tokenEncryptionKeyId: null,
    verifiedPublisher: VERIFIED_PUBLISHER(),
    addIns: [],
    appRoles: [],
    info: INFO(),
    keyCredentials: [],
    oauth2PermissionScopes: [],
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
  };
}

/** Every user property the model can answer; GET /me without $select answers USER_DEFAULT_PROPERTIES. */
export function userResource(user: User): Resource {
  const member = user.userType === "Member";
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: null,
    jobTitle: null,
    mail: member ? user.userPrincipalName : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: true,
    userType: user.userType,
  };
}

export const USER_DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

/** A user as it appears in a directoryObject collection (owners). */
export function directoryObjectUser(user: User): Resource {
  return { "@odata.type": "#microsoft.graph.user", ...userResource(user) };
}

export function organizationResource(tenant: Tenant): Resource {
  return {
    id: tenant.id,
    deletedDateTime: null,
    businessPhones: [],
    city: null,
    country: null,
    countryLetterCode: "US",
    createdDateTime: "2020-01-01T00:00:00Z",
    defaultUsageLocation: null,
    displayName: tenant.displayName,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    postalCode: null,
    preferredLanguage: "en",
    privacyProfile: null,
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: null,
    street: null,
    technicalNotificationMails: [],
    tenantType: "AAD",
    assignedPlans: [],
    provisionedPlans: [],
    verifiedDomains: [
      {
        capabilities: "Email, OfficeCommunicationsOnlineLync",
        isDefault: true,
        isInitial: true,
        name: tenant.defaultDomain,
        type: "Managed",
      },
    ],
  };
}

// Property lists for $select, read off the shapes above so they cannot drift apart. The placeholders are asserted
// rather than declared so that a field added to the state later does not break this file.
const PLACEHOLDER_TENANT = {
  id: "",
  displayName: "",
  defaultDomain: "",
  usersCanRegisterApps: false,
  secretPolicy: {},
  adminConsentedClientIds: [],
} as Tenant;
const PLACEHOLDER_APP = {
  id: "",
  appId: "",
  tenantId: "",
  displayName: "",
  signInAudience: "",
  notes: null,
  tags: [],
  createdDateTime: "",
  ownerIds: [],
  passwordCredentials: [],
  federatedIdentityCredentials: [],
  pendingServicePrincipalCalls: 0,
} as Application;
const PLACEHOLDER_SP = {
  id: "",
  appId: "",
  tenantId: "",
  displayName: "",
  servicePrincipalType: "Application",
  createdDateTime: "",
  pendingRoleAssignmentCalls: 0,
} as ServicePrincipal;
const PLACEHOLDER_USER = {
  id: "",
  tenantId: "",
  userPrincipalName: "",
  displayName: "",
  userType: "Member",
  directoryRoles: [],
  mfa: false,
  createdObjectCount: 0,
} as User;

export const APPLICATION_PROPERTIES: readonly string[] = Object.keys(applicationResource(PLACEHOLDER_APP, PLACEHOLDER_TENANT));
export const SERVICE_PRINCIPAL_PROPERTIES: readonly string[] = Object.keys(
  servicePrincipalResource(PLACEHOLDER_SP, undefined, PLACEHOLDER_TENANT),
);
export const USER_PROPERTIES: readonly string[] = Object.keys(userResource(PLACEHOLDER_USER));
export const ORGANIZATION_PROPERTIES: readonly string[] = Object.keys(organizationResource(PLACEHOLDER_TENANT));
export const FEDERATED_CREDENTIAL_PROPERTIES: readonly string[] = ["id", "name", "issuer", "subject", "description", "audiences"];
