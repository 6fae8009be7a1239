// @vitest-environment node
import type { DocumentStore } from "../../../../src/clients/devops/devopsTypes";
import { CLOUDS } from "../../../../src/platform/clouds";
import { ProblemError } from "../../../../src/platform/problem";
import { READER } from "../../../../src/workflows/provisioning/form";
import {
  DEFAULT_SETTINGS,
  isSignInConfigured,
  looksLikeClientSecret,
  readSettings,
  sanitizeSettings,
  SETTINGS_COLLECTION,
  SETTINGS_ID,
  type HubSettings,
} from "../../../../src/workflows/settings/settings";
import { CONTRIBUTOR, formFromSettings, settingsFromForm, type SettingsForm } from "../../../../src/workflows/settings/settingsForm";
import { createSettingsServices } from "../../../../src/workflows/settings/settingsService";

/** Organization settings: validated when saved, validated again when read, never a secret, never a place tokens go. */
const CLIENT_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SECRET = "abc8Q~abcdefghijklmnopqrstuvwxyz0123456789";

const GOOD: HubSettings = {
  signInClientIds: { AzureCloud: CLIENT_ID },
  defaultTenantId: TENANT_ID,
  nameTemplate: "{project}-{scope}",
  defaultRole: CONTRIBUTOR,
  defaultSecretDays: 90,
  allowAllPipelines: false,
  signInAudience: "AzureADMyOrg",
};

function memoryStore(initial?: unknown): DocumentStore & { documents: Map<string, unknown>; puts: number } {
  const documents = new Map<string, unknown>();
  if (initial !== undefined) documents.set(`${SETTINGS_COLLECTION}/${SETTINGS_ID}`, initial);
  const store = {
    documents,
    puts: 0,
    async get<T>(collection: string, id: string) {
      return documents.get(`${collection}/${id}`) as T | undefined;
    },
    async list<T>() {
      return [] as T[];
    },
    async put<T extends { id: string }>(collection: string, document: T) {
      store.puts += 1;
      documents.set(`${collection}/${document.id}`, JSON.parse(JSON.stringify(document)));
      return document;
    },
    async delete() {},
  };
  return store;
}

const form = (change: Partial<SettingsForm> = {}): SettingsForm => ({ ...formFromSettings(GOOD), ...change });

describe("reading the settings", () => {
  it("keeps every valid value as saved", () => {
    expect(sanitizeSettings(GOOD)).toEqual(GOOD);
  });

  it("falls back to the defaults when nothing was saved yet", async () => {
    expect(await readSettings(memoryStore())).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(sanitizeSettings("tampered")).toEqual(DEFAULT_SETTINGS);
  });

  it("drops every value a tampered document holds that the rules refuse", () => {
    const read = sanitizeSettings({
      signInClientIds: { AzureCloud: "not-a-guid", AzureUSGovernment: SECRET, Evil: CLIENT_ID },
      defaultTenantId: "contoso.onmicrosoft.com",
      nameTemplate: `{organization}-${SECRET}`,
      defaultRole: { id: "owner", roleName: "Owner" },
      defaultSecretDays: 10_000,
      allowAllPipelines: "yes",
    });
    expect(read).toEqual(DEFAULT_SETTINGS);
  });

  it("never takes a host, an authority, a redirect target or a secret from the document", () => {
    const read = sanitizeSettings({
      ...GOOD,
      authority: "https://login.evil.example",
      graph: { endpoint: "https://graph.evil.example" },
      redirectUri: "https://evil.example/steal",
      clientSecret: SECRET,
      signInClientIds: { AzureCloud: CLIENT_ID, "https://evil.example": CLIENT_ID },
    });
    expect(Object.keys(read).sort()).toEqual([
      "allowAllPipelines",
      "defaultRole",
      "defaultSecretDays",
      "defaultTenantId",
      "nameTemplate",
      "signInAudience",
      "signInClientIds",
    ]);
    expect(read.signInClientIds).toEqual({ AzureCloud: CLIENT_ID });
    expect(JSON.stringify(read)).not.toMatch(/evil|8Q~/);
  });

  it("keeps a sign-in app only for a cloud of this build's cloud table", () => {
    expect(sanitizeSettings({ signInClientIds: { AzureChinaCloud: CLIENT_ID, Emulator: CLIENT_ID } }).signInClientIds).toEqual({
      AzureChinaCloud: CLIENT_ID,
    });
  });

  it("says sign-in is configured once any cloud has a client ID", () => {
    expect(isSignInConfigured(DEFAULT_SETTINGS, CLOUDS)).toBe(false);
    expect(isSignInConfigured(GOOD, CLOUDS)).toBe(true);
  });

  it("recognises a client secret by its shape", () => {
    expect(looksLikeClientSecret(SECRET)).toBe(true);
    expect(looksLikeClientSecret(CLIENT_ID)).toBe(false);
    expect(looksLikeClientSecret("{organization}-{project}-{scope}")).toBe(false);
  });
});

describe("the settings form", () => {
  it("turns valid input into settings that read back unchanged", () => {
    const result = settingsFromForm(
      form({ clientIds: { AzureCloud: ` ${CLIENT_ID.toUpperCase()} ` }, defaultTenantId: TENANT_ID.toUpperCase() }),
      CLOUDS,
    );
    expect(result).toEqual({ ok: true, settings: GOOD });
    if (result.ok) expect(sanitizeSettings(JSON.parse(JSON.stringify(result.settings)))).toEqual(result.settings);
  });

  it("leaves out what was left empty, and the built-in template", () => {
    const result = settingsFromForm(
      form({
        clientIds: { AzureCloud: "" },
        signInAudience: "AzureADMultipleOrgs",
        defaultTenantId: " ",
        nameTemplate: "{organization}-{project}-{scope}",
      }),
      CLOUDS,
    );
    expect(result.ok && result.settings).toEqual({
      signInClientIds: {},
      defaultRole: CONTRIBUTOR,
      defaultSecretDays: 90,
      allowAllPipelines: false,
      signInAudience: "AzureADMultipleOrgs",
    });
  });

  it("refuses each invalid value with a sentence that says how to fix it", () => {
    const result = settingsFromForm(
      form({
        clientIds: { AzureCloud: "not-a-guid", AzureChinaCloud: SECRET },
        defaultTenantId: "contoso.com",
        nameTemplate: "{organization}-{team}",
        roleId: "reader",
        roleName: "",
        secretDays: "1000",
      }),
      CLOUDS,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors["clientId:AzureCloud"]).toMatch(/is a GUID/);
    expect(result.errors["clientId:AzureChinaCloud"]).toMatch(/looks like a client secret/);
    expect(result.errors.defaultTenantId).toMatch(/Directory \(tenant\) ID is a GUID/);
    expect(result.errors.nameTemplate).toBe("Unknown placeholder {team}. Use {organization}, {project}, {scope}, {scopeLevel}.");
    expect(result.errors.roleId).toMatch(/role definition ID is a GUID/);
    expect(result.errors.roleName).toMatch(/Enter the role's name/);
    expect(result.errors.secretDays).toMatch(/1 to 730/);
  });

  it("refuses a template with control characters or a secret in it", () => {
    expect(settingsFromForm(form({ nameTemplate: "a\tb" }), CLOUDS)).toMatchObject({
      ok: false,
      errors: { nameTemplate: expect.stringMatching(/control characters/) },
    });
    expect(settingsFromForm(form({ nameTemplate: `x-${SECRET}` }), CLOUDS)).toMatchObject({
      ok: false,
      errors: { nameTemplate: expect.stringMatching(/client secret/) },
    });
  });

  it("refuses a client ID for a cloud this build does not know", () => {
    expect(settingsFromForm(form({ clientIds: { AzureCloud: CLIENT_ID, Mars: CLIENT_ID } }), CLOUDS)).toMatchObject({
      ok: false,
      errors: { clouds: expect.stringMatching(/Mars/) },
    });
  });
});

describe("saving the settings", () => {
  const session = { organization: "contoso", userDisplayName: "Ada" };

  it("saves to extension data, then reads back what every page will read", async () => {
    const store = memoryStore();
    const services = createSettingsServices({
      session,
      clouds: CLOUDS,
      store,
      permissions: { organizationSettingsAccess: async () => "allowed" },
    });
    const outcome = await services.save(form());
    expect(outcome).toEqual({ saved: true, settings: GOOD });
    expect(store.documents.get(`${SETTINGS_COLLECTION}/${SETTINGS_ID}`)).toEqual({ id: SETTINGS_ID, ...GOOD });
    expect(await services.read()).toEqual(GOOD);
  });

  it("saves nothing and asks nobody when a value is invalid", async () => {
    const store = memoryStore();
    let asked = 0;
    const services = createSettingsServices({
      session,
      clouds: CLOUDS,
      store,
      permissions: { organizationSettingsAccess: async () => (asked++, "allowed") },
    });
    const outcome = await services.save(form({ defaultTenantId: "nope" }));
    expect(outcome.saved).toBe(false);
    expect(store.puts).toBe(0);
    expect(asked).toBe(0);
  });

  it("checks the permission at the moment of saving and saves nothing without it", async () => {
    const store = memoryStore({ id: SETTINGS_ID, ...DEFAULT_SETTINGS });
    const services = createSettingsServices({
      session,
      clouds: CLOUDS,
      store,
      permissions: { organizationSettingsAccess: async () => "denied" },
    });
    await expect(services.save(form())).rejects.toBeInstanceOf(ProblemError);
    await expect(services.save(form())).rejects.toThrow("You may not change these settings.");
    expect(store.puts).toBe(0);
    expect((await services.read()).defaultRole).toEqual(READER);
  });
});
