import type { Cloud } from "../../platform/clouds";
import { READER, type RoleChoice } from "../provisioning/form";
import { DEFAULT_NAME_TEMPLATE } from "../provisioning/naming";
import { sanitizeSettings, SETTING_RULES, type HubSettings, type SignInAppAudience } from "./settings";

/**
 * The settings page's form: what a person types, as text. `settingsFromForm` turns it into settings or into the
 * sentences shown next to the fields; nothing is saved unless every field passes.
 */
export interface SettingsForm {
  /** Application (client) id of the sign-in app, per cloud id; empty when that cloud is not used. */
  clientIds: Record<string, string>;
  /** Who can sign in with the sign-in app (the registration's "Supported account types"). */
  signInAudience: SignInAppAudience;
  defaultTenantId: string;
  /** Empty means the built-in template. */
  nameTemplate: string;
  roleId: string;
  roleName: string;
  secretDays: string;
  allowAllPipelines: boolean;
}

export type SettingsField = `clientId:${string}` | "defaultTenantId" | "nameTemplate" | "roleId" | "roleName" | "secretDays" | "clouds";
export type SettingsErrors = Partial<Record<SettingsField, string>>;

export const CONTRIBUTOR: RoleChoice = { id: "b24988ac-6180-42a0-ab88-20f7382dd24c", roleName: "Contributor" };
/** The roles the settings page offers by name; any other built-in or custom role is entered by its name and id. */
export const ROLE_PRESETS: readonly RoleChoice[] = [READER, CONTRIBUTOR];

/**
 * Built-in roles whose ids are the same in every directory and cloud: enough to name the common ones without asking ARM
 * (the settings page is not signed in to Azure), so a saved name that disguises one of them is caught where it is typed
 * and shown for what it is. Any other id is named by ARM when the hub uses it.
 */
export const WELL_KNOWN_ROLES: readonly RoleChoice[] = [
  READER,
  CONTRIBUTOR,
  { id: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", roleName: "Owner" },
  { id: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", roleName: "User Access Administrator" },
  { id: "f58310d9-a9f6-439a-9e8d-f62e7b41a168", roleName: "Role Based Access Control Administrator" },
];

export function wellKnownRoleName(id: string): string | undefined {
  return WELL_KNOWN_ROLES.find((r) => r.id === id.trim().toLowerCase())?.roleName;
}

export { DEFAULT_NAME_TEMPLATE };

export function formFromSettings(settings: HubSettings): SettingsForm {
  return {
    clientIds: { ...settings.signInClientIds },
    // Settings saved before the choice existed: a default directory suggests a single-tenant app.
    signInAudience: settings.signInAudience ?? (settings.defaultTenantId ? "AzureADMyOrg" : "AzureADMultipleOrgs"),
    defaultTenantId: settings.defaultTenantId ?? "",
    nameTemplate: settings.nameTemplate ?? "",
    roleId: settings.defaultRole.id,
    roleName: settings.defaultRole.roleName,
    secretDays: String(settings.defaultSecretDays),
    allowAllPipelines: settings.allowAllPipelines,
  };
}

export type SettingsFromForm = { ok: true; settings: HubSettings } | { ok: false; errors: SettingsErrors };

/** Checks every field (the same rules reading applies) and builds the settings document, or says what to fix. */
export function settingsFromForm(form: SettingsForm, clouds: readonly Cloud[]): SettingsFromForm {
  const errors: SettingsErrors = {};
  const signInClientIds: Record<string, string> = {};
  for (const cloud of clouds) {
    const value = (form.clientIds[cloud.id] ?? "").trim();
    if (!value) continue;
    const error = SETTING_RULES.clientId(value);
    if (error) errors[`clientId:${cloud.id}`] = error;
    else signInClientIds[cloud.id] = value.toLowerCase();
  }
  const unknownClouds = Object.entries(form.clientIds).filter(([id, value]) => value.trim() && !clouds.some((c) => c.id === id));
  if (unknownClouds.length > 0) errors.clouds = `This build does not know the cloud ${unknownClouds.map(([id]) => id).join(", ")}.`;

  const tenant = form.defaultTenantId.trim();
  if (tenant) {
    const error = SETTING_RULES.tenantId(tenant);
    if (error) errors.defaultTenantId = error;
  } else if (form.signInAudience === "AzureADMyOrg") {
    // Entra refuses a single-tenant app at /organizations (AADSTS50194): sign-in must go to the app's own directory.
    errors.defaultTenantId =
      "A single-tenant sign-in app signs in only at its own directory: enter that directory's ID (Overview page of Microsoft Entra ID), " +
      "or choose that the app accepts any directory.";
  }
  const template = form.nameTemplate.trim();
  if (template) {
    const error = SETTING_RULES.nameTemplate(template);
    if (error) errors.nameTemplate = error;
  }
  const roleNameError = SETTING_RULES.roleName(form.roleName);
  if (roleNameError) errors.roleName = roleNameError;
  const roleIdError = SETTING_RULES.roleId(form.roleId.trim());
  if (roleIdError) errors.roleId = roleIdError;
  const builtInName = wellKnownRoleName(form.roleId);
  if (!roleIdError && !roleNameError && builtInName && builtInName.toLowerCase() !== form.roleName.trim().toLowerCase())
    errors.roleName =
      `The role definition ID ${form.roleId.trim().toLowerCase()} is Azure's built-in role ${builtInName}: ` +
      "enter that name, or the ID of the role you mean.";
  const days = /^\s*\d+\s*$/.test(form.secretDays) ? Number(form.secretDays) : Number.NaN;
  const daysError = SETTING_RULES.secretDays(days);
  if (daysError) errors.secretDays = daysError;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const settings: HubSettings = {
    signInClientIds,
    ...(tenant ? { defaultTenantId: tenant.toLowerCase() } : {}),
    ...(template && template !== DEFAULT_NAME_TEMPLATE ? { nameTemplate: template } : {}),
    defaultRole: { id: form.roleId.trim().toLowerCase(), roleName: form.roleName.trim() },
    defaultSecretDays: days,
    allowAllPipelines: form.allowAllPipelines,
    signInAudience: form.signInAudience,
  };
  // What is saved must read back unchanged; a rule that drifted between saving and reading would show up here.
  const reread = sanitizeSettings(settings);
  if (JSON.stringify(reread) !== JSON.stringify(settings)) throw new Error("The settings would not read back as saved.");
  return { ok: true, settings };
}
