// @vitest-environment node
/**
 * Property-based tests of the whole forms: the guided form's draft (draft.ts), bring-your-own-app (byoForm.ts) and the
 * organization settings as read from extension data that any user can write (settings.ts sanitizeSettings). With
 * hostile text in every field the rules never throw, every problem is a sentence next to its field, a form is produced
 * exactly when nothing is wrong, and what reaches a service is what the rules accepted.
 */
import fc from "fast-check";
import { newByoDraft, toByoForm, validateByo, type ByoDraft } from "../../../src/workflows/byo/byoForm";
import {
  newDraft,
  secretEndDate,
  toForm,
  validateDraft,
  withDefaultNames,
  type ProvisioningDraft,
} from "../../../src/workflows/provisioning/draft";
import { READER } from "../../../src/workflows/provisioning/form";
import { validateAppName, validateConnectionName } from "../../../src/workflows/provisioning/validation";
import { CLOUDS } from "../../../src/platform/clouds";
import {
  looksLikeClientSecret,
  MAX_SECRET_DAYS,
  readSettings,
  sanitizeSettings,
  SETTING_RULES,
  SETTINGS_COLLECTION,
  SETTINGS_ID,
} from "../../../src/workflows/settings/settings";
import type { DocumentStore } from "../../../src/clients/devops/devopsTypes";
import { CONTROL_CHARACTERS, expectSentence, guid, hostileString } from "./hostileStrings";
import { clientSecretValue, typedText } from "./support/acceptance";

const RUNS = { numRuns: 300 };
const NOW = new Date("2026-03-01T12:00:00Z");

const draftArb = (): fc.Arbitrary<ProvisioningDraft> =>
  fc
    .record({
      tenantId: fc.oneof(guid(), hostileString()),
      scopeLevel: fc.constantFrom("Subscription" as const, "ManagementGroup" as const, "AzureMLWorkspace" as const),
      subscription: fc.option(fc.record({ id: guid(), name: hostileString() }), { nil: undefined }),
      managementGroup: fc.option(fc.record({ id: hostileString(), name: hostileString() }), { nil: undefined }),
      resourceGroup: fc.option(hostileString(), { nil: undefined }),
      workspace: fc.option(fc.record({ name: hostileString(), location: hostileString() }), { nil: undefined }),
      appName: hostileString(),
      appNameEdited: fc.boolean(),
      credential: fc.constantFrom("secret" as const, "federation" as const),
      secretDescription: hostileString(),
      secretLifetime: fc.oneof(
        fc.constantFrom(90, 180, 365, 545, 730),
        fc.integer({ min: -5, max: 5_000 }),
        fc.constant("custom" as const),
      ),
      secretCustomDate: fc.oneof(
        hostileString(),
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom("2026-02-30", "2027-0", "9999-99-99"),
      ),
      connectionName: hostileString(),
      connectionNameEdited: fc.boolean(),
      connectionDescription: hostileString(),
    })
    .map((fields) => {
      const draft: ProvisioningDraft = { ...newDraft("AzureCloud", fields.tenantId), ...fields, role: READER };
      for (const key of ["subscription", "managementGroup", "resourceGroup", "workspace"] as const)
        if (draft[key] === undefined) delete draft[key];
      return draft;
    });

/** A draft a careful person fills in: built valid (not filtered), so the "accept" branch is what mostly runs. */
const validDraftArb = (): fc.Arbitrary<ProvisioningDraft> =>
  fc
    .record({
      tenantId: guid(),
      scopeLevel: fc.constantFrom("Subscription" as const, "ManagementGroup" as const, "AzureMLWorkspace" as const),
      subscription: fc.record({ id: guid(), name: typedText(40) }),
      managementGroup: fc.record({ id: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/), name: typedText(40) }),
      resourceGroup: fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
      workspace: fc.record({ name: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{2,20}$/), location: fc.constantFrom("westeurope", "eastus") }),
      appName: typedText(100),
      appNameEdited: fc.constant(true),
      credential: fc.constantFrom("secret" as const, "federation" as const),
      secretDescription: typedText(60),
      secretLifetime: fc.constantFrom(90, 180, 365, 545, 730),
      connectionName: typedText(200).map((name) => name.replace(/,/g, " ")),
      connectionNameEdited: fc.constant(true),
      connectionDescription: fc.oneof(fc.constant(""), typedText(300)),
    })
    .map((fields): ProvisioningDraft => ({ ...newDraft("AzureCloud", fields.tenantId), ...fields, role: READER }));

describe("the guided form's draft", () => {
  it("validates any draft without throwing, one sentence per field, and yields a form exactly when nothing is wrong", () => {
    let generated = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: validDraftArb() }, { weight: 2, arbitrary: draftArb() }), (draft) => {
        const errors = validateDraft(draft, NOW);
        for (const message of Object.values(errors)) expectSentence(message);
        const form = toForm(draft, NOW);
        expect(form === undefined).toBe(Object.keys(errors).length > 0);
        generated += 1;
        if (!form) return;
        accepted += 1;
        // What reaches Graph and Azure DevOps is what the rules accepted, trimmed.
        expect(validateAppName(form.app.displayName)).toBeUndefined();
        expect(validateConnectionName(form.connection.name)).toBeUndefined();
        expect(form.app.displayName).toBe(form.app.displayName.trim());
        expect(form.connection.name).toBe(form.connection.name.trim());
        expect(form.credential).toBe(draft.credential);
        // The secret's fields count only on the secret path.
        if (form.credential !== "secret") return;
        expect(form.secret.description.replace(/\r\n|\r|\n/g, "")).not.toMatch(CONTROL_CHARACTERS);
        expect(Date.parse(form.secret.endDateTime)).toBeGreaterThan(NOW.getTime());
      }),
      RUNS,
    );
    // Most runs reach the "accept" branch: the checks on what is sent are exercised, not skipped.
    expect(accepted / generated, `${accepted} of ${generated} drafts accepted`).toBeGreaterThanOrEqual(0.5);
  });

  it("reads any custom expiry as a real date or none, never throwing", () => {
    fc.assert(
      fc.property(draftArb(), (draft) => {
        const end = secretEndDate({ ...draft, secretLifetime: "custom" }, NOW);
        if (end !== "") expect(new Date(end).toISOString()).toBe(end);
      }),
      RUNS,
    );
  });

  it("fills default names from hostile organization, project and scope names that are valid, or says what is missing", () => {
    fc.assert(
      fc.property(draftArb(), hostileString(), hostileString(), (draft, organization, project) => {
        const filled = withDefaultNames(
          { ...draft, appNameEdited: false, connectionNameEdited: false, appName: "", connectionName: "" },
          { organization, project },
        );
        if (filled.appName.trim() === "") return;
        expect(validateAppName(filled.appName)).toBeUndefined();
        expect(validateConnectionName(filled.connectionName)).toBeUndefined();
      }),
      RUNS,
    );
  });
});

const byoArb = (): fc.Arbitrary<ByoDraft> =>
  fc
    .record({
      scopeLevel: fc.constantFrom("Subscription" as const, "ManagementGroup" as const, "AzureMLWorkspace" as const),
      subscriptionId: fc.oneof(guid(), hostileString()),
      subscriptionName: hostileString(),
      managementGroupId: fc.oneof(fc.stringMatching(/^[-\w().]{1,20}$/), hostileString()),
      managementGroupName: hostileString(),
      resourceGroupName: fc.oneof(fc.stringMatching(/^[-\w().]{1,20}$/), hostileString()),
      workspaceName: fc.oneof(fc.stringMatching(/^[-\w().]{1,20}$/), hostileString()),
      workspaceLocation: fc.oneof(fc.constantFrom("westeurope", "WestEurope ", "east us"), hostileString()),
      appId: fc.oneof(guid(), hostileString()),
      tenantId: fc.oneof(guid(), hostileString()),
      connectionName: hostileString(),
      connectionDescription: hostileString(),
    })
    .map((fields) => ({ ...newByoDraft(), ...fields }));

/** An app registration's details as copied from the portal, built valid. */
const validByoArb = (): fc.Arbitrary<ByoDraft> =>
  fc
    .record({
      scopeLevel: fc.constantFrom("Subscription" as const, "ManagementGroup" as const, "AzureMLWorkspace" as const),
      subscriptionId: guid(),
      subscriptionName: typedText(40),
      managementGroupId: fc.stringMatching(/^[-\w().]{1,40}$/),
      managementGroupName: typedText(40),
      resourceGroupName: fc.stringMatching(/^[-\w().]{1,40}$/),
      workspaceName: fc.stringMatching(/^[-\w]{3,20}$/),
      workspaceLocation: fc.constantFrom("westeurope", "eastus2", "japaneast"),
      appId: guid(),
      tenantId: guid(),
      connectionName: typedText(200).map((name) => name.replace(/,/g, " ")),
      connectionDescription: fc.oneof(fc.constant(""), typedText(300)),
    })
    .map((fields) => ({ ...newByoDraft(), ...fields }));
describe("bring your own app registration", () => {
  it("validates any draft and secret without throwing, and yields a form exactly when nothing is wrong", () => {
    let generated = 0;
    let accepted = 0;
    const inputs = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(validByoArb(), clientSecretValue()) },
      { weight: 2, arbitrary: fc.tuple(byoArb(), hostileString()) },
    );
    fc.assert(
      fc.property(inputs, ([draft, secret]) => {
        const errors = validateByo(draft, secret);
        for (const message of Object.values(errors)) expectSentence(message);
        const form = toByoForm(draft, "AzureCloud", secret);
        expect(form === undefined).toBe(Object.keys(errors).length > 0);
        generated += 1;
        if (!form) return;
        accepted += 1;
        expect(validateConnectionName(form.connection.name)).toBeUndefined();
        if (form.scope.level === "AzureMLWorkspace") expect(form.scope.workspaceLocation).toMatch(/^[a-z0-9]{2,40}$/);
      }),
      RUNS,
    );
    expect(accepted / generated, `${accepted} of ${generated} accepted`).toBeGreaterThanOrEqual(0.5);
  });

  it("never puts the typed secret in the form or in a message", () => {
    fc.assert(
      fc.property(byoArb(), fc.stringMatching(/^[A-Za-z0-9]{3}8Q~[A-Za-z0-9_.~-]{34}$/), (draft, secret) => {
        const errors = validateByo(draft, secret);
        for (const message of Object.values(errors)) expect(message).not.toContain(secret);
        const form = toByoForm(draft, "AzureCloud", secret);
        if (form) expect(JSON.stringify(form)).not.toContain(secret);
      }),
      RUNS,
    );
  });
});

/** A client secret pasted into the wrong field (its shape: three characters, a digit, "Q~", then more). */
const PASTED_SECRET = "abc8Q~0123456789abcdefghijklmnopqrstuvwxy";

describe("the organization settings read from extension data", () => {
  const tampered = () =>
    fc.oneof(
      fc.anything(),
      fc.record({
        signInClientIds: fc.oneof(
          fc.dictionary(
            fc.oneof(fc.constantFrom(...CLOUDS.map((c) => c.id), "__proto__", "constructor", "Emulator"), hostileString()),
            fc.oneof(guid(), hostileString(), fc.anything()),
          ),
          fc.anything(),
        ),
        defaultTenantId: fc.oneof(guid(), hostileString(), fc.anything()),
        nameTemplate: fc.oneof(
          fc.constantFrom("{organization}-{project}", `{organization}-${PASTED_SECRET}`),
          hostileString(),
          fc.anything(),
        ),
        defaultRole: fc.oneof(
          fc.record({ id: fc.oneof(guid(), hostileString()), roleName: fc.oneof(hostileString(), fc.constant(PASTED_SECRET)) }),
          fc.anything(),
        ),
        defaultSecretDays: fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.double(), fc.anything()),
        allowAllPipelines: fc.anything(),
      }),
    );

  it("keeps only values that pass the settings' own rules, whatever the document holds", () => {
    fc.assert(
      fc.property(tampered(), (raw) => {
        const settings = sanitizeSettings(raw);
        for (const [cloud, id] of Object.entries(settings.signInClientIds)) {
          expect(CLOUDS.map((c) => c.id)).toContain(cloud);
          expect(SETTING_RULES.clientId(id)).toBeUndefined();
        }
        expect(Object.getPrototypeOf(settings.signInClientIds)).toBe(Object.prototype);
        if (settings.defaultTenantId !== undefined) expect(SETTING_RULES.tenantId(settings.defaultTenantId)).toBeUndefined();
        if (settings.nameTemplate !== undefined) expect(SETTING_RULES.nameTemplate(settings.nameTemplate)).toBeUndefined();
        expect(SETTING_RULES.roleId(settings.defaultRole.id)).toBeUndefined();
        expect(SETTING_RULES.roleName(settings.defaultRole.roleName)).toBeUndefined();
        expect(
          Number.isInteger(settings.defaultSecretDays) && settings.defaultSecretDays >= 1 && settings.defaultSecretDays <= MAX_SECRET_DAYS,
        ).toBe(true);
        expect(typeof settings.allowAllPipelines).toBe("boolean");
        // Nothing shaped like a client secret survives reading.
        expect(looksLikeClientSecret(JSON.stringify(settings))).toBe(false);
      }),
      RUNS,
    );
  });

  it("reaches every page only through those rules: what is read from extension data is what they kept", async () => {
    await fc.assert(
      fc.asyncProperty(tampered(), async (raw) => {
        // Extension data as the SDK hands it back: JSON, whatever anyone wrote.
        const document = raw && typeof raw === "object" && !Array.isArray(raw) ? { ...raw, id: SETTINGS_ID } : { id: SETTINGS_ID, raw };
        const text = JSON.stringify(document) ?? "{}";
        const store: Pick<DocumentStore, "get"> = {
          get: async <T>(collection: string, id: string) =>
            collection === SETTINGS_COLLECTION && id === SETTINGS_ID ? (JSON.parse(text) as T) : undefined,
        };
        expect(await readSettings(store as DocumentStore)).toEqual(sanitizeSettings(JSON.parse(text)));
      }),
      { numRuns: 100 },
    );
  });

  it("is idempotent: reading what it kept keeps it all", () => {
    fc.assert(
      fc.property(tampered(), (raw) => {
        const once = sanitizeSettings(raw);
        expect(sanitizeSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }),
      RUNS,
    );
  });
});
