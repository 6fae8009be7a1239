import type { ScopeChoice } from "./form";
import { scopeName } from "./scope";
import { CONTROL } from "./validation";

export const DEFAULT_NAME_TEMPLATE = "{organization}-{project}-{scope}";

export interface NamingValues {
  organization: string;
  project: string;
  scope: ScopeChoice;
}

type Placeholder = "organization" | "project" | "scope" | "scopeLevel";

/**
 * Fills a name template such as "{organization}-{project}-{scope}". Unknown placeholders stay as written so a typo
 * is visible; characters a service connection name may not hold (commas, control characters) are dropped.
 */
export function applyNameTemplate(template: string, values: NamingValues): string {
  const filled = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key as Placeholder) {
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
  // The same characters validation refuses in a name (control characters, commas); a cut never splits an emoji.
  const cut = filled.replace(new RegExp(CONTROL.source, "gu"), "").replace(/,/g, "").replace(/\s+/g, " ").trim().slice(0, 120);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
