// @vitest-environment node
import { CLOUDS } from "../../../../src/platform/clouds";
import { READER } from "../../../../src/workflows/provisioning/form";
import { DEFAULT_SETTINGS, readSettings, SETTINGS_COLLECTION, SETTINGS_ID } from "../../../../src/workflows/settings/settings";
import { createSettingsServices } from "../../../../src/workflows/settings/settingsService";
import { MemoryDocumentStore } from "../../fakes/memoryDocumentStore";

/**
 * The settings READ path (readSettings and the settings service's read) over extension data that any user of the
 * extension may have written: every tampered value must come back as the default, never as what the document says.
 */
const OWNER_ID = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

const planted = (raw: unknown) => new MemoryDocumentStore().plant(SETTINGS_COLLECTION, SETTINGS_ID, raw);
const serviceOver = (store: MemoryDocumentStore) =>
  createSettingsServices({
    session: { organization: "contoso", userDisplayName: "Mallory" },
    clouds: CLOUDS,
    store,
    permissions: { organizationSettingsAccess: async () => "unknown" },
  });

describe("reading a tampered settings document", () => {
  it("reads wrong types, huge strings and script-like strings as the defaults", async () => {
    const store = planted({
      id: SETTINGS_ID,
      signInClientIds: ["not", "a", "map"],
      defaultTenantId: "a".repeat(1_000_000),
      nameTemplate: "<script>alert(document.cookie)</script>{project}",
      defaultRole: "Owner",
      defaultSecretDays: 1e9,
      allowAllPipelines: "yes",
      signInAudience: "AzureADandPersonalMicrosoftAccount",
    });
    expect(await readSettings(store)).toEqual(DEFAULT_SETTINGS);
    expect(await serviceOver(store).read()).toEqual(DEFAULT_SETTINGS);
  });

  it("never allows granting all pipelines unless the document says exactly true", async () => {
    for (const value of ["yes", "true", 1, {}, [true], null]) {
      expect((await readSettings(planted({ allowAllPipelines: value }))).allowAllPipelines).toBe(false);
    }
    expect((await readSettings(new MemoryDocumentStore())).allowAllPipelines).toBe(false);
    expect((await readSettings(planted("not an object"))).allowAllPipelines).toBe(false);
    expect((await readSettings(planted({ allowAllPipelines: true }))).allowAllPipelines).toBe(true);
  });

  it("keeps a role { id: Owner, name: Reader } only as an id: the name it carries is a label, never what the hub shows", async () => {
    // The document's roleName passes the rules (it is plain text), so it is read back, but nothing displays it as the
    // role's name: the wizard names the role from ARM's definition for the id (tests/unit/workflows/provisioning/confirmRole.test.ts).
    const read = await readSettings(planted({ defaultRole: { id: OWNER_ID.toUpperCase(), roleName: "Reader" } }));
    expect(read.defaultRole.id).toBe(OWNER_ID);
    expect(read.defaultRole.id).not.toBe(READER.id);
  });

  it("drops unknown role ids that are not GUIDs, and role names with control characters", async () => {
    expect((await readSettings(planted({ defaultRole: { id: "Owner", roleName: "Owner" } }))).defaultRole).toEqual(READER);
    expect((await readSettings(planted({ defaultRole: { id: OWNER_ID, roleName: "Rea\u0000der" } }))).defaultRole).toEqual(READER);
    expect((await readSettings(planted({ defaultRole: { id: OWNER_ID, roleName: "x".repeat(201) } }))).defaultRole).toEqual(READER);
  });

  it("keeps sign-in apps only for this build's clouds, and only as GUIDs", async () => {
    const read = await readSettings(
      planted({
        signInClientIds: {
          AzureCloud: CLIENT_ID.toUpperCase(),
          AzureUSGovernment: "javascript:alert(1)",
          AzureChinaCloud: 42,
          "https://login.evil.example": CLIENT_ID,
          __proto__: { AzureCloud: "00000000-0000-0000-0000-000000000000" },
        },
      }),
    );
    expect(read.signInClientIds).toEqual({ AzureCloud: CLIENT_ID });
  });

  it("refuses a script-like name template when the settings page saves it", async () => {
    const store = new MemoryDocumentStore();
    const services = serviceOver(store);
    const base = {
      clientIds: {},
      signInAudience: "AzureADMultipleOrgs" as const,
      defaultTenantId: "",
      roleId: READER.id,
      roleName: READER.roleName,
      secretDays: "180",
      allowAllPipelines: false,
    };
    const outcome = await services.save({ ...base, nameTemplate: '<img src=x onerror="alert(1)">{project}' });
    expect(outcome).toMatchObject({ saved: false, errors: { nameTemplate: expect.stringMatching(/Remove the characters/) } });
    expect(store.writes).toEqual([]);
  });

  it("lets a person save when the permission check could not answer, since extension data enforces nothing anyway", async () => {
    const store = new MemoryDocumentStore();
    const outcome = await serviceOver(store).save({
      clientIds: { AzureCloud: CLIENT_ID },
      signInAudience: "AzureADMultipleOrgs",
      defaultTenantId: "",
      nameTemplate: "",
      roleId: READER.id,
      roleName: READER.roleName,
      secretDays: "180",
      allowAllPipelines: false,
    });
    expect(outcome.saved).toBe(true);
    expect(store.writes).toHaveLength(1);
  });
});
