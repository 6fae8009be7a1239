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
  description?: string;
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

/** An owner of an app, as `$expand=owners($select=…)` answers it (users, or a service principal that owns the app). */
export interface DirectoryOwner {
  id: string;
  "@odata.type"?: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
}

export interface ApplicationWithOwners extends GraphApplication {
  owners?: DirectoryOwner[];
}

/** One request of a JSON batch (CONTRACTS.md §3): a URL relative to the version root. */
export interface GraphBatchRequest {
  id: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphBatchResponse {
  id: string;
  /** 0 when the batch answered nothing for this request. */
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** What reading one app by its client id gave: the app, or why not (not in this directory, not allowed, a failure). */
export type ApplicationRead =
  | { status: "found"; app: ApplicationWithOwners }
  | { status: "notFound" | "denied" | "failed"; httpStatus: number; code: string; message: string };
