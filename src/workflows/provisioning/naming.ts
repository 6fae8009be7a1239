import type { ScopeChoice } from "./form";
import { scopeName } from "./scope";

export const DEFAULT_NAME_TEMPLATE = "{organization}-{project}-{scope}";

export interface NamingValues {
  organization: string;
  project: string;
  scope: ScopeChoice;
}

const PLACEHOLDERS = ["organization", "project", "scope", "scopeLevel"] as const;

/**
 * Fills a name template such as "{organization}-{project}-{scope}". Unknown placeholders stay as written so a typo
 * is visible; characters a service connection name may not hold (commas, control characters) are dropped.
 */
export function applyNameTemplate(template: string, values: NamingValues): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key as (typeof PLACEHOLDERS)[number]) {
      case "organization":
        return values.organization;
      case "project":
        return values.project;
      case "scope":
        return scopeName(values.scope);
      case "scopeLevel":
        return values.scope.level;
      default:
        return whole;
    }
  });
  // eslint-disable-next-line no-control-regex
  return filled.replace(/[\u0000-\u001f\u007f,]/g, "").replace(/\s+/g, " ").trim().slice(0, 120);
}
