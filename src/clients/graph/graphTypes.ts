/** The Graph v1.0 shapes the hub reads and writes (CONTRACTS.md §3). */
export interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  userType?: string;
}

export interface PasswordCredentialInfo {
  keyId: string;
  displayName: string | null;
  hint?: string | null;
  startDateTime: string;
  endDateTime: string;
}

export interface FederatedCredentialInfo {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface GraphApplication {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  notes?: string | null;
  tags?: string[];
  passwordCredentials?: PasswordCredentialInfo[];
  federatedIdentityCredentials?: FederatedCredentialInfo[];
}

export interface NewApplication {
  displayName: string;
  signInAudience: "AzureADMyOrg" | "AzureADMultipleOrgs";
  notes: string;
  tags: string[];
}

/** What addPassword returns; `secretText` exists only in this answer. */
export interface NewPassword {
  keyId: string;
  secretText: string;
  endDateTime: string;
  hint?: string;
}

export interface GraphServicePrincipal {
  id: string;
  appId: string;
  displayName?: string;
}
