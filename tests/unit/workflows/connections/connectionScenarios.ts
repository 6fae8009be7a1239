/**
 * Connections that exist before the Connections tab opens, seeded straight into Azure in a box the way someone
 * else would have made them (an administrator in the portal, another tool, another project): an app registration made
 * by `addExistingApp`, and an azurerm service connection in `state.devops.serviceEndpoints` that uses it. Shared by the
 * workflow tests, the tab's end-to-end tests and the inventory benchmark (no DOM, no api package).
 */
import { guidFrom, hashSecret } from "../../../../emulator/model/core/ids";
import { addExistingApp } from "../../../../emulator/model/scenarios";
import { SEED, subscriptionIdAt } from "../../../../emulator/model/seed";
import type { Application, ServiceEndpoint } from "../../../../emulator/model/state";
import { federationIssuer, federationSubject, FEDERATION_AUDIENCE } from "../../../../emulator/model/devops/workloadIdentity";
import type { World } from "../../../../emulator/model/world";
import type { AzureInABox } from "../../../../emulator/model/azureInABox";

export interface ExistingConnectionOptions {
  name: string;
  /** The secret's text (stored as hashes in both the app and the connection). */
  secret?: string;
  /** Days until the app's secret expires (negative: expired that many days ago). */
  secretDays?: number;
  /** Subscription index of the scope (Reader there), 0 by default. */
  subscriptionIndex?: number;
  /** Workload identity federation instead of a secret: a federated credential on the app matches the connection. */
  federated?: boolean;
  /** Also shared with the seed's other project. */
  sharedWithOtherProject?: boolean;
  /** The app lives in the other tenant (Fabrikam), so a Contoso sign-in cannot read it. */
  appInOtherTenant?: boolean;
  /** Tags on the app (for apps that look like the extension's). */
  tags?: string[];
  /** Owner of the app (the administrator by default). */
  ownerId?: string;
  /** Skip the Reader role at the scope. */
  noRole?: boolean;
}

export interface SeededConnection {
  endpoint: ServiceEndpoint;
  app: Application;
  keyId: string;
  principalId: string;
  secret: string;
}

const DAY_MS = 86_400_000;

export function addExistingConnection(world: World, options: ExistingConnectionOptions): SeededConnection {
  const secret = options.secret ?? `Existing~${options.name}~Secret-0123456789`;
  const scope = `/subscriptions/${subscriptionIdAt(options.subscriptionIndex ?? 0)}`;
  const { app, principal, keyId } = addExistingApp(world, {
    displayName: `${options.name}-app`,
    secret,
    ...(options.secretDays !== undefined ? { secretDays: options.secretDays } : {}),
    ...(options.noRole ? {} : { roleScope: scope }),
    ...(options.tags ? { tags: options.tags } : {}),
    ...(options.ownerId ? { ownerId: options.ownerId } : {}),
  });
  if (options.secretDays !== undefined && options.secretDays < 0) {
    // addExistingApp starts secrets now; an expired one started well before it ended.
    const credential = app.passwordCredentials[0]!;
    credential.startDateTime = new Date(Date.parse(credential.endDateTime) - 365 * DAY_MS).toISOString();
  }
  if (options.appInOtherTenant) app.tenantId = SEED.otherTenantId;
  const state = world.state;
  const projects = [SEED.project, ...(options.sharedWithOtherProject ? [SEED.otherProject] : [])];
  const id = world.ids.guid();
  const federated = options.federated === true;
  const endpoint: ServiceEndpoint = {
    id,
    name: options.name,
    type: "azurerm",
    url: "https://management.azure.com/",
    description: "",
    owner: "library",
    isShared: projects.length > 1,
    isReady: true,
    data: {
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      subscriptionId: subscriptionIdAt(options.subscriptionIndex ?? 0),
      subscriptionName: options.subscriptionIndex === 1 ? "Contoso Development" : "Contoso Production",
      creationMode: "Manual",
    },
    authorization: federated
      ? {
          scheme: "WorkloadIdentityFederation",
          parameters: {
            tenantid: SEED.tenantId,
            serviceprincipalid: app.appId,
            workloadIdentityFederationIssuer: federationIssuer(state),
            workloadIdentityFederationSubject: federationSubject(state, SEED.project.name, options.name),
          },
        }
      : {
          scheme: "ServicePrincipal",
          parameters: { tenantid: SEED.tenantId, serviceprincipalid: app.appId, authenticationType: "spnKey" },
        },
    ...(federated ? {} : { secretHash: hashSecret(secret) }),
    serviceEndpointProjectReferences: projects.map((p) => ({
      projectReference: { id: p.id, name: p.name },
      name: options.name,
      description: "",
    })),
    createdBy: { id: state.devops.user.id, displayName: state.devops.user.displayName },
    operationStatus: { state: "Ready", statusMessage: "" },
  };
  if (federated) {
    app.passwordCredentials.length = 0;
    app.federatedIdentityCredentials.push({
      id: guidFrom(`fic:${id}`),
      name: `existing-${id}`,
      issuer: federationIssuer(state),
      subject: federationSubject(state, SEED.project.name, options.name),
      audiences: [FEDERATION_AUDIENCE],
      description: null,
    });
  }
  state.devops.serviceEndpoints.push(endpoint);
  return { endpoint, app, keyId, principalId: principal.id, secret };
}

/** Many connections at once (benchmarks): each with its own app and a secret expiring on a spread of days. */
export function addManyConnections(world: World, count: number): void {
  for (let i = 0; i < count; i++) {
    addExistingConnection(world, { name: `bulk-${String(i).padStart(4, "0")}`, secretDays: (i % 120) - 10, noRole: true });
  }
}

/** "Verify" of a saved connection, asked of the model directly (as Azure DevOps' Verify button does): its verdict. */
export async function testConnectionInModel(
  model: Pick<AzureInABox, "handleService">,
  endpointId: string,
): Promise<{ statusCode: number; errorMessage: string }> {
  const answer = await model.handleService({
    method: "POST",
    service: "devops",
    baseUrl: "https://dev.azure.com",
    path: `/${SEED.devopsOrganization}/${SEED.project.id}/_apis/serviceendpoint/endpointproxy`,
    query: new URLSearchParams({ endpointId }),
    headers: {
      authorization: "Bearer test-verify",
      accept: "application/json;api-version=7.1;enumsAsNumbers=true",
      "content-type": "application/json",
    },
    bodyText: JSON.stringify({ dataSourceDetails: { dataSourceName: "TestConnection" }, resultTransformationDetails: {} }),
  });
  return answer.body as { statusCode: number; errorMessage: string };
}
