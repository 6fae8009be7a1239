import { channelManager, type IXDMChannel } from "sdk-xdm";
import { createExtensionDataManager } from "./extensionData";
import type { HostConfig } from "./hostConfig";
import { THEMES, type ThemeName } from "./themes";
import { hostWidget, sizeWidgetFrame, type WidgetRecord } from "./widgetHost";

/**
 * The emulated Azure DevOps host page. It loads the hub in a cross-site iframe and answers the extension SDK over
 * its real protocol (XDM over postMessage), using the SDK's own XDM module so every message is shaped exactly as
 * the real host's.
 */

/** Test hooks: end-to-end tests read what the hub asked of the host. */
interface HostRecord {
  loadSucceeded: boolean;
  loadFailed?: string;
  navigations: string[];
  banners: unknown[];
  toasts: unknown[];
  documentTitle?: string;
  theme: ThemeName;
  setTheme(name: ThemeName): void;
  /** In widget mode: what the dashboard passed to the widget and what it answered. */
  widget?: WidgetRecord;
}

declare global {
  interface Window {
    __host: HostRecord;
  }
}

async function loadConfig(): Promise<HostConfig> {
  const response = await fetch("/_emulator/host-config" + location.search);
  if (!response.ok) throw new Error(`The emulator did not return the host configuration (${response.status}).`);
  return (await response.json()) as HostConfig;
}

function devopsAccessToken(config: HostConfig): string {
  return `emulated-devops-token.${config.user.id}`;
}

function registerHostObjects(channel: IXDMChannel, config: HostConfig, record: HostRecord, onLoadSucceeded: () => void): void {
  const registry = channel.getObjectRegistry();
  const hashHandlers: Array<(hash: string) => void> = [];

  registry.register("DevOps.HostControl", {
    initialHandshake: () => ({
      contributionId: config.contributionId,
      context: {
        extension: { ...config.extension, id: `${config.extension.publisherId}.${config.extension.extensionId}` },
        user: { ...config.user, imageUrl: "" },
        host: {
          id: config.organization.id,
          name: config.organization.name,
          serviceVersion: "azure-devops-emulator",
          type: 4,
          isHosted: true,
        },
        pageContext: {
          webContext: { project: config.project, team: { id: config.project.id, name: `${config.project.name} Team` } },
          globalization: {
            culture: "en-US",
            theme: record.theme === "dark" ? "ms.vss-web.vsts-theme-dark" : "ms.vss-web.vsts-theme",
            timeZoneId: "UTC",
            timezoneOffset: 0,
            typeAheadDisabled: false,
          },
        },
      },
      initialConfig: {},
      themeData: THEMES[record.theme],
    }),
    notifyLoadSucceeded: () => {
      record.loadSucceeded = true;
      document.getElementById("host-loading")?.setAttribute("hidden", "");
      onLoadSucceeded();
    },
    notifyLoadFailed: (e: unknown) => {
      record.loadFailed = String((e as { message?: string })?.message ?? e);
    },
    getAccessToken: () => ({ token: devopsAccessToken(config) }),
    getAppToken: () => ({ token: devopsAccessToken(config) }),
    resize: () => undefined,
  });

  const services: Record<string, unknown> = {
    "ms.vss-features.location-service": {
      getResourceAreaLocation: async () => `${config.devopsRoot}${config.organization.name}/`,
      getServiceLocation: async () => `${config.devopsRoot}${config.organization.name}/`,
      routeUrl: async (routeId: string, routeValues?: Record<string, string>) =>
        `${config.devopsRoot}${config.organization.name}/${routeValues?.["project"] ?? config.project.name}/_${routeId}`,
    },
    "ms.vss-tfs-web.tfs-page-data-service": {
      getProject: async () => ({ id: config.project.id, name: config.project.name }),
    },
    "ms.vss-features.extension-data-service": {
      getExtensionDataManager: async (_extensionId: string, token: string) => createExtensionDataManager(config, token),
    },
    "ms.vss-features.host-navigation-service": {
      getHash: async () => location.hash.replace(/^#/, ""),
      setHash: (hash: string) => {
        location.hash = hash;
      },
      replaceHash: (hash: string) => history.replaceState(null, "", `#${hash}`),
      onHashChanged: (callback: (hash: string) => void) => {
        hashHandlers.push(callback);
      },
      getQueryParams: async () => Object.fromEntries(new URLSearchParams(location.search)),
      setQueryParams: () => undefined,
      getPageRoute: async () => ({ id: "ms.vss-admin-web.project-admin-hub-route", routeValues: { project: config.project.name } }),
      getPageNavigationElements: async () => [],
      navigate: (url: string) => {
        record.navigations.push(url);
      },
      openNewWindow: (url: string) => {
        record.navigations.push(url);
        window.open(url, "_blank", "noopener");
      },
      reload: () => location.reload(),
      setDocumentTitle: (title: string) => {
        record.documentTitle = title;
        document.title = `${title} - Azure DevOps (emulated)`;
      },
    },
    "ms.vss-tfs-web.tfs-global-messages-service": {
      addBanner: (banner: { message?: string; level?: number }) => {
        record.banners.push(banner);
        showMessage("host-banner", banner.message ?? "");
      },
      closeBanner: () => showMessage("host-banner", ""),
      addToast: (toast: { message?: string }) => {
        record.toasts.push(toast);
        showMessage("host-toast", toast.message ?? "");
      },
      addDialog: () => undefined,
      closeDialog: () => undefined,
    },
  };
  registry.register("DevOps.ServiceManager", {
    getService: async (id: string) => {
      const service = services[id];
      if (!service) throw new Error(`The emulated host has no service ${id}.`);
      return service;
    },
  });

  if (config.nestedAppAuth) {
    registry.register("DevOps.NestedAppAuth", {
      processRequest: async (requestJson: string) => {
        const response = await fetch(`${config.hostEntraRoot}/_naa/bridge`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: requestJson,
        });
        return await response.text();
      },
    });
  }
  window.addEventListener("hashchange", () => hashHandlers.forEach((h) => h(location.hash.replace(/^#/, ""))));
}

function showMessage(id: string, message: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  element.textContent = message;
  element.hidden = message.length === 0;
}

function applyHostTheme(name: ThemeName): void {
  document.documentElement.dataset["theme"] = name;
}

async function start(): Promise<void> {
  const config = await loadConfig();
  const frame = document.getElementById("hub-frame") as HTMLIFrameElement;
  const hubOrigin = new URL(config.hubUrl).origin;

  const record: HostRecord = {
    loadSucceeded: false,
    navigations: [],
    banners: [],
    toasts: [],
    theme: config.theme,
    setTheme: (name) => {
      record.theme = name;
      applyHostTheme(name);
      // Azure DevOps tells a loaded extension about a theme change through the SDK client's dispatchEvent.
      void channel.invokeRemoteMethod("dispatchEvent", "DevOps.SdkClient", ["themeChanged", { detail: { id: name, data: THEMES[name] } }]);
    },
  };
  window.__host = record;
  applyHostTheme(config.theme);

  const channel = channelManager.addChannel(frame.contentWindow as Window, hubOrigin);
  // Dashboard mode: the page registered a widget object; the dashboard calls it once the page says it loaded.
  const widget = config.widget ? hostWidget(channel, config.widget) : undefined;
  if (widget && config.widget) {
    record.widget = widget.record;
    sizeWidgetFrame(frame, config.widget);
    document.documentElement.dataset["mode"] = "dashboard";
  }
  registerHostObjects(channel, config, record, () => widget?.start());

  // The organization settings hub (settings.html) sits under Organization settings, outside any project.
  const organizationHub = new URL(config.hubUrl, location.href).pathname.endsWith("/settings.html");
  document.getElementById("host-project")!.textContent = organizationHub
    ? `${config.organization.name} / Organization Settings`
    : `${config.organization.name} / ${config.project.name} / ${config.widget ? "Dashboards" : "Project Settings"}`;
  const toggle = document.getElementById("host-theme-toggle") as HTMLButtonElement;
  toggle.addEventListener("click", () => record.setTheme(record.theme === "dark" ? "light" : "dark"));
  frame.src = config.hubUrl;
}

start().catch((error: unknown) => {
  showMessage("host-banner", `The emulated host could not start: ${String((error as Error)?.message ?? error)}`);
});
