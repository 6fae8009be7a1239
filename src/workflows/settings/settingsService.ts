import type { DocumentStore } from "../../clients/devops/devopsTypes";
import type { Cloud } from "../../platform/clouds";
import { ProblemError } from "../../platform/problem";
import { readSettings, SETTINGS_COLLECTION, SETTINGS_ID, type HubSettings } from "./settings";
import { settingsFromForm, type SettingsErrors, type SettingsForm } from "./settingsForm";

/** Whether the person using the page may change organization-wide settings (Azure DevOps security, not extension data). */
export interface OrganizationPermissions {
  canEditOrganizationSettings(): Promise<boolean>;
}

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
  canEdit(): Promise<boolean>;
  /** Validates, checks the permission again, saves, and reads the settings back as every page will read them. */
  save(form: SettingsForm): Promise<SaveOutcome>;
}

export type SaveOutcome = { saved: true; settings: HubSettings } | { saved: false; errors: SettingsErrors };

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
    canEdit: () => deps.permissions.canEditOrganizationSettings(),
    async save(form) {
      const checked = settingsFromForm(form, deps.clouds);
      if (!checked.ok) return { saved: false, errors: checked.errors };
      // Asked again at the moment of saving: the page may have been open while the permission was taken away.
      // This gates the page only: extension data itself lets any user of the extension write it (SECURITY.md).
      if (!(await deps.permissions.canEditOrganizationSettings())) throw new ProblemError(NO_PERMISSION);
      await deps.store.put(SETTINGS_COLLECTION, { id: SETTINGS_ID, ...checked.settings });
      return { saved: true, settings: await readSettings(deps.store) };
    },
  };
}
