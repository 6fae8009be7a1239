import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { OrganizationSettingsAccess } from "../../clients/devops/securityClient";
import type { Cloud } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import type { RequestReviewServices } from "../requests/requestServices";
import { readSettings, SETTINGS_COLLECTION, SETTINGS_ID, type HubSettings } from "./settings";
import { settingsFromForm, type SettingsErrors, type SettingsForm } from "./settingsForm";

/**
 * Whether the person using the page may change organization-wide settings (Azure DevOps security, not extension data).
 * Advisory: extension data lets any user of the extension write the settings, so this only shapes what the page offers.
 */
export interface OrganizationPermissions {
  organizationSettingsAccess(): Promise<OrganizationSettingsAccess>;
}

export type { OrganizationSettingsAccess };

export interface SettingsSession {
  organization: string;
  userDisplayName: string;
}

/** What the settings page may ask for; it never reaches the SDK or a REST client itself. */
export interface SettingsServices {
  readonly session: SettingsSession;
  /** The clouds of this build, in the cloud table's order: each can have its own sign-in app. */
  readonly clouds: readonly Cloud[];
  read(): Promise<HubSettings>;
  /** "unknown" when Azure DevOps did not answer the check: the page says so and still lets the person save. */
  access(): Promise<OrganizationSettingsAccess>;
  /** Validates, checks the permission again, saves, and reads the settings back as every page will read them. */
  save(form: SettingsForm): Promise<SaveOutcome>;
  /** Requests to administrators (the Requests tab); absent in some tests. */
  readonly requests?: RequestReviewServices;
}

export type SaveOutcome = { saved: true; settings: HubSettings } | { saved: false; errors: SettingsErrors };

/** What the page says when Azure DevOps could not answer the permission check (the page still offers Save). */
export const PERMISSION_UNKNOWN =
  "Azure DevOps did not say whether you may change these settings; you can still save. The settings are not access-controlled, " +
  "so this check only shapes what the page offers.";

/** Why even a clear "denied" is only advice: said next to it, so nobody mistakes the check for protection. */
export const PERMISSION_ADVISORY =
  "This check is not a security boundary: Azure DevOps lets any user of the extension write its data, so the hub validates " +
  "these settings whenever it reads them and shows everything they change on Review.";

export const NO_PERMISSION = {
  title: "You may not change these settings.",
  detail:
    'Changing the organization\'s Azure connections settings needs the Azure DevOps permission "Edit instance-level information" ' +
    "(Organization settings > Permissions), which Project Collection Administrators have.",
  action: "Ask a Project Collection Administrator to change them, or to give you that permission.",
};

export function createSettingsServices(deps: {
  session: SettingsSession;
  clouds: readonly Cloud[];
  store: DocumentStore;
  permissions: OrganizationPermissions;
}): SettingsServices {
  return {
    session: deps.session,
    clouds: deps.clouds,
    read: () => readSettings(deps.store),
    access: () => deps.permissions.organizationSettingsAccess(),
    async save(form) {
      const checked = settingsFromForm(form, deps.clouds);
      if (!checked.ok) return { saved: false, errors: checked.errors };
      // Asked again at the moment of saving: the page may have been open while the permission was taken away.
      // This gates the page only: extension data itself lets any user of the extension write it (SECURITY.md).
      // Only a clear "denied" stops the save; "unknown" (the check could not answer) does not.
      if ((await deps.permissions.organizationSettingsAccess()) === "denied") throw new ProblemError(NO_PERMISSION);
      await deps.store.put(SETTINGS_COLLECTION, { id: SETTINGS_ID, ...checked.settings });
      return { saved: true, settings: await readSettings(deps.store) };
    },
  };
}
