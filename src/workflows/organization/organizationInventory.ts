import type { DocumentStore, ServiceConnectionsClient } from "../../clients/devops/devopsTypes";
import type { ProjectRef, ProjectsClient } from "../../clients/devops/projectsClient";
import { describeError } from "../../platform/describeError";
import type { Problem } from "../../platform/problem";
import { inPool } from "../../platform/pool";
import { summarize, type InventorySummary } from "../connections/credentialStatus";
import { listInventory, type Inventory, type InventoryRow } from "../connections/inventory";

export type { ProjectRef };

/**
 * "Connections across projects": every Azure Resource Manager connection of every project the person can see, read
 * project by project with a bounded number in flight, joined so a connection shared across projects is one row that
 * lists all its projects. A project whose list fails is kept with the reason, never skipped in silence.
 */
export interface OrganizationRow extends InventoryRow {
  /** Every project that holds the connection (its project references), the project that listed it first, first. */
  projects: ProjectRef[];
  /** The project its actions run in: the first project (in the organization's order) that listed it. */
  home: ProjectRef;
}

export interface ProjectFailure {
  project: ProjectRef;
  problem: Problem;
}

export interface OrganizationInventory {
  rows: OrganizationRow[];
  summary: InventorySummary;
  credentialsRead: boolean;
  /** Every project the person can see, in the organization's order. */
  projects: ProjectRef[];
  /** Projects whose connections could not be listed, with why. */
  failures: ProjectFailure[];
}

export interface LoadProgress {
  /** Projects whose list has answered (or failed). */
  done: number;
  total: number;
  failed: number;
}

export interface OrganizationPorts {
  projects: Pick<ProjectsClient, "listProjects">;
  connections: Pick<ServiceConnectionsClient, "listAzureRm">;
  /** The person's own extension data (journals), read once for every project. */
  journal: DocumentStore;
}

/** Projects listed at once: enough to hide latency over 200 projects, few enough not to be throttled by Azure DevOps. */
export const PROJECT_CONCURRENCY = 10;

export async function listOrganizationInventory(
  ports: OrganizationPorts,
  onProgress: (progress: LoadProgress) => void = () => undefined,
  concurrency = PROJECT_CONCURRENCY,
): Promise<OrganizationInventory> {
  const projects = await ports.projects.listProjects();
  const journal = onceListed(ports.journal);
  const listed = new Map<string, Inventory | Problem>();
  let failed = 0;
  onProgress({ done: 0, total: projects.length, failed });
  await inPool(projects, concurrency, async (project) => {
    try {
      listed.set(project.id, await listInventory({ connections: ports.connections, journal }, project.id));
    } catch (error) {
      failed += 1;
      listed.set(project.id, describeError(error, { step: `Listing the connections of ${project.name}` }));
    }
    onProgress({ done: listed.size, total: projects.length, failed });
  });

  // Joined in the organization's order (not the order answers came in), so a row's home project is stable.
  const rows = new Map<string, OrganizationRow>();
  const failures: ProjectFailure[] = [];
  for (const project of projects) {
    const result = listed.get(project.id)!;
    if (!("rows" in result)) {
      failures.push({ project, problem: result });
      continue;
    }
    for (const row of result.rows) {
      const key = row.facts.id.toLowerCase();
      const seen = rows.get(key);
      if (seen) {
        if (!seen.projects.some((p) => same(p.id, project.id))) seen.projects.push(project);
        continue;
      }
      const others = row.facts.sharedWith.filter((p) => !same(p.id, project.id));
      rows.set(key, { ...row, home: project, projects: [project, ...others.map((p) => nameOf(p, projects))] });
    }
  }
  const joined = [...rows.values()].sort((a, b) => a.facts.name.localeCompare(b.facts.name));
  return { rows: joined, summary: summarize(joined, false), credentialsRead: false, projects, failures };
}

/**
 * Graph's half for the whole organization at once, so apps are batched across projects (15 to a read, 20 reads to a
 * request): `read` is the project tab's reader, given every row.
 */
export async function readOrganizationCredentials(
  inventory: OrganizationInventory,
  read: (inventory: Inventory) => Promise<Inventory>,
): Promise<OrganizationInventory> {
  const answered = await read({ rows: inventory.rows, summary: inventory.summary, credentialsRead: inventory.credentialsRead });
  const byId = new Map(inventory.rows.map((r) => [r.facts.id.toLowerCase(), r]));
  const rows = answered.rows.map((row): OrganizationRow => {
    const before = byId.get(row.facts.id.toLowerCase())!;
    return { ...row, projects: before.projects, home: before.home };
  });
  return { ...inventory, rows, summary: summarize(rows, true), credentialsRead: true };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A project reference's name as the organization names it now (a reference may carry an old name). */
const nameOf = (reference: ProjectRef, projects: readonly ProjectRef[]): ProjectRef =>
  projects.find((p) => same(p.id, reference.id)) ?? reference;

/** The journals are the person's, not a project's: listed once however many projects are read. */
function onceListed(store: DocumentStore): DocumentStore {
  const lists = new Map<string, Promise<unknown[]>>();
  return {
    get: (collection, id) => store.get(collection, id),
    put: (collection, document) => store.put(collection, document),
    delete: (collection, id) => store.delete(collection, id),
    list<T>(collection: string): Promise<T[]> {
      let found = lists.get(collection);
      if (!found) lists.set(collection, (found = store.list<T>(collection)));
      return found as Promise<T[]>;
    },
  };
}
