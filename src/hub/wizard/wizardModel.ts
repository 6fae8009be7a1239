import type { DraftField } from "../../workflows/provisioning/draft";
import type { RoleChoice } from "../../workflows/provisioning/form";
/** Organization defaults the form starts from (from the settings hub). */
export interface WizardDefaults {
  tenantId?: string;
  nameTemplate?: string;
  role?: RoleChoice;
  secretDays?: number;
  allowAllPipelines: boolean;
}

/** The pages of the guided form, in order, with the fields each one owns (for "Next" validation). */
export const WIZARD_PAGES = [
  { id: "signIn", title: "Sign in", fields: ["tenantId"] },
  { id: "scope", title: "Scope", fields: ["scope"] },
  { id: "app", title: "App registration", fields: ["appName"] },
  { id: "secret", title: "Authentication", fields: ["credential", "secretDescription", "secretExpiry"] },
  { id: "role", title: "Role", fields: ["role"] },
  { id: "connection", title: "Service connection", fields: ["connectionName", "connectionDescription"] },
  { id: "review", title: "Review", fields: [] },
  { id: "run", title: "Create", fields: [] },
  { id: "result", title: "Result", fields: [] },
] as const satisfies ReadonlyArray<{ id: string; title: string; fields: readonly DraftField[] }>;

export type WizardPageId = (typeof WIZARD_PAGES)[number]["id"];

export function pageIndex(id: WizardPageId): number {
  return WIZARD_PAGES.findIndex((p) => p.id === id);
}

/** The first page, up to `index`, with a field problem: where "Next" must stop. */
export function firstInvalidPage(errors: Partial<Record<DraftField, string>>, index: number): number | undefined {
  for (let i = 0; i <= index && i < WIZARD_PAGES.length; i++) {
    if (WIZARD_PAGES[i]!.fields.some((f) => errors[f])) return i;
  }
  return undefined;
}
