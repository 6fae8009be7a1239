// @vitest-environment jsdom
import { SEED } from "../../../../emulator/model/seed";
import { DAY_MS } from "../../../support/inProcessAzure";
import { addExistingConnection } from "./connectionScenarios";
import { connectionWorld } from "./connectionWorld";

const batches = (requests: Array<{ method: string; url: string }>) =>
  requests.filter((r) => r.method === "POST" && r.url.endsWith("/v1.0/$batch"));

describe("the inventory of the project's Azure Resource Manager connections", () => {
  it("lists every connection of the project, not only the extension's, from Azure DevOps alone before sign-in", async () => {
    const c = connectionWorld();
    const ours = await c.provision("contoso-prod-reader");
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy", sharedWithOtherProject: true });
    addExistingConnection(c.world.model, { name: "federated-deploy", federated: true });
    const graphBefore = c.graphRequests().length;

    const inventory = await c.services.connectionInventory();

    expect(inventory.rows.map((r) => r.facts.name)).toEqual(["contoso-prod-reader", "federated-deploy", "legacy-deploy"]);
    const legacy = inventory.rows.find((r) => r.facts.id === theirs.endpoint.id)!;
    expect(legacy.facts).toMatchObject({
      scopeLevel: "Subscription",
      scopeName: "Contoso Production",
      authKind: "secret",
      authLabel: "Secret",
      clientId: theirs.app.appId,
      tenantId: SEED.tenantId,
      sharedWith: [{ id: SEED.otherProject.id, name: SEED.otherProject.name }],
    });
    expect(inventory.rows.find((r) => r.facts.name === "federated-deploy")!.badges).toEqual(["federated", "retiringIssuer"]);
    // The person's own journal already knows which one the extension made.
    expect(inventory.rows.find((r) => r.facts.id === ours)!.createdByExtension).toBe(true);
    expect(legacy.createdByExtension).toBeUndefined();
    expect(legacy.access).toEqual({ state: "notSignedIn" });
    expect(inventory.summary.text).toBe(
      "3 Azure Resource Manager connections · sign in to read when their secrets expire · 1 connection to move to the Entra issuer",
    );
    expect(c.graphRequests().length).toBe(graphBefore);
  });

  it("reads each secret's expiry, owners and the extension's markers once signed in, and badges them", async () => {
    const c = connectionWorld();
    const ours = await c.provision("contoso-prod-reader");
    const soon = addExistingConnection(c.world.model, { name: "expires-soon", secretDays: 10 });
    const expired = addExistingConnection(c.world.model, { name: "expired", secretDays: 5 });
    const federated = addExistingConnection(c.world.model, { name: "federated", federated: true });
    const foreign = addExistingConnection(c.world.model, { name: "foreign-app", appInOtherTenant: true });
    const shared = addExistingConnection(c.world.model, { name: "shared", sharedWithOtherProject: true, ownerId: SEED.users.developer });
    // Six days later the five-day secret has expired; the ten-day one has four days left.
    c.world.model.clock.advance(6 * DAY_MS);
    await c.signIn();

    const inventory = await c.inventory();
    const row = (id: string) => inventory.rows.find((r) => r.facts.id === id)!;

    expect(row(ours)).toMatchObject({ createdByExtension: true, badges: [], ownedByYou: true, expiry: { kind: "ok" } });
    expect(row(soon.endpoint.id)).toMatchObject({
      createdByExtension: false,
      badges: ["expiresSoon"],
      expiry: { kind: "soon", daysLeft: 4 },
    });
    expect(row(expired.endpoint.id)).toMatchObject({ badges: ["expired"], expiry: { kind: "expired" } });
    expect(row(federated.endpoint.id).badges).toEqual(["federated", "retiringIssuer"]);
    expect(row(foreign.endpoint.id)).toMatchObject({ badges: ["noAccess"], access: { state: "noAccess" } });
    expect(row(shared.endpoint.id)).toMatchObject({
      badges: [],
      ownedByYou: false,
      facts: { sharedWith: [{ name: SEED.otherProject.name }] },
    });
    const sharedApp = row(shared.endpoint.id).access;
    expect(sharedApp.state === "readable" && sharedApp.app.owners.map((o) => o.displayName)).toEqual(["Dev Developer"]);
    expect(inventory.summary).toMatchObject({ total: 6, expiringSoon: 1, expired: 1, federated: 1, noAccess: 1 });
    expect(inventory.summary.text).toBe(
      "6 Azure Resource Manager connections · 1 secret expires within 30 days · 1 secret has expired · 1 app you cannot read" +
        " · 1 connection to move to the Entra issuer",
    );
  });

  it("knows the extension made a connection from the app's markers, for a colleague who has no journal of it", async () => {
    const c = connectionWorld();
    const ours = await c.provision("contoso-prod-reader");
    await c.world.journal.delete("provisioning-runs", c.world.journal.writes[0]!.id);
    await c.signIn();

    const row = (await c.inventory()).rows.find((r) => r.facts.id === ours)!;

    expect(row.createdByExtension).toBe(true);
    expect(row.access.state === "readable" && row.access.app.secrets.map((s) => s.usedByConnection)).toEqual(["yes"]);
  });

  it("asks Graph for 15 apps per $filter=appId in (…) read, 20 reads per $batch request", async () => {
    const c = connectionWorld();
    for (let i = 0; i < 46; i++) addExistingConnection(c.world.model, { name: `bulk-${i}`, noRole: true });
    await c.signIn();
    const before = c.graphRequests().length;

    const inventory = await c.inventory();

    const sent = c.graphRequests().slice(before);
    expect(batches(sent)).toHaveLength(1);
    expect(sent).toHaveLength(1);
    const parts = (sent[0]!.batchUrls ?? []).map((url) => decodeURIComponent(url));
    // 46 apps: 15 + 15 + 15 + 1.
    expect(parts.map((url) => url.match(/'[^']+'/g)?.length)).toEqual([15, 15, 15, 1]);
    expect(parts.every((url) => /^\/applications\?\$filter=appId in \(/.test(url))).toBe(true);
    expect(inventory.rows.every((r) => r.access.state === "readable")).toBe(true);
  });

  it("asks again for the apps Graph throttled inside a batch, after waiting", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "throttled" });
    addExistingConnection(c.world.model, { name: "fine" });
    await c.signIn();
    c.world.fail({ service: "graph", method: "GET", path: "/applications$", status: 429, retryAfter: 2, count: 1 });
    const slept = c.world.clock.sleptMs;

    const inventory = await c.inventory();

    expect(inventory.rows.every((r) => r.access.state === "readable")).toBe(true);
    expect(batches(c.graphRequests())).toHaveLength(2);
    expect(c.world.clock.sleptMs - slept).toBe(2000);
  });

  it("shows the apps of a read that failed for good as not read, and those of the other reads as read", async () => {
    const c = connectionWorld();
    addExistingConnection(c.world.model, { name: "a-broken" });
    for (let i = 0; i < 16; i++) addExistingConnection(c.world.model, { name: `fine-${String(i).padStart(2, "0")}` });
    await c.signIn();
    // The first read (the first 15 apps by name) fails; the second one answers.
    c.world.fail({ service: "graph", method: "GET", path: "/applications$", status: 500, count: 1 });

    const inventory = await c.inventory();

    expect(inventory.rows.find((r) => r.facts.name === "a-broken")!.access).toMatchObject({ state: "failed" });
    expect(inventory.rows.filter((r) => r.access.state === "failed")).toHaveLength(15);
    expect(inventory.rows.find((r) => r.facts.name === "fine-15")!.access.state).toBe("readable");
  });

  it("tells an app missing from its read's answer as not in the directory", async () => {
    const c = connectionWorld();
    const gone = addExistingConnection(c.world.model, { name: "gone" });
    addExistingConnection(c.world.model, { name: "fine" });
    c.world.model.state.applications.splice(c.world.model.state.applications.indexOf(gone.app), 1);
    await c.signIn();

    const inventory = await c.inventory();

    expect(inventory.rows.find((r) => r.facts.name === "gone")!.access).toMatchObject({ state: "noAccess" });
    expect(inventory.rows.find((r) => r.facts.name === "fine")!.access.state).toBe("readable");
  });

  it("marks the apps of a directory the person cannot sign in to as out of reach", async () => {
    const c = connectionWorld();
    const elsewhere = addExistingConnection(c.world.model, { name: "fabrikam-connection" });
    c.world.model.state.devops.serviceEndpoints.find((e) => e.id === elsewhere.endpoint.id)!.authorization.parameters["tenantid"] =
      SEED.otherTenantId;
    addExistingConnection(c.world.model, { name: "contoso-connection" });
    await c.signIn();

    const inventory = await c.inventory();

    expect(inventory.rows.find((r) => r.facts.name === "fabrikam-connection")!.badges).toEqual(["noAccess"]);
    expect(inventory.rows.find((r) => r.facts.name === "contoso-connection")!.access.state).toBe("readable");
  });

  it("flags a connection with an action of this person that did not finish", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "half-rotated" });
    await c.world.journal.put("connection-actions", {
      id: "r-1",
      version: 1,
      kind: "rotation",
      endpointId: theirs.endpoint.id,
      connectionName: "half-rotated",
      createdAt: "2026-03-01T12:00:00.000Z",
      updatedAt: "2026-03-01T12:00:01.000Z",
      status: "failed",
      created: {},
      steps: [],
    });

    const inventory = await c.services.connectionInventory();

    expect(inventory.rows[0]!.unfinishedAction).toMatchObject({ kind: "rotation", status: "failed" });
  });
});
