import type { DocumentStore } from "../../clients/devops/devopsTypes";
import { cloudById, type Cloud } from "../../platform/clouds";
import { isGuid } from "../provisioning/validation";
import type { RoleChoice } from "../provisioning/form";
import { READER } from "../provisioning/form";

/**
 * Organization-wide settings (extension data, Default scope). Any user of the extension can write that scope, so
 * every value is validated again when read, and a settings document can never carry a secret or a redirect target:
 * it holds ids, a name template, a role, a number of days and a switch, and nothing else survives reading it.
 */
export interface HubSettings {
  /** The Entra client (application) id the hub signs in with, per cloud id. */
  signInClientIds: Record<string, string>;
  defaultTenantId?: string;
  nameTemplate?: string;
  /**
   * The role the guided form starts from. Only its id counts: the name shown on Role, Review, Run and Result is read
   * from ARM's role definition for that id (workflows/provisioning/roleRisk.ts confirmRole), never from this document.
   */
  defaultRole: RoleChoice;
  defaultSecretDays: number;
  /**
   * Whether the guided form may offer "Grant access permission to all pipelines". Advisory: any user of the extension
   * can rewrite this document, so it only shapes what the form offers; the choice itself is off by default and shown
   * on Review with a warning.
   */
  allowAllPipelines: boolean;
  /**
   * Who can sign in with the sign-in app, in Entra's signInAudience terms. A single-tenant app (AzureADMyOrg) answers
   * AADSTS50194 at /organizations, so it needs defaultTenantId, the directory sign-in goes to.
   */
  signInAudience?: SignInAppAudience;
}

export type SignInAppAudience = "AzureADMyOrg" | "AzureADMultipleOrgs";
export const SIGN_IN_APP_AUDIENCES: readonly SignInAppAudience[] = ["AzureADMyOrg", "AzureADMultipleOrgs"];

export const SETTINGS_COLLECTION = "settings";
export const SETTINGS_ID = "organization";

export const DEFAULT_SETTINGS: HubSettings = { signInClientIds: {}, defaultRole: READER, defaultSecretDays: 180, allowAllPipelines: false };

/** The placeholders a name template may use (workflows/provisioning/naming.ts fills them). */
export const NAME_TEMPLATE_PLACEHOLDERS = ["organization", "project", "scope", "scopeLevel"] as const;
export const MAX_NAME_TEMPLATE_LENGTH = 200;
/** The portal offers client secrets of up to 24 months; Graph accepts longer ones, which tenant policies often refuse. */
export const MAX_SECRET_DAYS = 730;

const MARKUP = /[<>"'`]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/**
 * Entra client secrets have a recognisable shape: three characters, a "Q~" marker after a digit, and 31-37 more
 * (e.g. "abc8Q~…"). A value of that shape is refused wherever a setting takes text, so a secret pasted into the
 * wrong field never reaches extension data, which every user of the extension can read.
 */
const CLIENT_SECRET_SHAPE = /[A-Za-z0-9_.~-]{3}\dQ~[A-Za-z0-9_.~-]{31,37}/;

export function looksLikeClientSecret(value: string): boolean {
  return CLIENT_SECRET_SHAPE.test(value);
}

/**
 * The rules of each setting. Each returns the sentence shown next to the field, or undefined when the value is fine.
 * The settings page checks them when saving; sanitizeSettings checks them again when reading.
 */
export const SETTING_RULES = {
  clientId(value: string): string | undefined {
    if (looksLikeClientSecret(value))
      return (
        "This looks like a client secret. Enter the Application (client) ID, a GUID, and never a secret: every user of the " +
        "extension can read these settings."
      );
    return isGuid(value)
      ? undefined
      : "The Application (client) ID is a GUID like 00000000-0000-0000-0000-000000000000 (Overview page of the app registration).";
  },
  tenantId(value: string): string | undefined {
    return isGuid(value)
      ? undefined
      : "The Directory (tenant) ID is a GUID like 00000000-0000-0000-0000-000000000000 (Overview page of Microsoft Entra ID).";
  },
  nameTemplate(value: string): string | undefined {
    if (value.trim().length === 0) return "Enter a template, or leave the default.";
    if (value.length > MAX_NAME_TEMPLATE_LENGTH)
      return `Use at most ${MAX_NAME_TEMPLATE_LENGTH} characters (this template has ${value.length}).`;
    if (CONTROL.test(value)) return "Remove the control characters (such as tabs or line breaks) from the template.";
    if (looksLikeClientSecret(value))
      return "This looks like a client secret. Never put a secret in the settings: every user of the extension can read them.";
    // Names made from the template land in Entra, Azure DevOps and other tools' pages: markup characters have no place there.
    if (MARKUP.test(value)) return "Remove the characters < > \" ' ` from the template: app and connection names do not need them.";
    const unknown = [...value.matchAll(/\{(\w*)\}/g)]
      .map((m) => m[1] ?? "")
      .filter((name) => !(NAME_TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
    if (unknown.length > 0)
      return `Unknown placeholder {${unknown[0]}}. Use ${NAME_TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`;
    return undefined;
  },
  roleName(value: string): string | undefined {
    if (value.trim().length === 0) return "Enter the role's name, as Azure shows it (for example Reader).";
    if (value.length > 200 || CONTROL.test(value)) return "Use at most 200 characters and no control characters.";
    if (looksLikeClientSecret(value))
      return "This looks like a client secret. Never put a secret in the settings: every user of the extension can read them.";
    return undefined;
  },
  roleId(value: string): string | undefined {
    return isGuid(value)
      ? undefined
      : "The role definition ID is a GUID (the last part of the role's ID in Azure, e.g. acdd72a7-3385-48ef-bd42-f606fba81ae7 for Reader).";
  },
  secretDays(value: number): string | undefined {
    return Number.isInteger(value) && value >= 1 && value <= MAX_SECRET_DAYS
      ? undefined
      : `Enter a whole number of days from 1 to ${MAX_SECRET_DAYS} (24 months).`;
  },
};

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const passes = (value: string | undefined, rule: (v: string) => string | undefined): value is string =>
  value !== undefined && rule(value) === undefined;

/**
 * Keeps only values that pass the rules; anything else falls back to the default, so a tampered document is harmless.
 * Sign-in apps are kept only for clouds of this build's cloud table: the cloud table, never the document, decides
 * where sign-in and tokens go.
 */
export function sanitizeSettings(raw: unknown): HubSettings {
  const record = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const ids: Record<string, string> = {};
  const rawIds = record["signInClientIds"];
  if (rawIds && typeof rawIds === "object" && !Array.isArray(rawIds)) {
    for (const [cloud, id] of Object.entries(rawIds as Record<string, unknown>)) {
      const value = text(id);
      if (cloudById(cloud) && passes(value, SETTING_RULES.clientId)) ids[cloud] = value.trim().toLowerCase();
    }
  }
  const tenant = text(record["defaultTenantId"]);
  const template = text(record["nameTemplate"]);
  const role = record["defaultRole"] && typeof record["defaultRole"] === "object" ? (record["defaultRole"] as Record<string, unknown>) : {};
  const roleId = text(role["id"]);
  const roleName = text(role["roleName"]);
  const days = record["defaultSecretDays"];
  const audience = SIGN_IN_APP_AUDIENCES.find((a) => a === record["signInAudience"]);
  return {
    signInClientIds: ids,
    ...(passes(tenant, SETTING_RULES.tenantId) ? { defaultTenantId: tenant.trim().toLowerCase() } : {}),
    ...(passes(template, SETTING_RULES.nameTemplate) ? { nameTemplate: template } : {}),
    defaultRole:
      passes(roleId, SETTING_RULES.roleId) && passes(roleName, SETTING_RULES.roleName)
        ? { id: roleId.trim().toLowerCase(), roleName: roleName.trim() }
        : READER,
    defaultSecretDays: typeof days === "number" && SETTING_RULES.secretDays(days) === undefined ? days : DEFAULT_SETTINGS.defaultSecretDays,
    // Only the boolean true allows it: "yes", 1 or a missing value leave it not allowed (least privilege by default).
    allowAllPipelines: record["allowAllPipelines"] === true,
    ...(audience ? { signInAudience: audience } : {}),
  };
}

export async function readSettings(store: DocumentStore): Promise<HubSettings> {
  return sanitizeSettings(await store.get<unknown>(SETTINGS_COLLECTION, SETTINGS_ID));
}

/** The clouds an organization has a sign-in app for, in the cloud table's order. */
export function configuredClouds(settings: HubSettings, clouds: readonly Cloud[]): Cloud[] {
  return clouds.filter((cloud) => Boolean(settings.signInClientIds[cloud.id]));
}

/** Whether anyone can sign in from the hub yet: false until an administrator enters a sign-in app for some cloud. */
export function isSignInConfigured(settings: HubSettings, clouds: readonly Cloud[]): boolean {
  return configuredClouds(settings, clouds).length > 0;
}
