import * as SDK from "azure-devops-extension-sdk";
import type { ProjectsClient } from "../clients/devops/projectsClient";
import type { ILocationService } from "azure-devops-extension-api";
import type { SignInClient } from "../clients/auth/signInTypes";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import type { PipelinePermissionsClient, PipelinesClient, ServiceConnectionsClient } from "../clients/devops/devopsTypes";
import { lazyClient } from "../platform/lazyClient";
import { realClock } from "../platform/clock";
import { CLOUDS, type Cloud } from "../platform/clouds";
import { ProblemError } from "../platform/problem";
import type { HubServices } from "../workflows/hub/hubServices";
import { HttpWaitRelay } from "../workflows/session/httpWaits";
import type { HubSession } from "../workflows/hub/openHub";
import { readSettings, type HubSettings } from "../workflows/settings/settings";
import { popupRedirectUri, popupRelayUri } from "../workflows/settings/settingsSignInSetup";

const LOCATION_SERVICE = "ms.vss-features.location-service";
/** The Core area: its location is the organization's root URL. */
const CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";

/**
 * The composition root: real clients behind the workflows, for the hub running inside Azure DevOps. Clouds offered
 * are those the organization configured a sign-in app for (all of them until one is configured, so the sign-in page
 * can explain what is missing).
 */
let startupReads: Promise<[HubSettings, string]> | undefined;
// The workflows and Azure clients are a chunk of their own, fetched while the start-up reads are under way, so the
// first script is smaller and the hub opens sooner.
const loadServices = () =>
  Promise.all([
    import(/* webpackChunkName: "services" */ "../workflows/hub/hubServices"),
    import(/* webpackChunkName: "services" */ "./azureClients"),
  ]);
let servicesModule: ReturnType<typeof loadServices> | undefined;
const loadDevOpsClients = () =>
  Promise.all([
    import(/* webpackChunkName: "devops-clients" */ "../clients/devops/serviceConnectionsClient"),
    import(/* webpackChunkName: "devops-clients" */ "../clients/devops/pipelinesClient"),
    import(/* webpackChunkName: "devops-clients" */ "../clients/devops/devopsRest"),
  ]);

/** Starts the reads every page needs (settings, the organization's URL) as soon as the handshake is done. */
export function startStartupReads(): void {
  servicesModule ??= loadServices();
  startupReads ??= Promise.all([
    readSettings(extensionDataStore("Default")),
    SDK.getService<ILocationService>(LOCATION_SERVICE).then((location) => location.getResourceAreaLocation(CORE_AREA)),
  ]);
}

export async function createRealServices(session: HubSession): Promise<{ services: HubServices; settings: HubSettings }> {
  startStartupReads();
  const [[settings, organizationUrl], [{ createHubServices }, { azureClients }]] = await Promise.all([startupReads!, servicesModule!]);
  const configured = CLOUDS.filter((c) => settings.signInClientIds[c.id]);
  // Throttling and outage waits of every service show on the step that is running (the Run page says so).
  const httpWaits = new HttpWaitRelay();
  const devops = { onWait: httpWaits.onWait("devops") };
  const services = createHubServices({
    httpWaits,
    session,
    clouds: configured.length > 0 ? configured : CLOUDS,
    clock: realClock,
    // The REST clients are large and not needed for the first render: each loads on its first call.
    connections: lazyClient<ServiceConnectionsClient>(() =>
      loadDevOpsClients().then(([c]) => new c.RestServiceConnectionsClient(c.httpHelperServiceEndpointClient(devops))),
    ),
    pipelinePermissions: lazyClient<PipelinePermissionsClient>(() =>
      loadDevOpsClients().then(([, p, rest]) => new p.RestPipelinePermissionsClient(rest.sdkDevOpsRest(devops))),
    ),
    projects: lazyClient<ProjectsClient>(() =>
      import(/* webpackChunkName: "devops-clients" */ "../clients/devops/projectsClient").then((m) => new m.RestProjectsClient()),
    ),
    pipelines: lazyClient<PipelinesClient>(() =>
      loadDevOpsClients().then(([, p]) => new p.RestPipelinesClient(p.httpHelperBuildClient(devops))),
    ),
    journal: extensionDataStore("User"),
    organizationUrl,
    organizationId: SDK.getHost().id,
    // The dashboard widget reads this index (no secrets: connection, app, end date, when and by whom it was read).
    expiryIndex: { store: extensionDataStore("Default"), reader: { id: SDK.getUser().id, displayName: SDK.getUser().displayName } },
    // Requests to administrators: no secrets, and read back as untrusted (workflows/requests/requestDocument.ts).
    requests: { store: extensionDataStore("Default"), requester: { id: SDK.getUser().id, displayName: SDK.getUser().displayName } },
    createSignIn: (cloud) => createSignIn(cloud, settings),
    azureClients: (signIn, cloud, tenantId) =>
      azureClients(signIn, cloud, tenantId, { clock: realClock, onWait: (info, service) => httpWaits.onWait(service)(info) }),
  });
  return { services, settings };
}

async function createSignIn(cloud: Cloud, settings: HubSettings): Promise<SignInClient> {
  const clientId = settings.signInClientIds[cloud.id];
  if (!clientId) {
    throw new ProblemError({
      title: "Sign-in is not set up for this organization yet.",
      detail:
        `An organization administrator must register the Entra application the hub signs in with (${cloud.displayName}) and ` +
        `enter its client ID in Organization settings > Azure connections.`,
      action:
        "Ask an organization administrator to complete the sign-in setup, or use Bring your own app registration, which needs no sign-in.",
      help: "signInSetup",
    });
  }
  // The sign-in code (and msal-browser within it) is loaded only now, when someone signs in.
  const [{ createSignInClient }, { ARM_SCOPES, GRAPH_SCOPES }] = await Promise.all([
    import(/* webpackChunkName: "sign-in" */ "../clients/auth/createSignInClient"),
    import(/* webpackChunkName: "services" */ "../workflows/session/azureSession"),
  ]);
  return createSignInClient({
    cloud,
    clientId,
    // A single-tenant sign-in app must be signed in to at its own directory (AADSTS50194 at /organizations).
    ...(settings.defaultTenantId ? { defaultTenantId: settings.defaultTenantId } : {}),
    popupRelayUri: popupRelayUri(location.href),
    redirectUri: popupRedirectUri(location.href),
    consent: [
      { resource: cloud.graph.resource, scopes: GRAPH_SCOPES },
      { resource: cloud.arm.resource, scopes: ARM_SCOPES },
    ],
  });
}
