import type { HttpClient } from "../../platform/http/httpClient";
import { isServiceError } from "../../platform/http/serviceError";
import { APP_READ_SELECT, MAX_BATCH_REQUESTS, OWNERS_EXPAND, readApplicationsInBatches } from "./graphBatchReads";
import type {
  ApplicationRead,
  ApplicationWithOwners,
  FederatedCredentialInfo,
  GraphApplication,
  GraphBatchRequest,
  GraphBatchResponse,
  GraphServicePrincipal,
  GraphUser,
  NewApplication,
  NewPassword,
} from "./graphTypes";

const APP_SELECT = "id,appId,displayName,signInAudience,notes,tags,passwordCredentials";

export { MAX_BATCH_REQUESTS } from "./graphBatchReads";

/** A path segment from data (an object id): encoded, so no id can change the route. */
const id = (value: string) => encodeURIComponent(value);
/** OData string literal: single quotes doubled. */
const odata = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** Thin, typed Microsoft Graph v1.0 calls. No retries of its own beyond the HTTP helper's, no business rules. */
export class GraphClient {
  constructor(private readonly http: HttpClient) {}

  async me(): Promise<GraphUser> {
    return (
      await this.http.send<GraphUser>({ method: "GET", path: "/v1.0/me", query: { $select: "id,displayName,userPrincipalName,userType" } })
    ).body;
  }

  /** A user by UPN or object id; undefined when there is no such user. */
  async findUser(idOrUpn: string): Promise<GraphUser | undefined> {
    try {
      return (
        await this.http.send<GraphUser>({
          method: "GET",
          path: `/v1.0/users/${encodeURIComponent(idOrUpn)}`,
          query: { $select: "id,displayName,userPrincipalName,userType" },
        })
      ).body;
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * Whether the signed-in user may register applications, when Graph lets them read it: from the tenant's
   * authorization policy, or from holding a directory role that allows it. Undefined when it cannot be read.
   */
  async canRegisterApplications(): Promise<boolean | undefined> {
    try {
      const policy = await this.http.send<{ defaultUserRolePermissions?: { allowedToCreateApps?: boolean } }>({
        method: "GET",
        path: "/v1.0/policies/authorizationPolicy",
      });
      const allowed = policy.body.defaultUserRolePermissions?.allowedToCreateApps;
      return allowed === true ? true : undefined;
    } catch (error) {
      if (isServiceError(error) && (error.status === 403 || error.status === 404)) return undefined;
      throw error;
    }
  }

  async createApplication(app: NewApplication): Promise<GraphApplication> {
    return (await this.http.send<GraphApplication>({ method: "POST", path: "/v1.0/applications", body: app })).body;
  }

  /** Apps carrying a tag; how a run whose answer was lost finds the app it created. */
  async findApplicationsByTag(tag: string): Promise<GraphApplication[]> {
    const answer = await this.http.send<{ value: GraphApplication[] }>({
      method: "GET",
      path: "/v1.0/applications",
      query: { $filter: `tags/any(t:t eq ${odata(tag)})`, $select: APP_SELECT },
    });
    return answer.body.value;
  }

  async getApplicationByAppId(appId: string): Promise<GraphApplication | undefined> {
    try {
      return (
        await this.http.send<GraphApplication>({
          method: "GET",
          path: `/v1.0/applications(appId=${odata(appId)})`,
          query: { $select: `${APP_SELECT},federatedIdentityCredentials` },
        })
      ).body;
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return undefined;
      throw error;
    }
  }

  async updateApplication(objectId: string, patch: Partial<Pick<GraphApplication, "notes" | "tags" | "displayName">>): Promise<void> {
    await this.http.send({ method: "PATCH", path: `/v1.0/applications/${id(objectId)}`, body: patch });
  }

  /** Deletes the app (Entra keeps it soft-deleted for 30 days); an app already gone counts as deleted. */
  async deleteApplication(objectId: string): Promise<void> {
    try {
      await this.http.send({ method: "DELETE", path: `/v1.0/applications/${id(objectId)}` });
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return;
      throw error;
    }
  }

  /**
   * Removes a deleted app from Entra's deleted items for good (DELETE /directory/deletedItems/{id}); until then it
   * counts toward a non-admin's quota of 250 directory objects. One already gone counts as removed.
   */
  async permanentlyDeleteApplication(objectId: string): Promise<void> {
    try {
      await this.http.send({ method: "DELETE", path: `/v1.0/directory/deletedItems/${id(objectId)}` });
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return;
      throw error;
    }
  }

  async addOwner(applicationId: string, userId: string): Promise<void> {
    try {
      // The reference names the cloud's own Graph host: Graph in Azure Government or China refuses a public-cloud URL.
      const reference = this.http.url(`/v1.0/directoryObjects/${encodeURIComponent(userId)}`);
      await this.http.send({
        method: "POST",
        path: `/v1.0/applications/${id(applicationId)}/owners/$ref`,
        body: { "@odata.id": reference },
        idempotent: true,
      });
    } catch (error) {
      // Already an owner: the goal is reached.
      if (isServiceError(error) && error.status === 400 && /already exist/i.test(error.message)) return;
      throw error;
    }
  }

  async listOwners(applicationId: string): Promise<GraphUser[]> {
    return (await this.http.send<{ value: GraphUser[] }>({ method: "GET", path: `/v1.0/applications/${id(applicationId)}/owners` })).body
      .value;
  }

  async addPassword(applicationId: string, displayName: string, endDateTime: string): Promise<NewPassword> {
    const answer = await this.http.send<NewPassword>({
      method: "POST",
      path: `/v1.0/applications/${id(applicationId)}/addPassword`,
      body: { passwordCredential: { displayName, endDateTime } },
    });
    return answer.body;
  }

  /** Removes a secret; one already gone counts as removed. */
  async removePassword(applicationId: string, keyId: string): Promise<void> {
    try {
      await this.http.send({
        method: "POST",
        path: `/v1.0/applications/${id(applicationId)}/removePassword`,
        body: { keyId },
        idempotent: true,
      });
    } catch (error) {
      if (isServiceError(error) && (error.status === 404 || /No password credential found/i.test(error.message))) return;
      throw error;
    }
  }

  async createServicePrincipal(appId: string): Promise<GraphServicePrincipal> {
    return (await this.http.send<GraphServicePrincipal>({ method: "POST", path: "/v1.0/servicePrincipals", body: { appId } })).body;
  }

  async findServicePrincipal(appId: string): Promise<GraphServicePrincipal | undefined> {
    const answer = await this.http.send<{ value: GraphServicePrincipal[] }>({
      method: "GET",
      path: "/v1.0/servicePrincipals",
      query: { $filter: `appId eq ${odata(appId)}`, $select: "id,appId,displayName" },
    });
    return answer.body.value[0];
  }

  async addFederatedCredential(applicationId: string, credential: Omit<FederatedCredentialInfo, "id">): Promise<FederatedCredentialInfo> {
    return (
      await this.http.send<FederatedCredentialInfo>({
        method: "POST",
        path: `/v1.0/applications/${id(applicationId)}/federatedIdentityCredentials`,
        body: credential,
      })
    ).body;
  }

  /** The app's federated identity credentials (a relationship: read by its own path). */
  async listFederatedCredentials(applicationId: string): Promise<FederatedCredentialInfo[]> {
    return (
      await this.http.send<{ value: FederatedCredentialInfo[] }>({
        method: "GET",
        path: `/v1.0/applications/${id(applicationId)}/federatedIdentityCredentials`,
      })
    ).body.value;
  }

  /** Deletes a federated credential; one already gone counts as deleted. */
  async deleteFederatedCredential(applicationId: string, credentialId: string): Promise<void> {
    try {
      await this.http.send({
        method: "DELETE",
        path: `/v1.0/applications/${id(applicationId)}/federatedIdentityCredentials/${id(credentialId)}`,
      });
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return;
      throw error;
    }
  }

  /** One app by client id with its secrets, markers and owners; undefined when this directory has no such app. */
  async readApplication(appId: string): Promise<ApplicationWithOwners | undefined> {
    try {
      return (
        await this.http.send<ApplicationWithOwners>({
          method: "GET",
          path: `/v1.0/applications(appId=${odata(appId)})`,
          query: { $select: APP_READ_SELECT, $expand: OWNERS_EXPAND },
        })
      ).body;
    } catch (error) {
      if (isServiceError(error) && error.status === 404) return undefined;
      throw error;
    }
  }

  /**
   * POST /$batch: up to 20 requests in one call; the answers come back in the order of the requests. A batch of reads
   * is safe to send twice, so the HTTP helper may retry it whole.
   */
  async batch(requests: GraphBatchRequest[], signal?: AbortSignal): Promise<GraphBatchResponse[]> {
    if (requests.length === 0) return [];
    if (requests.length > MAX_BATCH_REQUESTS)
      throw new RangeError(`A Graph batch holds at most ${MAX_BATCH_REQUESTS} requests (${requests.length} given).`);
    const answer = await this.http.send<{ responses?: GraphBatchResponse[] }>({
      method: "POST",
      path: "/v1.0/$batch",
      body: { requests },
      idempotent: requests.every((r) => r.method === "GET"),
      ...(signal ? { signal } : {}),
    });
    const byId = new Map((answer.body.responses ?? []).map((r) => [r.id.toLowerCase(), r]));
    return requests.map((r) => byId.get(r.id.toLowerCase()) ?? { id: r.id, status: 0, headers: {} });
  }

  /**
   * Reads many apps by client id (the inventory), 20 per batch, a few batches at a time, throttled parts asked again
   * (graphBatchReads.ts). Keys are the client ids in lower case.
   */
  readApplicationsByAppId(
    appIds: readonly string[],
    options: { sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
  ): Promise<Map<string, ApplicationRead>> {
    return readApplicationsInBatches(this, appIds, options);
  }
}
