import type { ServiceConnection } from "../../../../src/clients/devops/devopsTypes";
import {
  DEFAULT_THRESHOLD_DAYS,
  joinExpiringConnections,
  parseWidgetOptions,
  serializeWidgetOptions,
} from "../../../../src/workflows/expiry/expiringConnections";
import type { ExpiryIndex, ExpiryIndexEntry } from "../../../../src/workflows/expiry/expiryIndex";
import { readExpiringConnections } from "../../../../src/workflows/expiry/widgetData";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const DAY_MS = 86_400_000;
const PROJECT = "6a1c2b3d-0000-4000-8000-000000000001";
const guid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const app = (n: number) => `aaaaaaaa-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

function connection(n: number, name: string, over: Partial<ServiceConnection> = {}): ServiceConnection {
  return {
    id: guid(n),
    name,
    type: "azurerm",
    url: "https://management.azure.com/",
    description: "",
    owner: "library",
    isShared: false,
    isReady: true,
    data: {},
    authorization: {
      scheme: "ServicePrincipal",
      parameters: { serviceprincipalid: app(n), authenticationType: "spnKey", tenantid: guid(999) },
    },
    serviceEndpointProjectReferences: [],
    ...over,
  };
}

function entry(n: number, endInDays: number, readDaysAgo = 1, over: Partial<ExpiryIndexEntry> = {}): ExpiryIndexEntry {
  return {
    connectionId: guid(n),
    appId: app(n),
    endDateTime: new Date(NOW + endInDays * DAY_MS).toISOString(),
    readAt: new Date(NOW - readDaysAgo * DAY_MS).toISOString(),
    readBy: { id: guid(500), displayName: "Ada Admin" },
    ...over,
  };
}

const indexOf = (...entries: ExpiryIndexEntry[]): ExpiryIndex => ({
  entries: new Map(entries.map((e) => [e.connectionId, e])),
  ignored: 0,
});

describe("joining the viewer's connections with the index", () => {
  it("lists expired and expiring secrets within the threshold, expired first, and leaves the rest out", () => {
    const connections = [connection(1, "later"), connection(2, "soon"), connection(3, "gone"), connection(4, "unread")];
    const summary = joinExpiringConnections(connections, indexOf(entry(1, 90), entry(2, 10), entry(3, -4)), 30, NOW);
    expect(summary.expiring.map((r) => [r.name, r.state, r.daysLeft])).toEqual([
      ["gone", "expired", -4],
      ["soon", "expiring", 10],
    ]);
    expect(summary).toMatchObject({ visible: 4, unread: 1, ignored: 0 });
  });

  it("never shows an index entry for a connection the viewer's own call did not return", () => {
    const summary = joinExpiringConnections([connection(1, "mine")], indexOf(entry(1, 5), entry(77, -100)), 30, NOW);
    expect(summary.expiring.map((r) => r.connectionId)).toEqual([guid(1)]);
  });

  it("takes the name from the viewer's connection, never from the index", () => {
    const summary = joinExpiringConnections([connection(1, "deploy-prod")], indexOf(entry(1, 5)), 30, NOW);
    expect(summary.expiring[0]?.name).toBe("deploy-prod");
  });

  it("does not trust an entry whose app id is not the connection's app", () => {
    const summary = joinExpiringConnections([connection(1, "mine")], indexOf(entry(1, -3, 1, { appId: app(2) })), 30, NOW);
    expect(summary.expiring).toEqual([]);
    expect(summary).toMatchObject({ unread: 1, ignored: 1 });
  });

  it("leaves out federated and managed-identity connections: they have no secret", () => {
    const federated = connection(1, "wif", {
      authorization: { scheme: "WorkloadIdentityFederation", parameters: { serviceprincipalid: app(1) } },
    });
    const managed = connection(2, "msi", { authorization: { scheme: "ManagedServiceIdentity", parameters: {} } });
    const summary = joinExpiringConnections([federated, managed], indexOf(entry(1, -1), entry(2, -1)), 30, NOW);
    expect(summary).toMatchObject({ expiring: [], visible: 0, unread: 0 });
  });

  it("marks a reading older than a week as stale, with how long ago it was read", () => {
    const summary = joinExpiringConnections(
      [connection(1, "old"), connection(2, "fresh")],
      indexOf(entry(1, 3, 120), entry(2, 3, 2)),
      30,
      NOW,
    );
    expect(summary.expiring.map((r) => [r.name, r.stale, r.readDaysAgo])).toEqual([
      ["fresh", false, 2],
      ["old", true, 120],
    ]);
  });

  it("honours the threshold, clamped to 1..365 days", () => {
    const index = indexOf(entry(1, 45));
    expect(joinExpiringConnections([connection(1, "a")], index, 60, NOW).expiring).toHaveLength(1);
    expect(joinExpiringConnections([connection(1, "a")], index, 30, NOW).expiring).toHaveLength(0);
    expect(joinExpiringConnections([connection(1, "a")], index, Number.NaN, NOW).expiring).toHaveLength(0);
    expect(joinExpiringConnections([connection(1, "a")], index, 100_000, NOW).expiring).toHaveLength(1);
  });

  it("skips connections without a GUID id, and counts each connection once", () => {
    const summary = joinExpiringConnections(
      [connection(1, "a"), connection(1, "a again"), connection(2, "bad", { id: "not-a-guid" })],
      indexOf(entry(1, 1)),
      30,
      NOW,
    );
    expect(summary.expiring).toHaveLength(1);
    expect(summary.visible).toBe(1);
  });
});

describe("reading the widget's data", () => {
  it("lists the project's connections with the viewer's own call and reads the index of that project", async () => {
    const listAzureRm = vi.fn(async () => [connection(1, "soon")]);
    const list = vi.fn(async () => [{ id: guid(1), schema: 1, ...entry(1, 5) }] as never);
    const summary = await readExpiringConnections({ connections: { listAzureRm }, index: { list } }, PROJECT, 30, NOW);
    expect(listAzureRm).toHaveBeenCalledWith(PROJECT);
    expect(list).toHaveBeenCalledWith(`expiry-index-${PROJECT}`);
    expect(summary.expiring.map((r) => r.name)).toEqual(["soon"]);
  });
});

describe("the widget's settings", () => {
  it.each([
    ['{"days":14}', 14],
    ["", DEFAULT_THRESHOLD_DAYS],
    ["not json", DEFAULT_THRESHOLD_DAYS],
    ['{"days":"14"}', DEFAULT_THRESHOLD_DAYS],
    ['{"days":0}', DEFAULT_THRESHOLD_DAYS],
    ['{"days":1000}', DEFAULT_THRESHOLD_DAYS],
    ['{"days":2.5}', DEFAULT_THRESHOLD_DAYS],
    ["null", DEFAULT_THRESHOLD_DAYS],
  ])("reads %s as %i days", (data, days) => {
    expect(parseWidgetOptions(data).thresholdDays).toBe(days);
  });

  it("round-trips what the configuration saves", () => {
    expect(parseWidgetOptions(serializeWidgetOptions({ thresholdDays: 90 }))).toEqual({ thresholdDays: 90 });
  });
});
