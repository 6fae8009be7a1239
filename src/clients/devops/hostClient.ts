import * as SDK from "azure-devops-extension-sdk";
import type { IHostNavigationService, IProjectPageService } from "azure-devops-extension-api";

/** What the hub needs from the Azure DevOps host page, behind an interface so workflows can run with a fake. */
export interface HostClient {
  /** Whether the page is inside a frame at all; outside one, no host can ever answer. */
  isFramed(): boolean;
  /** Handshake with the host; resolves once the host has answered and applied its theme. */
  connect(): Promise<HostIdentity>;
  getProject(): Promise<{ id: string; name: string } | undefined>;
  notifyLoadSucceeded(): Promise<void>;
  notifyLoadFailed(message: string): Promise<void>;
  /**
   * The host page's query parameters (the extension's frame has its own URL; a link's `?connection=` is on the host's),
   * as Azure DevOps' navigation service answers them. Untrusted: anyone can craft the link.
   */
  getQueryParams?(): Promise<Record<string, string>>;
}

export interface HostIdentity {
  organization: string;
  userDisplayName: string;
  extensionId: string;
}

// The page-data service id is a string constant in the api package's const enum, which isolatedModules cannot inline.
const PROJECT_PAGE_SERVICE = "ms.vss-tfs-web.tfs-page-data-service";
const NAVIGATION_SERVICE = "ms.vss-features.host-navigation-service";

export const sdkHostClient: HostClient = {
  isFramed: () => window.parent !== window,
  async connect() {
    await SDK.init({ loaded: false, applyTheme: true });
    return {
      organization: SDK.getHost().name,
      userDisplayName: SDK.getUser().displayName,
      extensionId: SDK.getExtensionContext().id,
    };
  },
  async getProject() {
    const service = await SDK.getService<IProjectPageService>(PROJECT_PAGE_SERVICE);
    const project = await service.getProject();
    return project ? { id: project.id, name: project.name } : undefined;
  },
  async getQueryParams() {
    const navigation = await SDK.getService<IHostNavigationService>(NAVIGATION_SERVICE);
    return navigation.getQueryParams();
  },
  notifyLoadSucceeded: () => SDK.notifyLoadSucceeded(),
  notifyLoadFailed: (message) => SDK.notifyLoadFailed(message),
};
