import { execFileSync } from "node:child_process";

/**
 * Live mode's configuration: a real tenant, subscription and Azure DevOps organization, from the environment. Tokens
 * are given directly or taken from the Azure CLI (`az account get-access-token`), one per service.
 */
export const LIVE_ENV = {
  tenantId: "AZCONN_LIVE_TENANT_ID",
  subscriptionId: "AZCONN_LIVE_SUBSCRIPTION_ID",
  organizationUrl: "AZCONN_LIVE_ORGANIZATION_URL",
  project: "AZCONN_LIVE_PROJECT",
  graphToken: "AZCONN_LIVE_GRAPH_TOKEN",
  armToken: "AZCONN_LIVE_ARM_TOKEN",
  devopsToken: "AZCONN_LIVE_DEVOPS_TOKEN",
} as const;

/** Azure DevOps' first-party resource id: what `az account get-access-token --resource` asks for its tokens. */
const DEVOPS_RESOURCE = "499b84ac-1321-427f-aa17-267ca6975798";

export interface LiveTokens {
  graph: string;
  arm: string;
  devops: string;
}

export interface LiveConfig {
  tenantId: string;
  subscriptionId: string;
  /** The organization's root, with a trailing slash (https://dev.azure.com/{organization}/). */
  organizationUrl: string;
  organization: string;
  project: string;
  tokens: LiveTokens;
}

export type LiveConfigResult = { configured: true; config: LiveConfig } | { configured: false; missing: string[] };

type Env = Record<string, string | undefined>;
/** Runs `az`; a test passes its own. */
export type AzCli = (args: string[]) => string;

const realAz: AzCli = (args) => execFileSync("az", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 }).trim();

function tokenFrom(env: Env, key: string, resource: string, tenantId: string, az: AzCli): string {
  const given = env[key]?.trim();
  if (given) return given;
  try {
    return az(["account", "get-access-token", "--resource", resource, "--tenant", tenantId, "--query", "accessToken", "-o", "tsv"]);
  } catch (error) {
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(`No token for ${resource}: set ${key}, or sign in with "az login --tenant ${tenantId}" (${why}).`, { cause: error });
  }
}

/** Reads the configuration; says what is missing rather than failing, so an unconfigured run can skip in one line. */
export function readLiveConfig(env: Env = process.env, az: AzCli = realAz): LiveConfigResult {
  const required = [LIVE_ENV.tenantId, LIVE_ENV.subscriptionId, LIVE_ENV.organizationUrl, LIVE_ENV.project];
  const missing = required.filter((key) => !env[key]?.trim());
  if (missing.length > 0) return { configured: false, missing };
  const tenantId = env[LIVE_ENV.tenantId]!.trim();
  const organizationUrl = env[LIVE_ENV.organizationUrl]!.trim().replace(/\/*$/, "/");
  const organization = new URL(organizationUrl).pathname.split("/").filter(Boolean)[0] ?? new URL(organizationUrl).hostname.split(".")[0]!;
  return {
    configured: true,
    config: {
      tenantId,
      subscriptionId: env[LIVE_ENV.subscriptionId]!.trim(),
      organizationUrl,
      organization,
      project: env[LIVE_ENV.project]!.trim(),
      tokens: {
        graph: tokenFrom(env, LIVE_ENV.graphToken, "https://graph.microsoft.com", tenantId, az),
        arm: tokenFrom(env, LIVE_ENV.armToken, "https://management.azure.com", tenantId, az),
        devops: tokenFrom(env, LIVE_ENV.devopsToken, DEVOPS_RESOURCE, tenantId, az),
      },
    },
  };
}
