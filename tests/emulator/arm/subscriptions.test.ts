import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../../emulator/model/seed";
import type { Subscription } from "../../../emulator/model/state";
import { addUser, body, call, grant, newBox, readAllPages, tokenFor, V } from "./support/armKit";

const LIST = `/subscriptions?api-version=${V.subscriptions}`;
const get = (id: string): string => `/subscriptions/${id}?api-version=${V.subscriptions}`;
const LIGHTHOUSE = guidFrom("subscription:lighthouse");
const DISABLED = guidFrom("subscription:disabled");

describe("GET /subscriptions", () => {
  it("lists every subscription below the administrator's root-group Owner role, plus the one Fabrikam delegated", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, LIST, tokenFor(box, SEED.users.admin));
    expect(items.map((s: { subscriptionId: string }) => s.subscriptionId).sort()).toEqual(
      [subscriptionIdAt(0), subscriptionIdAt(1), subscriptionIdAt(2), DISABLED, LIGHTHOUSE].sort(),
    );
  });

  it("answers each subscription in the spec's shape, a delegated one carrying its managing tenant", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, LIST, tokenFor(box, SEED.users.admin));
    const own = items.find((s: { subscriptionId: string }) => s.subscriptionId === subscriptionIdAt(0));
    expect(own).toEqual({
      id: `/subscriptions/${subscriptionIdAt(0)}`,
      authorizationSource: "RoleBased",
      managedByTenants: [],
      subscriptionId: subscriptionIdAt(0),
      tenantId: SEED.tenantId,
      displayName: "Contoso Production",
      state: "Enabled",
      subscriptionPolicies: { locationPlacementId: "Public_2014-09-01", quotaId: "PayAsYouGo_2014-09-01", spendingLimit: "Off" },
    });
    const delegated = items.find((s: { subscriptionId: string }) => s.subscriptionId === LIGHTHOUSE);
    expect(delegated.tenantId).toBe(SEED.otherTenantId);
    expect(delegated.managedByTenants).toEqual([{ tenantId: SEED.tenantId }]);
    expect(items.find((s: { subscriptionId: string }) => s.subscriptionId === DISABLED).state).toBe("Disabled");
  });

  it("lists only the subscriptions a caller holds some role on", async () => {
    const box = newBox();
    const member = await readAllPages(box, LIST, tokenFor(box, SEED.users.member));
    expect(member.items.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([subscriptionIdAt(0)]);
    const developer = await readAllPages(box, LIST, tokenFor(box, SEED.users.developer));
    expect(developer.items.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([subscriptionIdAt(0), subscriptionIdAt(1)]);
    const guest = await readAllPages(box, LIST, tokenFor(box, SEED.users.guest));
    expect(guest.items).toEqual([]);
  });

  it("lists a subscription whose only role for the caller is on a resource group inside it", async () => {
    const box = newBox();
    const user = addUser(box, "rg-only");
    grant(box, user, ROLE_IDS.reader, `/subscriptions/${subscriptionIdAt(0)}/resourceGroups/rg-web`);
    const { items } = await readAllPages(box, LIST, tokenFor(box, user));
    expect(items.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([subscriptionIdAt(0)]);
  });

  it("puts a subscription without a management group below its tenant root group", async () => {
    const box = newBox();
    const orphan: Subscription = {
      subscriptionId: guidFrom("subscription:orphan"),
      displayName: "Orphan",
      tenantId: SEED.tenantId,
      state: "Enabled",
    };
    box.state.subscriptions.push(orphan);
    const { items } = await readAllPages(box, LIST, tokenFor(box, SEED.users.admin));
    expect(items.some((s: { subscriptionId: string }) => s.subscriptionId === orphan.subscriptionId)).toBe(true);
  });

  it("pages 10,000 subscriptions by absolute nextLink, absent on the last page", async () => {
    const box = newBox({ seed: { subscriptionCount: 10_000 } });
    const token = tokenFor(box, SEED.users.admin);
    const first = body(await call(box, "GET", LIST, { token }));
    expect(first.value).toHaveLength(100);
    expect(first.nextLink).toMatch(/^https:\/\/management\.azure\.com\/subscriptions\?api-version=2022-12-01&%24skiptoken=/);
    const { items, pages } = await readAllPages(box, LIST, token);
    expect(items).toHaveLength(10_002);
    expect(pages).toBe(101);
    expect(new Set(items.map((s: { subscriptionId: string }) => s.subscriptionId)).size).toBe(10_002);
  });

  it("reads only about one page of the subscription list per request (O(page), not O(subscriptions))", async () => {
    const box = newBox({ seed: { subscriptionCount: 10_000 } });
    const token = tokenFor(box, SEED.users.admin);
    let reads = 0;
    box.state.subscriptions = new Proxy(box.state.subscriptions, {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver);
      },
    });
    const first = body(await call(box, "GET", LIST, { token }));
    reads = 0;
    const middle = body(await call(box, "GET", first.nextLink, { token }));
    expect(middle.value).toHaveLength(100);
    expect(reads).toBeLessThanOrEqual(110);
  });

  it("builds nextLink from the root the request came in on", async () => {
    const box = newBox({ seed: { subscriptionCount: 150 } });
    const res = await box.handleService({
      method: "GET",
      service: "arm",
      baseUrl: "http://127.0.0.1:7000/arm",
      path: "/subscriptions",
      query: new URLSearchParams({ "api-version": V.subscriptions }),
      headers: { authorization: `Bearer ${tokenFor(box, SEED.users.admin)}` },
    });
    expect(body(res).nextLink).toMatch(/^http:\/\/127\.0\.0\.1:7000\/arm\/subscriptions\?api-version=2022-12-01&%24skiptoken=/);
  });

  it("answers 400 for a $skiptoken it never handed out", async () => {
    const box = newBox();
    const res = await call(box, "GET", `${LIST}&$skiptoken=garbage`, { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(400);
    expect(body(res).error.code).toBe("InvalidSkipToken");
  });

  it("answers the managing tenants the world records for a subscription", async () => {
    const box = newBox();
    box.state.subscriptions[0]!.managedByTenantIds = [SEED.otherTenantId];
    const { items } = await readAllPages(box, LIST, tokenFor(box, SEED.users.member));
    expect(items[0].managedByTenants).toEqual([{ tenantId: SEED.otherTenantId }]);
  });

  it("answers the subscription's tags when it has some", async () => {
    const box = newBox();
    box.state.subscriptions[0]!.tags = { env: "prod" };
    const { items } = await readAllPages(box, LIST, tokenFor(box, SEED.users.member));
    expect(items[0].tags).toEqual({ env: "prod" });
  });
});

describe("GET /subscriptions/{id}", () => {
  it("answers a subscription the caller may read", async () => {
    const box = newBox();
    const res = await call(box, "GET", get(subscriptionIdAt(0)), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(200);
    expect(body(res).displayName).toBe("Contoso Production");
  });

  it("matches the subscription id case-insensitively", async () => {
    const box = newBox();
    const res = await call(box, "GET", get(subscriptionIdAt(0).toUpperCase()), { token: tokenFor(box, SEED.users.member) });
    expect(body(res).subscriptionId).toBe(subscriptionIdAt(0));
  });

  it("answers 403 AuthorizationFailed for subscriptions/read when the caller's role is only inside the subscription", async () => {
    const box = newBox();
    const user = addUser(box, "rg-only");
    grant(box, user, ROLE_IDS.reader, `/subscriptions/${subscriptionIdAt(0)}/resourceGroups/rg-web`);
    const res = await call(box, "GET", get(subscriptionIdAt(0)), { token: tokenFor(box, user) });
    expect(res.status).toBe(403);
    expect(body(res).error.message).toBe(
      `The client 'rg-only@contoso.onmicrosoft.com' with object id '${user}' does not have authorization to perform action ` +
        `'Microsoft.Resources/subscriptions/read' over scope '/subscriptions/${subscriptionIdAt(0)}' or the scope is invalid. ` +
        `If access was recently granted, please refresh your credentials.`,
    );
  });

  it("answers 403 for a subscription of the caller's tenant without any role", async () => {
    const box = newBox();
    const res = await call(box, "GET", get(subscriptionIdAt(1)), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(403);
  });

  it("answers 404 SubscriptionNotFound for a subscription that does not exist", async () => {
    const box = newBox();
    const missing = guidFrom("subscription:missing");
    const res = await call(box, "GET", get(missing), { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(404);
    expect(body(res).error).toEqual({ code: "SubscriptionNotFound", message: `The subscription '${missing}' could not be found.` });
  });

  it("answers 401 InvalidAuthenticationTokenTenant for another tenant's subscription without delegated access", async () => {
    const box = newBox();
    const res = await call(box, "GET", get(LIGHTHOUSE), { token: tokenFor(box, SEED.users.member) });
    expect(res.status).toBe(401);
    expect(body(res).error.code).toBe("InvalidAuthenticationTokenTenant");
    expect(res.headers?.["www-authenticate"]).toContain(`authorization_uri="https://login.windows.net/${SEED.otherTenantId}"`);
  });

  it("answers another tenant's subscription to a caller it was delegated to", async () => {
    const box = newBox();
    const res = await call(box, "GET", get(LIGHTHOUSE), { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(200);
  });
});
