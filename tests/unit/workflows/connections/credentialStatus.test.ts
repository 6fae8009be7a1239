import type { ServiceConnection } from "../../../../src/clients/devops/devopsTypes";
import type { ApplicationWithOwners } from "../../../../src/clients/graph/graphTypes";
import { connectionFacts } from "../../../../src/workflows/connections/connectionFacts";
import {
  appInfo,
  badgesOf,
  candidateSecrets,
  describeDaysLeft,
  secretExpiry,
  summarize,
} from "../../../../src/workflows/connections/credentialStatus";
import { appTags, secretDisplayName, withConnectionTag } from "../../../../src/workflows/provisioning/markers";

const PROJECT = "7e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const ENDPOINT = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const RUN = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
const NOW = Date.parse("2026-03-01T12:00:00Z");
const DAY = 86_400_000;

function connection(overrides: Partial<ServiceConnection> = {}): ServiceConnection {
  return {
    id: ENDPOINT,
    name: "prod",
    type: "azurerm",
    url: "https://management.azure.com/",
    description: "",
    owner: "library",
    isShared: false,
    isReady: true,
    data: {
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      subscriptionId: "8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b",
      subscriptionName: "Contoso Production",
    },
    authorization: {
      scheme: "ServicePrincipal",
      parameters: { tenantid: "t", serviceprincipalid: "a", authenticationType: "spnKey", serviceprincipalkey: null },
    },
    serviceEndpointProjectReferences: [{ projectReference: { id: PROJECT, name: "Web" }, name: "prod", description: "" }],
    ...overrides,
  };
}

const secret = (keyId: string, days: number, displayName: string | null = null) => ({
  keyId,
  displayName,
  startDateTime: new Date(NOW - DAY).toISOString(),
  endDateTime: new Date(NOW + days * DAY).toISOString(),
});

function app(passwordCredentials: ApplicationWithOwners["passwordCredentials"], tags: string[] = []): ApplicationWithOwners {
  return {
    id: "o",
    appId: "a",
    displayName: "prod-app",
    signInAudience: "AzureADMyOrg",
    tags,
    passwordCredentials,
    owners: [{ id: "u", displayName: "Ada" }],
  };
}

describe("what Azure DevOps says about a connection", () => {
  it("reads the scope of each level and the authentication scheme", () => {
    expect(connectionFacts(connection(), PROJECT)).toMatchObject({
      scopeLevel: "Subscription",
      scopeName: "Contoso Production",
      armScope: "/subscriptions/8f3a1c2e-5b6d-4e7f-9a0b-1c2d3e4f5a6b",
      authLabel: "Secret",
    });
    const group = connectionFacts(
      connection({
        data: { scopeLevel: "ManagementGroup", managementGroupId: "contoso-platform", managementGroupName: "Contoso Platform" },
      }),
      PROJECT,
    );
    expect(group).toMatchObject({
      scopeLevel: "ManagementGroup",
      scopeDescription: "management group Contoso Platform",
      armScope: "/providers/Microsoft.Management/managementGroups/contoso-platform",
    });
    const workspace = connectionFacts(
      connection({
        data: {
          scopeLevel: "AzureMLWorkspace",
          subscriptionId: "s",
          subscriptionName: "Prod",
          resourceGroupName: "rg-ml",
          mlWorkspaceName: "mlw",
          mlWorkspaceLocation: "westeurope",
        },
      }),
      PROJECT,
    );
    expect(workspace).toMatchObject({
      scopeLevel: "AzureMLWorkspace",
      scopeName: "mlw",
      armScope: "/subscriptions/s/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/mlw",
    });
    expect(connectionFacts(connection({ authorization: { scheme: "WorkloadIdentityFederation", parameters: {} } }), PROJECT)).toMatchObject(
      { authKind: "federated", authLabel: "Workload identity federation" },
    );
    expect(
      connectionFacts(
        connection({ authorization: { scheme: "ServicePrincipal", parameters: { authenticationType: "spnCertificate" } } }),
        PROJECT,
      ).authKind,
    ).toBe("certificate");
    expect(connectionFacts(connection({ authorization: { scheme: "ManagedServiceIdentity", parameters: {} } }), PROJECT).authLabel).toBe(
      "Managed identity",
    );
  });

  it("takes a connection without a scope level to be at its subscription, as Azure DevOps does", () => {
    expect(connectionFacts(connection({ data: { subscriptionId: "s", subscriptionName: "Old" } }), PROJECT)).toMatchObject({
      scopeLevel: "Subscription",
      scopeName: "Old",
    });
  });

  it("lists the other projects it is shared with", () => {
    const shared = connection({
      serviceEndpointProjectReferences: [
        ...connection().serviceEndpointProjectReferences,
        { projectReference: { id: "p2", name: "Data" }, name: "prod", description: "" },
      ],
    });
    expect(connectionFacts(shared, PROJECT).sharedWith).toEqual([{ id: "p2", name: "Data" }]);
  });
});

describe("which secret a connection uses, and when it expires", () => {
  const facts = connectionFacts(connection(), PROJECT);

  it("follows the extension's markers: the run that created it, or the connection after a rotation", () => {
    const tags = withConnectionTag(appTags(RUN, "contoso", PROJECT), ENDPOINT);
    const info = appInfo(
      app(
        [
          secret("k1", 100, secretDisplayName("Azure Pipelines", RUN)),
          secret("k2", 5, secretDisplayName("other", "00000000-1111-4222-8333-444444444444")),
          secret("k3", 200, secretDisplayName("rotated", ENDPOINT)),
        ],
        tags,
      ),
      ENDPOINT,
    );
    expect(info).toMatchObject({ managed: true, createdForConnection: true });
    expect(info.secrets.map((s) => s.usedByConnection)).toEqual(["yes", "no", "yes"]);
    expect(candidateSecrets(info).map((s) => s.keyId)).toEqual(["k1", "k3"]);
    expect(secretExpiry(facts, { state: "readable", app: info }, NOW)).toMatchObject({ kind: "ok", daysLeft: 200 });
  });

  it("without markers, takes the latest of the app's secrets (which one the connection holds cannot be read back)", () => {
    const info = appInfo(app([secret("k1", -3), secret("k2", 12)]), ENDPOINT);
    const expiry = secretExpiry(facts, { state: "readable", app: info }, NOW);
    expect(expiry).toMatchObject({ kind: "soon", daysLeft: 12 });
    expect(badgesOf(facts, { state: "readable", app: info }, expiry)).toEqual(["expiresSoon"]);
  });

  it("calls an expired secret expired, an app without secrets missing, and does not guess before sign-in", () => {
    const expired = appInfo(app([secret("k1", -1)]), ENDPOINT);
    expect(secretExpiry(facts, { state: "readable", app: expired }, NOW).kind).toBe("expired");
    expect(secretExpiry(facts, { state: "readable", app: appInfo(app([]), ENDPOINT) }, NOW).kind).toBe("missing");
    expect(secretExpiry(facts, { state: "notSignedIn" }, NOW).kind).toBe("unknown");
    expect(badgesOf(facts, { state: "noAccess", reason: "x" }, { kind: "unknown" })).toEqual(["noAccess"]);
  });

  it("words days left for people", () => {
    expect([describeDaysLeft(0), describeDaysLeft(1), describeDaysLeft(10), describeDaysLeft(-1), describeDaysLeft(-4)]).toEqual([
      "today",
      "in 1 day",
      "in 10 days",
      "1 day ago",
      "4 days ago",
    ]);
  });
});

describe("the summary line", () => {
  it("counts what needs attention", () => {
    const rows = [
      { badges: ["expiresSoon" as const] },
      { badges: ["expiresSoon" as const] },
      { badges: ["expired" as const] },
      { badges: [] },
    ];
    expect(summarize(rows, true).text).toBe(
      "4 Azure Resource Manager connections · 2 secrets expire within 30 days · 1 secret has expired",
    );
    expect(summarize([{ badges: [] }], true).text).toBe("1 Azure Resource Manager connection · 0 secrets expire within 30 days");
  });
});
