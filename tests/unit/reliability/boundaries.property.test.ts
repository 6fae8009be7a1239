// @vitest-environment node
/**
 * Property-based tests of the places where text from elsewhere becomes a URL or a marker: the sign-in authority built
 * from a tenant (settings' default directory, or a tenant chosen in the hub), the markers written on app registrations
 * and secrets (read back by every colleague's inventory), and the ARM scope built from a service connection's `data`
 * (which any user of the extension can edit).
 *
 * Valid inputs are built, not filtered: each generator makes a valid value most of the time and a hostile one the rest,
 * and each property counts how many were accepted, so a generator that drifted into producing only rejects (a test
 * that checks nothing but the "refuse" branch) fails.
 */
import fc from "fast-check";
import { armScopePath, parseArmScope } from "../../../src/clients/arm/armPaths";
import { ORGANIZATIONS, tenantAuthority } from "../../../src/clients/auth/tokenScopes";
import type { ServiceConnection } from "../../../src/clients/devops/devopsTypes";
import { CLOUDS } from "../../../src/platform/clouds";
import { ProblemError } from "../../../src/platform/problem";
import { connectionFacts } from "../../../src/workflows/connections/connectionFacts";
import {
  appNotes,
  appTags,
  MANAGED_TAG,
  readAppMarker,
  readSecretMarker,
  runTag,
  secretDisplayName,
  withConnectionTag,
} from "../../../src/workflows/provisioning/markers";
import { guid, hostileString } from "./hostileStrings";
import { acceptance } from "./support/acceptance";

const RUNS = { numRuns: 400 };

// ------------------------------------------------------------------ generators of valid values, built constructively

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((a) => a.join(""));
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = `${LOWER}${LOWER.toUpperCase()}${DIGITS}`;

/** A DNS label: letters and digits, hyphens only inside. */
const label = () =>
  fc
    .tuple(chars(`${LOWER}${DIGITS}`, 1, 1), chars(`${LOWER}${DIGITS}-`, 0, 20), chars(`${LOWER}${DIGITS}`, 1, 1))
    .map(([a, b, c]) => `${a}${b}${c}`);
/** A verified domain name: one or more labels and an alphabetic top-level domain. */
const domain = () =>
  fc
    .tuple(fc.array(label(), { minLength: 1, maxLength: 3 }), chars(LOWER, 2, 10))
    .map(([labels, tld]) => [...labels, tld].join("."))
    .chain((d) => fc.constantFrom(d, d.toUpperCase()));

/** Names that pass ARM's rules, one generator per kind, made from the allowed characters. */
const resourceGroup = () =>
  fc
    .tuple(
      fc.array(fc.oneof(chars(`${ALNUM}_-()`, 1, 1), fc.constantFrom("é", "ß", "Ж", "中", "ع")), { minLength: 1, maxLength: 60 }),
      fc.boolean(),
    )
    .map(([parts, dotted]) => {
      const name = parts.join("");
      // A period may appear inside, never at the end.
      return dotted && name.length > 1 ? `${name.slice(0, 1)}.${name.slice(1)}` : name;
    });
const managementGroup = () => fc.tuple(chars(`${ALNUM}_-().`, 0, 60), chars(`${ALNUM}_-()`, 1, 1)).map(([a, b]) => `${a}${b}`);
const workspace = () => fc.tuple(chars(ALNUM, 1, 1), chars(`${ALNUM}_-`, 2, 32)).map(([a, b]) => `${a}${b}`);

/**
 * ARM's naming rules as Azure documents them, written out here rather than borrowed from the product, so that a product
 * rule loosened by mistake is caught and not silently agreed with.
 */
type NameKind = "subscriptionId" | "resourceGroup" | "managementGroup" | "workspace";
const ARM_RULES: Record<NameKind, (name: string) => boolean> = {
  subscriptionId: (n) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(n),
  resourceGroup: (n) => /^[\p{L}\p{N}_\-.()]{1,90}$/u.test(n) && !n.endsWith("."),
  managementGroup: (n) => /^[A-Za-z0-9_\-.()]{1,90}$/.test(n) && !n.endsWith("."),
  workspace: (n) => /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/.test(n),
};

/** Hostile variants of a name: traversal, encoded separators, lookalike slashes and dots, overlong, not a GUID. */
const HOSTILE_NAMES = [
  "..",
  "../",
  "../../providers/Microsoft.Authorization",
  "a/../b",
  "%2e%2e",
  "%2F",
  "a%2Fb",
  "a%252Fb",
  "a\\b",
  "a?b=c",
  "a#b",
  "a\uFF0Fb", // fullwidth solidus
  "a\u2215b", // division slash
  "a\u2044b", // fraction slash
  "\uFF0E\uFF0E", // fullwidth full stops
  "rg.",
  "00000000-0000-0000-0000-00000000000g",
  "{00000000-0000-0000-0000-000000000000}",
  "x".repeat(91),
  "w".repeat(34),
  " leading",
  "",
];
const hostileName = () => fc.oneof(fc.constantFrom(...HOSTILE_NAMES), hostileString());

// ------------------------------------------------------------------ the sign-in authority

describe("the sign-in authority built from a tenant", () => {
  const tenant = () =>
    fc.oneof(
      { weight: 4, arbitrary: guid().map((g) => ({ value: g, valid: true })) },
      { weight: 4, arbitrary: guid().map((g) => ({ value: g.toUpperCase(), valid: true })) },
      { weight: 4, arbitrary: domain().map((d) => ({ value: d, valid: true })) },
      { weight: 3, arbitrary: hostileName().map((h) => ({ value: h, valid: false })) },
    );

  it("is the cloud's authority and exactly one path segment naming the tenant, or is refused", () => {
    const seen = acceptance(0.6);
    fc.assert(
      fc.property(fc.constantFrom(...CLOUDS), tenant(), (cloud, { value, valid }) => {
        let authority: string;
        try {
          authority = tenantAuthority(cloud, value);
        } catch (error) {
          expect(valid, `a valid tenant "${value}" was refused`).toBe(false);
          expect((error as Error).message).toMatch(/is not a tenant id or a verified domain name\.$/);
          seen.saw(false);
          return;
        }
        seen.saw(true);
        if (value === "") {
          expect(authority).toBe(`${cloud.authority}/${ORGANIZATIONS}`);
          return;
        }
        const url = new URL(authority);
        expect(url.origin).toBe(new URL(cloud.authority).origin);
        expect(url.search + url.hash).toBe("");
        expect(url.pathname.split("/").slice(1), "one segment").toEqual([value.toLowerCase()]);
        expect(authority).toBe(`${cloud.authority}/${value.toLowerCase()}`);
      }),
      RUNS,
    );
    seen.expectHigh();
  });

  it("signs in at /organizations when no directory is set", () => {
    for (const cloud of CLOUDS) expect(tenantAuthority(cloud)).toBe(`${cloud.authority}/${ORGANIZATIONS}`);
  });
});

// ------------------------------------------------------------------ markers on apps and secrets

describe("the markers on app registrations and secrets", () => {
  it("reads back the run, organization, project and connections an app was tagged with", () => {
    fc.assert(
      fc.property(
        guid(),
        fc.oneof(label(), hostileString()),
        guid(),
        fc.array(guid(), { maxLength: 3 }),
        (runId, organization, projectId, endpoints) => {
          let tags = appTags(runId, organization, projectId);
          for (const endpoint of [...endpoints, ...endpoints]) tags = withConnectionTag(tags, endpoint);
          const marker = readAppMarker(tags);
          expect(marker.managed).toBe(true);
          expect(marker.runId).toBe(runId);
          expect(marker.projectId).toBe(projectId);
          if (organization !== "") expect(marker.organization).toBe(organization);
          // Tagging twice with one connection tags it once.
          expect(marker.connectionIds).toEqual([...new Set(endpoints)]);
          expect(tags).toContain(runTag(runId));
        },
      ),
      RUNS,
    );
  });

  it("finds no run, project or connection in tags it did not write", () => {
    fc.assert(
      fc.property(fc.array(hostileString(), { maxLength: 6 }), (tags) => {
        const marker = readAppMarker(tags.filter((t) => !t.startsWith("azconn:")));
        expect(marker).toEqual({ managed: false, connectionIds: [] });
        expect(readAppMarker(tags).managed).toBe(tags.includes(MANAGED_TAG));
      }),
      RUNS,
    );
  });

  it("marks a secret so its owner reads back, whatever the description (a fake marker in it included)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(),
          guid().map((g) => `Pipelines [azconn:${g}]`),
        ),
        guid(),
        (description, owner) => {
          const name = secretDisplayName(description, owner);
          expect(readSecretMarker(name)).toBe(owner);
          expect(name.length).toBeLessThanOrEqual(100);
          expect(name.endsWith(` [azconn:${owner}]`)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it("reads no owner out of text it did not mark, and never anything but a GUID", () => {
    const seen = acceptance(0);
    fc.assert(
      fc.property(hostileString(), (text) => {
        const owner = readSecretMarker(text);
        seen.saw(owner !== undefined);
        if (owner !== undefined) {
          expect(owner).toMatch(/^[0-9a-fA-F-]{36}$/);
          expect(text.trimEnd().endsWith(`[azconn:${owner}]`)).toBe(true);
        }
      }),
      RUNS,
    );
    expect(readSecretMarker("[azconn:../../../../../../../../../../../../../..]")).toBeUndefined();
    expect(readSecretMarker("[azconn:00000000-0000-0000-0000-000000000000] and more")).toBeUndefined();
    expect(readSecretMarker(null)).toBeUndefined();
  });

  it("keeps the app's notes within Graph's 1024 characters", () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), hostileString(), (org, project, connection) => {
        expect(appNotes(org, project, connection).length).toBeLessThanOrEqual(1024);
      }),
      RUNS,
    );
  });
});

// ------------------------------------------------------------------ ARM scopes from connection data

/** The four shapes a scope path may take, with the kind of name at each variable segment. */
const SHAPES: { level: string; words: (string | NameKind)[] }[] = [
  { level: "Subscription", words: ["subscriptions", "subscriptionId"] },
  { level: "ResourceGroup", words: ["subscriptions", "subscriptionId", "resourceGroups", "resourceGroup"] },
  {
    level: "AzureMLWorkspace",
    words: [
      "subscriptions",
      "subscriptionId",
      "resourceGroups",
      "resourceGroup",
      "providers",
      "Microsoft.MachineLearningServices",
      "workspaces",
      "workspace",
    ],
  },
  { level: "ManagementGroup", words: ["providers", "Microsoft.Management", "managementGroups", "managementGroup"] },
];
const KINDS = new Set<string>(["subscriptionId", "resourceGroup", "managementGroup", "workspace"]);

/** A path the ARM client may send: one of the four shapes, each name encoded and passing its rule. */
function expectScopeShape(path: string): void {
  expect(path.startsWith("/")).toBe(true);
  const segments = path.slice(1).split("/");
  const shape = SHAPES.find(
    (s) => s.words.length === segments.length && s.words.every((w, i) => KINDS.has(w) || w.toLowerCase() === segments[i]!.toLowerCase()),
  );
  expect(shape, `"${path}" has none of the four scope shapes`).toBeDefined();
  shape!.words.forEach((word, i) => {
    if (!KINDS.has(word)) return;
    const name = decodeURIComponent(segments[i]!);
    expect(encodeURIComponent(name)).toBe(segments[i]);
    expect(ARM_RULES[word as NameKind](name), `${word} "${name}"`).toBe(true);
    expect(name === "." || name === "..").toBe(false);
  });
}

const connectionWith = (data: Record<string, string>): ServiceConnection => ({
  name: "c",
  type: "azurerm",
  url: "https://management.azure.com/",
  description: "",
  owner: "library",
  isShared: false,
  isReady: true,
  data,
  authorization: { scheme: "ServicePrincipal", parameters: {} },
  serviceEndpointProjectReferences: [],
});

describe("the ARM scope of a service connection's data", () => {
  // A random hostile string can now and then be a valid name ("a" is a resource group): ARM's own rule says which.
  const maybeHostile = (valid: fc.Arbitrary<string>, kind: NameKind) =>
    fc.oneof(
      { weight: 6, arbitrary: valid.map((value) => ({ value, valid: true })) },
      { weight: 1, arbitrary: hostileName().map((value) => ({ value, valid: value !== "" && ARM_RULES[kind](value) })) },
    );
  const data = () =>
    fc
      .record({
        level: fc.constantFrom("Subscription", "ManagementGroup", "AzureMLWorkspace"),
        subscriptionId: maybeHostile(guid(), "subscriptionId"),
        managementGroupId: maybeHostile(managementGroup(), "managementGroup"),
        resourceGroupName: maybeHostile(resourceGroup(), "resourceGroup"),
        mlWorkspaceName: maybeHostile(workspace(), "workspace"),
      })
      .map((d) => {
        const used =
          d.level === "Subscription"
            ? [d.subscriptionId]
            : d.level === "ManagementGroup"
              ? [d.managementGroupId]
              : [d.subscriptionId, d.resourceGroupName, d.mlWorkspaceName];
        return {
          data: {
            scopeLevel: d.level,
            subscriptionId: d.subscriptionId.value,
            managementGroupId: d.managementGroupId.value,
            resourceGroupName: d.resourceGroupName.value,
            mlWorkspaceName: d.mlWorkspaceName.value,
          },
          valid: used.every((u) => u.valid),
        };
      });

  it("becomes a path of one of the four shapes with valid names, or is refused before anything is sent", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(data(), ({ data: raw, valid }) => {
        const facts = connectionFacts(connectionWith(raw), "p");
        if (!facts.armScope) {
          // Data with a level's own field empty has no scope at all: nothing to send.
          seen.saw(false);
          return;
        }
        let path: string;
        try {
          path = armScopePath(facts.armScope);
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemError);
          expect(valid, `valid data was refused: ${JSON.stringify(raw)}`).toBe(false);
          expect(JSON.stringify((error as ProblemError).problem)).not.toMatch(/"\w+":\{/);
          seen.saw(false);
          return;
        }
        seen.saw(true);
        expect(valid, `hostile data was accepted: ${JSON.stringify(raw)} → ${path}`).toBe(true);
        expectScopeShape(path);
        // The names in the path are the connection's own, unchanged.
        const parsed = parseArmScope(facts.armScope);
        expect(parsed.level).toBe(facts.scopeLevel);
        if ("subscriptionId" in parsed) expect(parsed.subscriptionId).toBe(raw.subscriptionId);
        if ("resourceGroup" in parsed) expect(parsed.resourceGroup).toBe(raw.resourceGroupName);
        if ("workspace" in parsed) expect(parsed.workspace).toBe(raw.mlWorkspaceName);
        if ("managementGroupId" in parsed) expect(parsed.managementGroupId).toBe(raw.managementGroupId);
      }),
      RUNS,
    );
    seen.expectHigh();
  });

  it.each([
    ["resourceGroupName", "resourceGroup"],
    ["mlWorkspaceName", "workspace"],
    ["subscriptionId", "subscriptionId"],
  ] as const)("refuses each known-hostile %s in a workspace connection before anything is sent", (field, kind) => {
    const good = {
      scopeLevel: "AzureMLWorkspace",
      subscriptionId: "00000000-0000-4000-8000-000000000000",
      resourceGroupName: "rg",
      mlWorkspaceName: "ws1",
    };
    const hostile = HOSTILE_NAMES.filter((n) => n !== "" && !ARM_RULES[kind](n));
    expect(hostile.length).toBeGreaterThan(15);
    for (const name of hostile) {
      const scope = connectionFacts(connectionWith({ ...good, [field]: name }), "p").armScope!;
      expect(() => armScopePath(scope), `${field} "${name}"`).toThrow(ProblemError);
    }
  });

  it("refuses each known-hostile management group id before anything is sent", () => {
    for (const name of HOSTILE_NAMES.filter((n) => n !== "" && !ARM_RULES.managementGroup(n))) {
      const scope = connectionFacts(connectionWith({ scopeLevel: "ManagementGroup", managementGroupId: name }), "p").armScope!;
      expect(() => armScopePath(scope), `managementGroupId "${name}"`).toThrow(ProblemError);
    }
  });

  it("refuses a scope string with traversal, encoded separators, lookalikes or extra segments", () => {
    const valid = guid().map((g) => `/subscriptions/${g}`);
    const tails = fc.constantFrom(
      "/..",
      "/../..",
      "/%2e%2e",
      "%2F..",
      "/resourceGroups/rg/..",
      "/resourceGroups/rg\uFF0F..",
      "/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments",
      "/",
      "//",
      "?api-version=1",
      "#x",
      "\\..",
    );
    fc.assert(
      fc.property(valid, tails, (base, tail) => {
        let path: string | undefined;
        try {
          path = armScopePath(`${base}${tail}`);
        } catch (error) {
          expect(error).toBeInstanceOf(ProblemError);
          return;
        }
        // The only tail that may pass is a real resource group, whose name must then be a valid one.
        expectScopeShape(path);
      }),
      RUNS,
    );
  });
});
