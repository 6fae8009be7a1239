import type { DocumentStore } from "../../../../src/clients/devops/devopsTypes";
import {
  EXPIRY_INDEX_SCHEMA,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_INDEX_DOCUMENTS,
  expiryIndexCollection,
  readExpiryIndex,
  forgetExpiry,
  recordExpiry,
  recordExpiryQuietly,
  validateExpiryDocument,
} from "../../../../src/workflows/expiry/expiryIndex";
import { observationsFromInventory } from "../../../../src/workflows/expiry/observations";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const DAY_MS = 86_400_000;
const PROJECT = "6a1c2b3d-0000-4000-8000-000000000001";
const CONNECTION = "0f8fad5b-d9cb-469f-a165-70867728950e";
const APP = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const READER = { id: "b5b2c3d4-1111-4222-8333-444455556666", displayName: "Ada Admin" };

/** A store that keeps documents per collection, as extension data does. */
function memoryStore(): DocumentStore & { collections: Map<string, Map<string, unknown>> } {
  const collections = new Map<string, Map<string, unknown>>();
  const of = (c: string) => collections.get(c) ?? collections.set(c, new Map()).get(c)!;
  return {
    collections,
    get: async <T>(c: string, id: string) => of(c).get(id) as T | undefined,
    list: async <T>(c: string) => [...of(c).values()] as T[],
    put: async <T extends { id: string }>(c: string, doc: T) => {
      of(c).set(doc.id, doc);
      return doc;
    },
    delete: async (c: string, id: string) => {
      of(c).delete(id);
    },
  };
}

const good = (over: Record<string, unknown> = {}) => ({
  id: CONNECTION,
  schema: EXPIRY_INDEX_SCHEMA,
  connectionId: CONNECTION,
  appId: APP,
  endDateTime: "2027-01-01T00:00:00Z",
  readAt: "2026-12-01T08:00:00.000Z",
  readBy: { ...READER },
  __etag: 3,
  ...over,
});

const listing = (documents: unknown): Pick<DocumentStore, "list"> => ({ list: async <T>() => documents as T[] });

describe("recording what the hub read", () => {
  it("writes one document per connection in the project's Default-scope collection, with who read it and when", async () => {
    const store = memoryStore();
    const result = await recordExpiry(
      store,
      PROJECT,
      [{ connectionId: CONNECTION.toUpperCase(), appId: APP, endDateTime: "2027-01-01T00:00:00.1234567Z" }],
      READER,
      NOW,
    );
    expect(result).toEqual({ written: 1, skipped: 0 });
    const collection = store.collections.get(`expiry-index-${PROJECT}`)!;
    expect([...collection.values()]).toEqual([
      {
        id: CONNECTION,
        schema: 1,
        connectionId: CONNECTION,
        appId: APP,
        endDateTime: "2027-01-01T00:00:00.123Z",
        readAt: new Date(NOW).toISOString(),
        readBy: READER,
      },
    ]);
  });

  it("overwrites the previous reading of the same connection", async () => {
    const store = memoryStore();
    await recordExpiry(
      store,
      PROJECT,
      [{ connectionId: CONNECTION, appId: APP, endDateTime: "2027-01-01T00:00:00Z" }],
      READER,
      NOW - 10 * DAY_MS,
    );
    await recordExpiry(store, PROJECT, [{ connectionId: CONNECTION, appId: APP, endDateTime: "2028-01-01T00:00:00Z" }], READER, NOW);
    const index = await readExpiryIndex(store, PROJECT, NOW);
    expect(index.entries.size).toBe(1);
    expect(index.entries.get(CONNECTION)?.endDateTime).toBe("2028-01-01T00:00:00.000Z");
  });

  it("does not write observations every reader would discard", async () => {
    const store = memoryStore();
    const result = await recordExpiry(
      store,
      PROJECT,
      [
        { connectionId: "not-a-guid", appId: APP, endDateTime: "2027-01-01T00:00:00Z" },
        { connectionId: CONNECTION, appId: APP, endDateTime: "soon" },
      ],
      READER,
      NOW,
    );
    expect(result).toEqual({ written: 0, skipped: 2 });
    expect(store.collections.size).toBe(0);
  });

  it("refuses a project id that is not a GUID (it becomes part of a collection name)", async () => {
    await expect(recordExpiry(memoryStore(), "../other", [], READER, NOW)).rejects.toThrow(/not a project id/);
    await expect(readExpiryIndex(memoryStore(), "x/y", NOW)).rejects.toThrow(/not a project id/);
  });

  it("names one collection per project", () => {
    expect(expiryIndexCollection(PROJECT.toUpperCase())).toBe(`expiry-index-${PROJECT}`);
  });
});

describe("reading a hostile index", () => {
  it("keeps a well-formed entry, without the fields a writer added", async () => {
    const index = await readExpiryIndex(
      listing([good({ extra: "<img src=x onerror=alert(1)>", __proto__: { polluted: true } })]),
      PROJECT,
      NOW,
    );
    expect(index.ignored).toBe(0);
    const entry = index.entries.get(CONNECTION)!;
    expect(entry).toEqual({
      connectionId: CONNECTION,
      appId: APP,
      endDateTime: "2027-01-01T00:00:00Z",
      readAt: "2026-12-01T08:00:00.000Z",
      readBy: READER,
    });
    expect(Object.keys(entry)).not.toContain("extra");
  });

  it.each([
    ["a number for the connection id", { connectionId: 42 }],
    ["a connection id that is not a GUID", { id: "javascript:alert(1)", connectionId: "javascript:alert(1)" }],
    ["a document id that differs from its connection id", { id: "1b4e28ba-2fa1-11d2-883f-0016d3cca427" }],
    ["an app id that is not a GUID", { appId: "../../admin" }],
    ["an end date that is not an ISO date", { endDateTime: "tomorrow" }],
    ["an end date with an offset instead of Z", { endDateTime: "2027-01-01T00:00:00+05:00" }],
    ["an end date that does not exist", { endDateTime: "2027-02-30T25:61:00Z" }],
    ["an end date centuries ahead", { endDateTime: "9999-12-31T23:59:59Z" }],
    ["a reading dated in the future", { readAt: new Date(NOW + 3 * DAY_MS).toISOString() }],
    ["a missing reading date", { readAt: undefined }],
    ["a missing end date", { endDateTime: undefined }],
    ["no reader", { readBy: undefined }],
    ["a reader that is a string", { readBy: "Ada Admin" }],
    ["a reader whose id is not a GUID", { readBy: { id: "admin", displayName: "Ada" } }],
    ["a reader with an empty name", { readBy: { id: READER.id, displayName: "  " } }],
    ["a reader whose name is an object", { readBy: { id: READER.id, displayName: { toString: "x" } } }],
    ["an unknown schema", { schema: 2 }],
    ["no schema", { schema: undefined }],
  ])("ignores an entry with %s", async (_, over) => {
    const index = await readExpiryIndex(listing([good(over)]), PROJECT, NOW);
    expect(index.entries.size).toBe(0);
    expect(index.ignored).toBe(1);
  });

  it.each([null, 7, "doc", [good()], true])("ignores a document that is not an object (%s)", async (raw) => {
    expect(validateExpiryDocument(raw, NOW)).toBeUndefined();
  });

  it("reads a listing that is not an array as an empty index", async () => {
    const index = await readExpiryIndex(listing({ value: [good()] }), PROJECT, NOW);
    expect(index).toEqual({ entries: new Map(), ignored: 0 });
  });

  it("keeps a reading long in the past, and an end date long past: they are shown as old, not dropped", async () => {
    const index = await readExpiryIndex(
      listing([good({ readAt: "2021-03-01T00:00:00Z", endDateTime: "2022-03-01T00:00:00Z" })]),
      PROJECT,
      NOW,
    );
    expect(index.entries.get(CONNECTION)?.readAt).toBe("2021-03-01T00:00:00Z");
  });

  it("keeps script-like display names as plain text, cut to a bounded length, without control characters", async () => {
    const script = `<script>alert("x")</script>\u202e${"A".repeat(1000)}`;
    const index = await readExpiryIndex(listing([good({ readBy: { id: READER.id, displayName: script } })]), PROJECT, NOW);
    const name = index.entries.get(CONNECTION)!.readBy.displayName;
    expect(name.startsWith('<script>alert("x")</script>A')).toBe(true);
    expect(name).not.toContain("\u202e");
    expect(name.length).toBe(MAX_DISPLAY_NAME_LENGTH);
  });

  it("reads no more than the cap from a huge collection, and counts the rest as ignored", async () => {
    const many = Array.from({ length: MAX_INDEX_DOCUMENTS + 250 }, (_, i) => {
      const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
      return good({ id, connectionId: id });
    });
    const index = await readExpiryIndex(listing(many), PROJECT, NOW);
    expect(index.entries.size).toBe(MAX_INDEX_DOCUMENTS);
    expect(index.ignored).toBe(250);
  });

  it("keeps the first of two entries for the same connection (different case), and ignores the second", async () => {
    const index = await readExpiryIndex(
      listing([
        good(),
        good({ id: CONNECTION.toUpperCase(), connectionId: CONNECTION.toUpperCase(), endDateTime: "2030-01-01T00:00:00Z" }),
      ]),
      PROJECT,
      NOW,
    );
    expect(index.entries.get(CONNECTION)?.endDateTime).toBe("2027-01-01T00:00:00Z");
    expect(index.ignored).toBe(1);
  });
});

describe("recording from the hub's flows", () => {
  it("stores the cleaned reader name and lower-case ids, as every reader will see them", async () => {
    const store = memoryStore();
    await recordExpiry(
      store,
      PROJECT,
      [{ connectionId: CONNECTION.toUpperCase(), appId: APP.toUpperCase(), endDateTime: "2027-01-01T00:00:00Z" }],
      { id: READER.id.toUpperCase(), displayName: " Ada\u202e Admin " },
      NOW,
    );
    const [doc] = [...store.collections.get(`expiry-index-${PROJECT}`)!.values()] as Array<Record<string, unknown>>;
    expect(doc).toMatchObject({
      id: CONNECTION,
      connectionId: CONNECTION,
      appId: APP,
      readBy: { id: READER.id, displayName: "Ada Admin" },
    });
  });

  it("reports a failed write as a value, so the flow that triggered it goes on", async () => {
    const failing: Pick<DocumentStore, "put"> = { put: async () => Promise.reject(new Error("Extension data is throttled")) };
    expect(
      await recordExpiryQuietly(
        failing,
        PROJECT,
        [{ connectionId: CONNECTION, appId: APP, endDateTime: "2027-01-01T00:00:00Z" }],
        READER,
        NOW,
      ),
    ).toEqual({
      failed: "Extension data is throttled",
    });
  });

  it("turns inventory rows into observations: only secret connections whose end date was read", () => {
    const rows = [
      { facts: { id: CONNECTION, clientId: APP, authKind: "secret" }, expiry: { kind: "soon", endDateTime: "2027-01-01T00:00:00Z" } },
      { facts: { id: "1b4e28ba-2fa1-11d2-883f-0016d3cca427", clientId: APP, authKind: "secret" }, expiry: { kind: "unknown" } },
      { facts: { id: "2b4e28ba-2fa1-11d2-883f-0016d3cca427", clientId: APP, authKind: "federated" }, expiry: { kind: "notApplicable" } },
    ];
    expect(observationsFromInventory(rows)).toEqual([{ connectionId: CONNECTION, appId: APP, endDateTime: "2027-01-01T00:00:00Z" }]);
  });
});

describe("forgetting a connection", () => {
  it("deletes its entry once it is deleted or converted to federation", async () => {
    const store = memoryStore();
    await recordExpiry(store, PROJECT, [{ connectionId: CONNECTION, appId: APP, endDateTime: "2027-01-01T00:00:00Z" }], READER, NOW);
    expect(await forgetExpiry(store, PROJECT, CONNECTION.toUpperCase())).toEqual({ forgotten: true });
    expect((await readExpiryIndex(store, PROJECT, NOW)).entries.size).toBe(0);
  });

  it("treats a missing entry as forgotten, and reports other failures as a value", async () => {
    const missing = { delete: async () => Promise.reject(Object.assign(new Error("gone"), { status: 404 })) };
    expect(await forgetExpiry(missing, PROJECT, CONNECTION)).toEqual({ forgotten: true });
    const broken = { delete: async () => Promise.reject(new Error("throttled")) };
    expect(await forgetExpiry(broken, PROJECT, CONNECTION)).toEqual({ failed: "throttled" });
    expect(await forgetExpiry(broken, PROJECT, "not-a-guid")).toEqual({ forgotten: false });
  });
});
