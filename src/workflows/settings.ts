import type { DocumentStore } from "../clients/devops/devopsTypes";
import { isGuid } from "./provisioning/validation";
import type { RoleChoice } from "./provisioning/form";
import { READER } from "./provisioning/form";

/**
 * Organization-wide settings (extension data, Default scope). Any user of the extension can write that scope, so
 * every value is validated again when read, and a settings document can never carry a secret or a redirect target.
 */
export interface HubSettings {
  /** The Entra client (application) id the hub signs in with, per cloud id. */
  signInClientIds: Record<string, string>;
  defaultTenantId?: string;
  nameTemplate?: string;
  defaultRole: RoleChoice;
  defaultSecretDays: number;
  allowAllPipelines: boolean;
}

export const SETTINGS_COLLECTION = "settings";
export const SETTINGS_ID = "organization";

export const DEFAULT_SETTINGS: HubSettings = { signInClientIds: {}, defaultRole: READER, defaultSecretDays: 180, allowAllPipelines: true };

const str = (value: unknown, max: number) => (typeof value === "string" && value.length <= max ? value : undefined);

/** Keeps only values that pass validation; anything else falls back to the default, so a tampered document is harmless. */
export function sanitizeSettings(raw: unknown): HubSettings {
  const record = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const ids: Record<string, string> = {};
  const rawIds = record["signInClientIds"];
  if (rawIds && typeof rawIds === "object") {
    for (const [cloud, id] of Object.entries(rawIds as Record<string, unknown>)) if (/^[A-Za-z]{1,40}$/.test(cloud) && typeof id === "string" && isGuid(id)) ids[cloud] = id.trim();
  }
  const tenant = str(record["defaultTenantId"], 36);
  const template = str(record["nameTemplate"], 200);
  const role = record["defaultRole"] as Partial<RoleChoice> | undefined;
  const days = record["defaultSecretDays"];
  return {
    signInClientIds: ids,
    ...(tenant && isGuid(tenant) ? { defaultTenantId: tenant } : {}),
    // eslint-disable-next-line no-control-regex
    ...(template && !/[\u0000-\u001f]/.test(template) ? { nameTemplate: template } : {}),
    defaultRole: role && typeof role.id === "string" && isGuid(role.id) && typeof role.roleName === "string" && role.roleName.length <= 200 ? { id: role.id, roleName: role.roleName } : READER,
    defaultSecretDays: typeof days === "number" && Number.isInteger(days) && days >= 1 && days <= 730 ? days : DEFAULT_SETTINGS.defaultSecretDays,
    allowAllPipelines: typeof record["allowAllPipelines"] === "boolean" ? record["allowAllPipelines"] : DEFAULT_SETTINGS.allowAllPipelines,
  };
}

export async function readSettings(store: DocumentStore): Promise<HubSettings> {
  return sanitizeSettings(await store.get<unknown>(SETTINGS_COLLECTION, SETTINGS_ID));
}
