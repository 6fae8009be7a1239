import type { InventoryRow } from "../../../../src/workflows/connections/inventory";
import { matchesFilter, secretExpiryText, sortRows } from "../../../../src/hub/connections/inventoryView";

function row(name: string, extra: Partial<InventoryRow> = {}, facts: Partial<InventoryRow["facts"]> = {}): InventoryRow {
  return {
    facts: {
      id: name,
      name,
      description: "",
      environment: "AzureCloud",
      scopeLevel: "Subscription",
      scopeName: "Contoso Production",
      scopeDescription: "subscription Contoso Production",
      scheme: "ServicePrincipal",
      authKind: "secret",
      authLabel: "Secret",
      clientId: `client-${name}`,
      tenantId: "t",
      sharedWith: [],
      state: "Ready",
      ...facts,
    },
    access: { state: "notSignedIn" },
    expiry: { kind: "unknown" },
    badges: [],
    ...extra,
  };
}

describe("how the table filters and sorts", () => {
  it("matches every word against name, client id, scope, authentication, owners and projects", () => {
    const r = row("prod-reader");
    expect(matchesFilter(r, "prod client-prod", "all")).toBe(true);
    expect(matchesFilter(r, "contoso secret", "all")).toBe(true);
    expect(matchesFilter(r, "staging", "all")).toBe(false);
  });

  it("shows what needs attention: expired, expiring and unreadable apps", () => {
    expect(matchesFilter(row("a", { badges: ["expired"] }), "", "attention")).toBe(true);
    expect(matchesFilter(row("b", { badges: ["federated"] }), "", "attention")).toBe(false);
    expect(matchesFilter(row("c", {}, { sharedWith: [{ id: "p", name: "Data" }] }), "", "shared")).toBe(true);
    expect(matchesFilter(row("d", { createdByExtension: true }), "", "createdByExtension")).toBe(true);
  });

  it("sorts by expiry with the unknown ones last either way, and by name within equals", () => {
    const rows = [
      row("z"),
      row("b", { expiry: { kind: "ok", endDateTime: "2026-09-01T00:00:00Z", daysLeft: 100 } }),
      row("a", { expiry: { kind: "soon", endDateTime: "2026-03-10T00:00:00Z", daysLeft: 9 } }),
    ];
    expect(sortRows(rows, "expiry", false).map((r) => r.facts.name)).toEqual(["a", "b", "z"]);
    expect(sortRows(rows, "expiry", true).map((r) => r.facts.name)).toEqual(["b", "a", "z"]);
    expect(sortRows(rows, "name", true).map((r) => r.facts.name)).toEqual(["z", "b", "a"]);
  });

  it("says why an expiry is not shown", () => {
    expect(secretExpiryText(row("a"))).toBe("Sign in to read");
    expect(secretExpiryText(row("b", { access: { state: "noAccess", reason: "x" } }))).toBe("Cannot read the app");
    expect(secretExpiryText(row("c", { expiry: { kind: "notApplicable" } }, { authKind: "federated" }))).toBe("No secret (federated)");
    expect(secretExpiryText(row("d", { expiry: { kind: "expired", endDateTime: "2026-02-27T12:00:00Z", daysLeft: -2 } }))).toBe(
      "Expired 2 days ago (2026-02-27)",
    );
  });
});
