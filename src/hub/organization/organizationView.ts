import type { InventoryRow } from "../../workflows/connections/inventory";
import type { OrganizationRow } from "../../workflows/organization/organizationInventory";
import { matchesFilter, type ShowFilter } from "../connections/inventoryView";

/** How the organization's table filters beyond the project tab's own filter: by project and by the app's owners. */
export const ANY = "";

export interface OrganizationFilter {
  text: string;
  show: ShowFilter;
  /** A project id, or ANY. */
  projectId: string;
  /** An owner's id, or ANY. */
  ownerId: string;
}

export const projectsText = (row: InventoryRow): string => (row as OrganizationRow).projects.map((p) => p.name).join(", ");

export function matchesOrganizationFilter(row: OrganizationRow, filter: OrganizationFilter): boolean {
  if (filter.projectId !== ANY && !row.projects.some((p) => p.id.toLowerCase() === filter.projectId.toLowerCase())) return false;
  if (filter.ownerId !== ANY && !(row.access.state === "readable" && row.access.app.owners.some((o) => o.id === filter.ownerId)))
    return false;
  // The project tab's filter, with the project names searchable too.
  const words = filter.text.trim().toLowerCase();
  const projectWords = projectsText(row).toLowerCase();
  const rest = words
    .split(/\s+/)
    .filter((w) => w && !projectWords.includes(w))
    .join(" ");
  return matchesFilter(row, rest, filter.show);
}

/** Every owner of a readable app, once, by name: the owner filter's choices. */
export function ownerChoices(rows: readonly OrganizationRow[]): Array<{ id: string; text: string }> {
  const owners = new Map<string, string>();
  for (const row of rows) {
    if (row.access.state !== "readable") continue;
    for (const o of row.access.app.owners)
      owners.set(o.id, o.userPrincipalName ? `${o.displayName} (${o.userPrincipalName})` : o.displayName);
  }
  return [...owners].map(([id, text]) => ({ id, text })).sort((a, b) => a.text.localeCompare(b.text));
}

/** The directories whose apps no token of the signed-in account reached: each needs a sign-in to read. */
export function directoriesToSignIn(rows: readonly OrganizationRow[]): string[] {
  const tenants = new Set<string>();
  for (const row of rows) if (row.access.state === "noAccess" && row.access.signInTo) tenants.add(row.access.signInTo);
  return [...tenants].sort();
}
