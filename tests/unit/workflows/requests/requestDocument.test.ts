import { armScope } from "../../../../src/workflows/provisioning/scope";
import { MAX_REQUEST_DOCUMENTS, REQUESTS_COLLECTION, validateRequestDocument } from "../../../../src/workflows/requests/requestDocument";
import { readRequests } from "../../../../src/workflows/requests/requests";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";
import { DAY_MS, document, NOW, REQUEST_ID, SUBSCRIPTION, tampered } from "./requestFixtures";

describe("a request document read back from extension data", () => {
  it("passes when it is what the hub writes, and comes back as a fresh object without extra fields", () => {
    const raw = { ...document({ status: "open" }), extra: "<script>", __proto__: { admin: true } };
    const request = validateRequestDocument(raw, NOW);
    expect(request).toMatchObject({ id: REQUEST_ID, status: "open", asked: { role: { roleName: "Contributor" } } });
    expect(request).not.toHaveProperty("extra");
    expect(request).not.toHaveProperty("__etag");
    expect(request).not.toHaveProperty("schema");
  });

  it.each([
    ["not an object", null],
    ["an array", [document()]],
    ["another schema", document({ schema: 2 })],
    ["an unknown status", document({ status: "approved-by-everyone" })],
    ["an id that is not a GUID", document({ id: "../settings/organization" })],
    ["a project id that is not a GUID", tampered("project.id", "web")],
    ["a number for a name", tampered("project.name", 42)],
    ["a requester without an id", tampered("requestedBy.id", undefined)],
    ["a requester name with a bidi override", tampered("requestedBy.displayName", "Ada \u202EnimdA")],
    ["a date-only request date", tampered("requestedAt", "2026-12-06")],
    ["a request date far in the future", tampered("requestedAt", "2030-01-01T00:00:00Z")],
    ["an empty reason", tampered("reason", "   ")],
    ["an oversized reason", tampered("reason", "x".repeat(1001))],
    ["a reason with a zero-width direction mark", tampered("reason", "please\u200Fnow")],
    ["an unknown cloud", tampered("asked.cloudId", "EvilCloud")],
    ["a tenant that is a domain name", tampered("asked.tenantId", "contoso.onmicrosoft.com")],
    ["a subscription id that climbs out of its scope", tampered("asked.scope.subscriptionId", `${SUBSCRIPTION}/../../providers/x`)],
    ["an unknown scope level", tampered("asked.scope.level", "Tenant")],
    [
      "a management group id with a path",
      tampered("asked.scope", { level: "ManagementGroup", managementGroupId: "a/b", managementGroupName: "A" }),
    ],
    [
      "a workspace with a slash",
      tampered("asked.scope", {
        level: "AzureMLWorkspace",
        subscriptionId: SUBSCRIPTION,
        subscriptionName: "S",
        resourceGroupName: "rg-ml",
        workspaceName: "ws/../../x",
        workspaceLocation: "westeurope",
      }),
    ],
    ["a role id that is a role name", tampered("asked.role.id", "Owner")],
    ["an app name with a line break", tampered("asked.app.displayName", "app\nname")],
    ["an app name over 120 characters", tampered("asked.app.displayName", "a".repeat(121))],
    ["a connection name with a comma", tampered("asked.connection.name", "a,b")],
    ["a connection name with a bidi isolate", tampered("asked.connection.name", "prod\u2066x")],
    ["a pipeline id that is a string", tampered("asked.connection.pipelineIds", ["11"])],
    ["a negative pipeline id", tampered("asked.connection.pipelineIds", [-1])],
    [
      "too many pipelines",
      tampered(
        "asked.connection.pipelineIds",
        Array.from({ length: 201 }, (_, i) => i + 1),
      ),
    ],
    ["allPipelines as a string", tampered("asked.connection.allPipelines", "true")],
    ["a secret lifetime of ten years", tampered("asked.secret.lifetimeDays", 3650)],
    ["a fractional secret lifetime", tampered("asked.secret.lifetimeDays", 1.5)],
    ["a co-owner that is not a GUID", tampered("asked.app.coOwnerIds", ["everyone"])],
    ["an unknown sign-in audience", tampered("asked.app.signInAudience", "PersonalMicrosoftAccount")],
    [
      "an approval without a connection id",
      document({ status: "approved", decision: { by: { id: REQUEST_ID, displayName: "A" }, at: "2026-12-07T00:00:00Z" } }),
    ],
    [
      "a rejection without a reason",
      document({ status: "rejected", decision: { by: { id: REQUEST_ID, displayName: "A" }, at: "2026-12-07T00:00:00Z" } }),
    ],
    ["a decision that is a string", document({ status: "rejected", decision: "no" })],
    [
      "a role change naming no role id",
      document({
        status: "approved",
        decision: {
          by: { id: REQUEST_ID, displayName: "A" },
          at: "2026-12-07T00:00:00Z",
          connectionId: REQUEST_ID,
          roleChange: {
            original: { id: "x", roleName: "Owner" },
            assigned: { id: REQUEST_ID, roleName: "Reader" },
            changedBy: { id: REQUEST_ID, displayName: "A" },
          },
        },
      }),
    ],
  ])("is unreadable with %s", (_case, raw) => {
    expect(validateRequestDocument(raw, NOW)).toBeUndefined();
  });

  it("builds scopes only from parts that keep the ARM id where it was asked", () => {
    const request = validateRequestDocument(document(), NOW)!;
    expect(armScope(request.asked.scope)).toBe(`/subscriptions/${SUBSCRIPTION}`);
  });

  it("reads a decided request with its role change", () => {
    const person = { id: REQUEST_ID, displayName: "Ada Admin" };
    const request = validateRequestDocument(
      document({
        status: "approved",
        decision: {
          by: person,
          at: new Date(NOW - DAY_MS).toISOString(),
          connectionId: REQUEST_ID.toUpperCase(),
          roleChange: {
            original: { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" },
            assigned: { id: "acdd72a7-3385-48ef-bd42-f606fba81ae7", roleName: "Reader" },
            changedBy: person,
          },
        },
      }),
      NOW,
    );
    expect(request?.decision).toMatchObject({ connectionId: REQUEST_ID, roleChange: { assigned: { roleName: "Reader" } } });
  });
});

describe("reading the list", () => {
  it("keeps the valid ones (open first), counts the rest as unreadable, and reads no further than the cap", async () => {
    const store = new MemoryDocumentStore();
    store.plant(
      REQUESTS_COLLECTION,
      "a",
      document({
        id: "aaaaaaaa-0000-4000-8000-000000000001",
        status: "rejected",
        decision: { by: { id: REQUEST_ID, displayName: "A" }, at: "2026-12-07T00:00:00Z", reason: "No." },
      }),
    );
    store.plant(REQUESTS_COLLECTION, "b", document({ id: "aaaaaaaa-0000-4000-8000-000000000002" }));
    store.plant(REQUESTS_COLLECTION, "c", tampered("asked.role.id", "Owner"));
    store.plant(REQUESTS_COLLECTION, "d", "just a string");
    store.plant(REQUESTS_COLLECTION, "e", document({ id: "aaaaaaaa-0000-4000-8000-000000000002" }));
    const { requests, unreadable } = await readRequests(store, NOW);
    expect(requests.map((r) => r.status)).toEqual(["open", "rejected"]);
    expect(unreadable).toBe(3);
  });

  it("stops at the cap", async () => {
    const many = Array.from({ length: MAX_REQUEST_DOCUMENTS + 5 }, (_, i) =>
      document({ id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, "0")}` }),
    );
    const { requests, unreadable } = await readRequests({ list: async <T>() => many as T[] }, NOW);
    expect(requests).toHaveLength(MAX_REQUEST_DOCUMENTS);
    expect(unreadable).toBe(5);
  });

  it("reads a list that is not a list as empty", async () => {
    expect(await readRequests({ list: async <T>() => ({ value: 1 }) as unknown as T[] }, NOW)).toEqual({ requests: [], unreadable: 0 });
  });
});
