import type { HubServices } from "../../../src/workflows/hub/hubServices";
import type { HubSession } from "../../../src/workflows/hub/openHub";
import { DEFAULT_SETTINGS, type HubSettings } from "../../../src/workflows/settings/settings";
import { AZURE_CLOUD } from "../../../src/platform/clouds";

/** Services for page tests that need no Azure: every Azure call fails loudly if a test reaches it unexpectedly. */
export function fakeHubServices(session: HubSession, overrides: Partial<HubServices> = {}): HubServices {
  const unexpected = (what: string) => () => {
    throw new Error(`The test did not expect ${what}.`);
  };
  return {
    session,
    clouds: [AZURE_CLOUD],
    now: () => new Date("2026-11-26T12:00:00Z"),
    newRunId: () => "11111111-2222-4333-8444-555555555555",
    account: () => undefined,
    signInMethod: () => undefined,
    signIn: unexpected("a sign-in"),
    signOut: async () => undefined,
    directory: unexpected("a directory query"),
    listPipelines: async () => [],
    reviewChecks: unexpected("review checks"),
    startRun: unexpected("a run"),
    startByoRun: unexpected("a bring-your-own-app run"),
    startByoFederation: unexpected("a bring-your-own-app federation run"),
    byoAwaitingTrust: async () => [],
    resumeByoFederation: unexpected("a resume of a bring-your-own-app federation run"),
    unfinishedRuns: async () => [],
    unfinishedSharedAppRuns: async () => ({ runs: [], unreadable: 0 }),
    resumeSharedAppRun: unexpected("a resume of a shared app run"),
    resumeRun: unexpected("a resume"),
    connectionServices: async () => ({
      connectionInventory: async () => ({
        rows: [],
        summary: { total: 0, expiringSoon: 0, expired: 0, federated: 0, noAccess: 0, text: "0 Azure Resource Manager connections" },
        credentialsRead: false,
      }),
      readConnectionCredentials: unexpected("reading the apps of the connections"),
      planConnectionDeletion: unexpected("planning a deletion"),
      startRotation: unexpected("a secret rotation"),
      startDeletion: unexpected("a deletion"),
      startConversion: unexpected("a conversion"),
      startSecretRemoval: unexpected("removing secrets"),
      startIssuerMove: unexpected("moving a connection to the Entra issuer"),
      resumeAction: unexpected("a resume of an action"),
      planCleanUp: unexpected("planning a clean-up"),
      startCleanUp: unexpected("a clean-up"),
    }),
    connectionServicesFor: unexpected("another project's connections"),
    connectionUrl: (id) => `https://dev.azure.com/contoso/Fabrikam%20Web/_settings/adminservices?resourceId=${id}`,
    appRegistrationUrl: (_cloud, appId) => `https://entra.microsoft.com/#appId/${appId}`,
    ...overrides,
  };
}

export const createFakeServices = async (session: HubSession): Promise<{ services: HubServices; settings: HubSettings }> => ({
  services: fakeHubServices(session),
  settings: DEFAULT_SETTINGS,
});
