import { guidFrom } from "../../../emulator/model/core/ids";
import { ROLE_IDS, SEED } from "../../../emulator/model/seed";
import { addUser, body, call, grant, newBox, readAllPages, tokenFor, V } from "./support/armKit";

const TENANTS = `/tenants?api-version=${V.subscriptions}`;
const GROUPS = `/providers/Microsoft.Management/managementGroups?api-version=${V.managementGroups}`;
const group = (name: string): string => `/providers/Microsoft.Management/managementGroups/${name}?api-version=${V.managementGroups}`;

describe("GET /tenants", () => {
  it("answers the caller's home tenant in the spec's shape", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, TENANTS, tokenFor(box, SEED.users.member));
    expect(items).toEqual([
      {
        id: `/tenants/${SEED.tenantId}`,
        tenantId: SEED.tenantId,
        countryCode: "US",
        displayName: "Contoso",
        domains: ["contoso.onmicrosoft.com"],
        tenantCategory: "Home",
        defaultDomain: "contoso.onmicrosoft.com",
        tenantType: "AAD",
      },
    ]);
  });

  it("adds a tenant that delegated a subscription to the caller as ProjectedBy", async () => {
    const box = newBox();
    const { items } = await readAllPages(box, TENANTS, tokenFor(box, SEED.users.admin));
    expect(items.map((t: { tenantId: string; tenantCategory: string }) => [t.tenantId, t.tenantCategory])).toEqual([
      [SEED.tenantId, "Home"],
      [SEED.otherTenantId, "ProjectedBy"],
    ]);
  });

  it("lists a guest's home tenant and the tenant that invited them", async () => {
    const box = newBox();
    const asGuestHere = await readAllPages(box, TENANTS, tokenFor(box, SEED.users.guest));
    expect(asGuestHere.items.map((t: { tenantId: string }) => t.tenantId).sort()).toEqual([SEED.tenantId, SEED.otherTenantId].sort());
    const atHome = await readAllPages(box, TENANTS, tokenFor(box, SEED.guestHomeUserId, { tenantId: SEED.otherTenantId }));
    expect(atHome.items.map((t: { tenantId: string }) => t.tenantId).sort()).toEqual([SEED.tenantId, SEED.otherTenantId].sort());
  });

  it("answers a tenant's branding logo and verified domains when it has them", async () => {
    const box = newBox();
    box.state.tenants[0]!.brandingLogoUrl = "https://example.test/logo.png";
    box.state.tenants[0]!.domains = ["contoso.onmicrosoft.com", "contoso.com"];
    const { items } = await readAllPages(box, TENANTS, tokenFor(box, SEED.users.member));
    expect(items[0].tenantBrandingLogoUrl).toBe("https://example.test/logo.png");
    expect(items[0].domains).toEqual(["contoso.onmicrosoft.com", "contoso.com"]);
  });
});

describe("GET /providers/Microsoft.Management/managementGroups", () => {
  it("lists the groups at or below the caller's role, with @nextLink null on the last page", async () => {
    const box = newBox();
    const res = await call(box, "GET", GROUPS, { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(200);
    expect(body(res)).toEqual({
      value: [
        {
          id: `/providers/Microsoft.Management/managementGroups/${SEED.tenantId}`,
          type: "Microsoft.Management/managementGroups",
          name: SEED.tenantId,
          properties: { tenantId: SEED.tenantId, displayName: "Tenant Root Group" },
        },
        {
          id: "/providers/Microsoft.Management/managementGroups/contoso-platform",
          type: "Microsoft.Management/managementGroups",
          name: "contoso-platform",
          properties: { tenantId: SEED.tenantId, displayName: "Contoso Platform" },
        },
        {
          id: "/providers/Microsoft.Management/managementGroups/contoso-sandbox",
          type: "Microsoft.Management/managementGroups",
          name: "contoso-sandbox",
          properties: { tenantId: SEED.tenantId, displayName: "Contoso Sandbox" },
        },
      ],
      "@nextLink": null,
    });
  });

  it("hides groups above or beside the caller's role, and all groups from callers with subscription roles only", async () => {
    const box = newBox();
    const user = addUser(box, "platform-reader");
    grant(box, user, ROLE_IDS.reader, "/providers/Microsoft.Management/managementGroups/contoso-platform");
    expect(body(await call(box, "GET", GROUPS, { token: tokenFor(box, user) })).value.map((g: { name: string }) => g.name)).toEqual([
      "contoso-platform",
    ]);
    expect(body(await call(box, "GET", GROUPS, { token: tokenFor(box, SEED.users.member) })).value).toEqual([]);
  });

  it("pages by an absolute @nextLink", async () => {
    const box = newBox();
    for (let i = 0; i < 150; i++)
      box.state.managementGroups.push({ name: `mg-${i}`, displayName: `Group ${i}`, tenantId: SEED.tenantId, parentName: SEED.tenantId });
    const token = tokenFor(box, SEED.users.admin);
    const first = body(await call(box, "GET", GROUPS, { token }));
    expect(first.value).toHaveLength(100);
    expect(first["@nextLink"]).toMatch(
      /^https:\/\/management\.azure\.com\/providers\/Microsoft\.Management\/managementGroups\?api-version=2023-04-01&%24skiptoken=/,
    );
    const { items, pages } = await readAllPages(box, GROUPS, token);
    expect(items).toHaveLength(153);
    expect(pages).toBe(2);
  });

  it("accepts the 2021-04-01 api-version too", async () => {
    const box = newBox();
    const res = await call(box, "GET", `/providers/Microsoft.Management/managementGroups?api-version=2021-04-01`, {
      token: tokenFor(box, SEED.users.admin),
    });
    expect(res.status).toBe(200);
  });
});

describe("GET /providers/Microsoft.Management/managementGroups/{name}", () => {
  it("answers the group with its parent", async () => {
    const box = newBox();
    const res = await call(box, "GET", group("contoso-platform"), { token: tokenFor(box, SEED.users.admin) });
    expect(res.status).toBe(200);
    expect(body(res).properties).toMatchObject({
      tenantId: SEED.tenantId,
      displayName: "Contoso Platform",
      details: {
        version: 1,
        parent: {
          id: `/providers/Microsoft.Management/managementGroups/${SEED.tenantId}`,
          name: SEED.tenantId,
          displayName: "Tenant Root Group",
        },
      },
    });
  });

  it("answers the root group with no parent", async () => {
    const box = newBox();
    const res = await call(box, "GET", group(SEED.tenantId), { token: tokenFor(box, SEED.users.admin) });
    expect(body(res).properties.details.parent).toBeNull();
  });

  it("answers 403 AuthorizationFailed for a group the caller cannot read, and for one that does not exist", async () => {
    const box = newBox();
    const token = tokenFor(box, SEED.users.member);
    const res = await call(box, "GET", group("contoso-platform"), { token });
    expect(res.status).toBe(403);
    expect(body(res).error.message).toContain(
      "'Microsoft.Management/managementGroups/read' over scope '/providers/Microsoft.Management/managementGroups/contoso-platform'",
    );
    const admin = tokenFor(box, SEED.users.admin);
    expect((await call(box, "GET", group("no-such-group"), { token: admin })).status).toBe(403);
  });

  it("answers 404 for a missing group to a caller with access at the tenant root scope", async () => {
    const box = newBox();
    const user = addUser(box, "root-owner");
    grant(box, user, ROLE_IDS.owner, "/");
    const res = await call(box, "GET", group("no-such-group"), { token: tokenFor(box, user) });
    expect(res.status).toBe(404);
  });

  it("reads the group name case-insensitively and answers the stored casing", async () => {
    const box = newBox();
    const res = await call(
      box,
      "GET",
      `/PROVIDERS/microsoft.management/MANAGEMENTGROUPS/Contoso-Platform?api-version=${V.managementGroups}`,
      { token: tokenFor(box, SEED.users.admin) },
    );
    expect(body(res).name).toBe("contoso-platform");
  });

  it("does not show another tenant's group", async () => {
    const box = newBox();
    box.state.managementGroups.push({ name: "fabrikam-root", displayName: "Fabrikam", tenantId: SEED.otherTenantId });
    grant(box, SEED.users.admin, ROLE_IDS.reader, `/subscriptions/${guidFrom("subscription:lighthouse")}`);
    const names = body(await call(box, "GET", GROUPS, { token: tokenFor(box, SEED.users.admin) })).value.map(
      (g: { name: string }) => g.name,
    );
    expect(names).not.toContain("fabrikam-root");
  });
});
