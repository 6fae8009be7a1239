/**
 * The one cloud table. It drives the sign-in authority, the Graph and ARM hosts the hub calls, the token scopes it
 * asks for, and the `environment`/`url` written into the service connection (CONTRACTS.md §2.2 and §5).
 */
export type CloudEnvironment = "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud";

export interface Cloud {
  /** Stable key, also the Azure DevOps `data.environment` for the real clouds. */
  id: CloudEnvironment | "Emulator";
  displayName: string;
  /** Entra authority host, no trailing slash. */
  authority: string;
  /** Graph endpoint the hub calls, and the resource identifier tokens are asked for. */
  graph: { endpoint: string; resource: string };
  /** ARM endpoint the hub calls, and the resource identifier tokens are asked for. */
  arm: { endpoint: string; resource: string };
  /** What the service connection records: its environment and management URL (trailing slash kept on purpose). */
  connection: { environment: CloudEnvironment; url: string };
  /** Where a person manages app registrations in this cloud. */
  entraAdminCenter: string;
  /**
   * Whether Azure DevOps service connections can use workload identity federation with this cloud's Entra. Public
   * cloud: Learn "Connect to Azure with an Azure Resource Manager service connection". Sovereign clouds: [unconfirmed];
   * Azure Government is listed as supported, Azure operated by 21Vianet is not, so it gets the secret path.
   */
  supportsFederation: boolean;
}

export const AZURE_CLOUD: Cloud = {
  id: "AzureCloud",
  displayName: "Azure",
  authority: "https://login.microsoftonline.com",
  graph: { endpoint: "https://graph.microsoft.com", resource: "https://graph.microsoft.com" },
  arm: { endpoint: "https://management.azure.com", resource: "https://management.azure.com" },
  connection: { environment: "AzureCloud", url: "https://management.azure.com/" },
  entraAdminCenter: "https://entra.microsoft.com",
  supportsFederation: true,
};

export const AZURE_US_GOVERNMENT: Cloud = {
  id: "AzureUSGovernment",
  displayName: "Azure Government",
  authority: "https://login.microsoftonline.us",
  graph: { endpoint: "https://graph.microsoft.us", resource: "https://graph.microsoft.us" },
  arm: { endpoint: "https://management.usgovcloudapi.net", resource: "https://management.usgovcloudapi.net" },
  connection: { environment: "AzureUSGovernment", url: "https://management.usgovcloudapi.net/" },
  entraAdminCenter: "https://entra.microsoft.us",
  supportsFederation: true,
};

export const AZURE_CHINA_CLOUD: Cloud = {
  id: "AzureChinaCloud",
  displayName: "Azure operated by 21Vianet",
  authority: "https://login.chinacloudapi.cn",
  graph: { endpoint: "https://microsoftgraph.chinacloudapi.cn", resource: "https://microsoftgraph.chinacloudapi.cn" },
  arm: { endpoint: "https://management.chinacloudapi.cn", resource: "https://management.chinacloudapi.cn" },
  connection: { environment: "AzureChinaCloud", url: "https://management.chinacloudapi.cn/" },
  entraAdminCenter: "https://entra.microsoftonline.cn",
  supportsFederation: false,
};

/**
 * The local emulator of `npm start`. Its hosts are the emulator server's, but tokens are asked for the public cloud's
 * resource identifiers so the emulated Entra mints them exactly as the real one would. Only the development build
 * contains it: `__EMULATOR__` is false in production, so this entry and its origin are compiled out.
 */
function emulatorCloud(origin: string): Cloud {
  return {
    id: "Emulator",
    displayName: "Emulator (npm start)",
    authority: `${origin}/entra`,
    graph: { endpoint: `${origin}/graph`, resource: AZURE_CLOUD.graph.resource },
    arm: { endpoint: `${origin}/arm`, resource: AZURE_CLOUD.arm.resource },
    connection: { environment: "AzureCloud", url: `${origin}/arm/` },
    entraAdminCenter: `${origin}/_emulator/state`,
    supportsFederation: true,
  };
}

export const CLOUDS: readonly Cloud[] = __EMULATOR__
  ? [emulatorCloud(__EMULATOR_ORIGIN__), AZURE_CLOUD, AZURE_US_GOVERNMENT, AZURE_CHINA_CLOUD]
  : [AZURE_CLOUD, AZURE_US_GOVERNMENT, AZURE_CHINA_CLOUD];

export function cloudById(id: string): Cloud | undefined {
  return CLOUDS.find((cloud) => cloud.id === id);
}

/** Whether a URL belongs to one of this build's clouds; tokens are never sent anywhere else. */
export function isCloudUrl(url: string): boolean {
  const origin = new URL(url).origin;
  return CLOUDS.some((c) => [c.authority, c.graph.endpoint, c.arm.endpoint].some((root) => new URL(root).origin === origin));
}
