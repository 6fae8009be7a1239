import * as SDK from "azure-devops-extension-sdk";
import type { IHostNavigationService, ILocationService } from "azure-devops-extension-api";
import { extensionDataStore } from "../clients/devops/extensionDataStore";
import type { ServiceConnectionsClient } from "../clients/devops/devopsTypes";
import { lazyClient } from "../platform/lazyClient";
import { isGuid } from "../workflows/expiry/expiryIndex";
import type { WidgetDataPorts } from "../workflows/expiry/widgetData";
import { HUB_CONTRIBUTION, hubConnectionUrl } from "../workflows/hub/hubLink";

/**
 * The widget's composition root: what it needs from the dashboard host and from Azure DevOps, with the viewer's own
 * token (the SDK's). No Azure sign-in: the widget never talks to Entra, Graph or ARM.
 */
const LOCATION_SERVICE = "ms.vss-features.location-service";
const NAVIGATION_SERVICE = "ms.vss-features.host-navigation-service";
/** The Core area: its location is the organization's root URL. */
const CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";
export { HUB_CONTRIBUTION };
/** The widget's and its configuration's contribution ids (vss-extension.json). */
export const WIDGET_CONTRIBUTION = "expiring-secrets-widget";
export const WIDGET_CONFIGURATION_CONTRIBUTION = "expiring-secrets-widget-configuration";

export interface WidgetContext {
  project: { id: string; name: string };
  ports: WidgetDataPorts;
  hubUrl: (connectionId?: string) => string | undefined;
  open: (url: string) => void;
}

/**
 * Registers the widget's object under its relative and its full contribution id (hosts look it up by one or the
 * other), then tells the host the page is ready so it calls `load`.
 */
export async function startWidgetPage(relativeId: string, instance: object): Promise<void> {
  SDK.register(relativeId, instance);
  await SDK.init({ loaded: false, applyTheme: true });
  const full = SDK.getContributionId();
  if (full && full !== relativeId) SDK.register(full, instance);
  await SDK.notifyLoadSucceeded();
}

/** The hub's address in Project Settings, with `?connection=` naming the connection to open (workflows/hub/hubLink.ts). */
export const hubAddress = hubConnectionUrl;

export async function widgetContext(): Promise<WidgetContext> {
  // A host may call `load` on the relatively registered object before the handshake has finished.
  await SDK.ready();
  const web = SDK.getWebContext();
  const project = web.project;
  if (!project?.id || !isGuid(project.id)) throw new Error("Azure DevOps did not say which project this dashboard belongs to.");
  const [organizationUrl, navigation] = await Promise.all([
    SDK.getService<ILocationService>(LOCATION_SERVICE).then((l) => l.getResourceAreaLocation(CORE_AREA)),
    SDK.getService<IHostNavigationService>(NAVIGATION_SERVICE),
  ]);
  const extensionId = SDK.getExtensionContext().id;
  return {
    project: { id: project.id, name: project.name },
    ports: {
      connections: lazyClient<ServiceConnectionsClient>(() =>
        import(/* webpackChunkName: "devops-clients" */ "../clients/devops/serviceConnectionsClient").then(
          (m) => new m.RestServiceConnectionsClient(),
        ),
      ),
      index: extensionDataStore("Default"),
    },
    hubUrl: (connectionId) => hubAddress(organizationUrl, project.name, extensionId, connectionId),
    open: (url) => navigation.navigate(url),
  };
}
