// @vitest-environment node
/**
 * Property-based tests of the name template (naming.ts) and the durable markers (markers.ts): whatever an organization,
 * project, subscription, management group or workspace is called — markup, right-to-left, control characters, emoji,
 * very long — the default names the template fills in are valid names, and the markers read back what was written.
 */
import fc from "fast-check";
import type { ScopeChoice } from "../../../src/workflows/provisioning/form";
import { applyNameTemplate, DEFAULT_NAME_TEMPLATE } from "../../../src/workflows/provisioning/naming";
import {
  appNotes,
  appTags,
  readAppMarker,
  readSecretMarker,
  runTag,
  secretDisplayName,
  withConnectionTag,
} from "../../../src/workflows/provisioning/markers";
import { validateAppName, validateConnectionName } from "../../../src/workflows/provisioning/validation";
import { guid, hostileString, wellFormed } from "./hostileStrings";

const RUNS = { numRuns: 400 };

const scope = (): fc.Arbitrary<ScopeChoice> =>
  fc.oneof(
    fc.record({ level: fc.constant("Subscription" as const), subscriptionId: guid(), subscriptionName: hostileString() }),
    fc.record({ level: fc.constant("ManagementGroup" as const), managementGroupId: fc.string(), managementGroupName: hostileString() }),
    fc.record({
      level: fc.constant("AzureMLWorkspace" as const),
      subscriptionId: guid(),
      subscriptionName: hostileString(),
      resourceGroupName: fc.string(),
      workspaceName: hostileString(),
      workspaceLocation: fc.string(),
    }),
  );

/** Templates as an administrator may write them: placeholders, text, and anything in between. */
const template = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant(DEFAULT_NAME_TEMPLATE),
    fc
      .array(fc.oneof(fc.constantFrom("{organization}", "{project}", "{scope}", "{scopeLevel}", "{typo}", "-", " "), hostileString()), {
        maxLength: 6,
      })
      .map((parts) => parts.join("")),
  );

const NO_COMMA_OR_SPACE = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => c !== ",");

describe("the name template", () => {
  it("fills names that are valid app and connection names whenever they are not empty", () => {
    fc.assert(
      fc.property(template(), hostileString(), hostileString(), scope(), (t, organization, project, s) => {
        const name = applyNameTemplate(t, { organization, project, scope: s });
        expect(wellFormed(name)).toBe(true);
        expect(name.length).toBeLessThanOrEqual(120);
        if (name.trim() === "") return;
        expect(validateAppName(name)).toBeUndefined();
        expect(validateConnectionName(name)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it("puts the values in as text, never interpreting them (a placeholder inside a value stays as written)", () => {
    fc.assert(
      fc.property(
        // Printable ASCII without commas and spaces, built from that alphabet rather than filtered down to it.
        fc.string({ unit: fc.constantFrom(...NO_COMMA_OR_SPACE), maxLength: 30 }),
        (project) => {
          const name = applyNameTemplate("{project}", {
            organization: "{scope}",
            project: `${project}{organization}`,
            scope: { level: "ManagementGroup", managementGroupId: "mg", managementGroupName: "mg" },
          });
          expect(name).toBe(`${project}{organization}`.slice(0, 120));
        },
      ),
    );
  });
});

describe("the markers", () => {
  it("a secret's display name names its owner, whatever its description says, in at most 100 characters", () => {
    fc.assert(
      fc.property(hostileString(), guid(), (description, owner) => {
        const displayName = secretDisplayName(description, owner);
        expect(readSecretMarker(displayName)).toBe(owner);
        expect(displayName.length).toBeLessThanOrEqual(100);
        expect(displayName.endsWith(` [azconn:${owner}]`)).toBe(true);
      }),
      RUNS,
    );
  });

  it("reads no marker from a display name that does not end with one", () => {
    fc.assert(
      fc.property(hostileString(), (displayName) => {
        const marker = readSecretMarker(displayName);
        if (marker !== undefined) expect(displayName).toMatch(new RegExp(`\\[azconn:${marker}\\]\\s*$`));
      }),
      RUNS,
    );
  });

  it("an app's tags read back as written, and adding a connection twice adds it once", () => {
    fc.assert(
      fc.property(
        guid(),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9-]{0,48}$/),
        guid(),
        fc.array(guid(), { maxLength: 3 }),
        (runId, organization, projectId, connections) => {
          let tags = appTags(runId, organization, projectId);
          for (const id of [...connections, ...connections]) tags = withConnectionTag(tags, id);
          expect(readAppMarker(tags)).toEqual({ managed: true, runId, organization, projectId, connectionIds: [...new Set(connections)] });
          expect(tags).toContain(runTag(runId));
        },
      ),
      RUNS,
    );
  });

  it("an app's notes stay within Graph's 1,024 characters for any names", () => {
    fc.assert(
      fc.property(hostileString(), hostileString(), hostileString(), (organization, project, connection) => {
        expect(appNotes(organization, project, connection).length).toBeLessThanOrEqual(1024);
      }),
      RUNS,
    );
  });
});
