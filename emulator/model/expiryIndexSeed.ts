import type { State } from "./state";

/**
 * What the Azure connections hub leaves behind after reading a project's connections: the expiry index in
 * Default-scope extension data (src/workflows/expiry/expiryIndex.ts), one document per connection with a secret,
 * naming the latest end date among its app's secrets. For the dashboard widget under `npm start` and in tests:
 * `readDaysAgo` makes the reading old (a stale index). The document shape is the one recordExpiry writes.
 */
export interface ExpiryIndexSeedOptions {
  projectId: string;
  /** When the reading was made, relative to `now`. */
  readDaysAgo?: number;
  now: number;
  reader?: { id: string; displayName: string };
}

const DAY_MS = 86_400_000;

export function seedExpiryIndex(state: State, options: ExpiryIndexSeedOptions): number {
  const projectId = options.projectId.toLowerCase();
  const reader = options.reader ?? { id: state.devops.user.id.toLowerCase(), displayName: state.devops.user.displayName };
  const readAt = new Date(options.now - (options.readDaysAgo ?? 0) * DAY_MS).toISOString();
  const collection = (state.devops.extensionData[`Default/Current/expiry-index-${projectId}`] ??= {});
  let written = 0;
  for (const endpoint of state.devops.serviceEndpoints) {
    const inProject = endpoint.serviceEndpointProjectReferences.some((r) => r.projectReference.id.toLowerCase() === projectId);
    const scheme = endpoint.authorization.scheme.toLowerCase();
    const appId = endpoint.authorization.parameters["serviceprincipalid"]?.toLowerCase();
    if (!inProject || endpoint.type !== "azurerm" || scheme !== "serviceprincipal" || !appId || !endpoint.id) continue;
    const app = state.applications.find((a) => a.appId.toLowerCase() === appId);
    const ends = (app?.passwordCredentials ?? []).map((p) => Date.parse(p.endDateTime)).filter(Number.isFinite);
    if (ends.length === 0) continue;
    const id = endpoint.id.toLowerCase();
    const previous = collection[id];
    collection[id] = {
      id,
      schema: 1,
      connectionId: id,
      appId,
      endDateTime: new Date(Math.max(...ends)).toISOString(),
      readAt,
      readBy: reader,
      __etag: typeof previous?.["__etag"] === "number" ? previous["__etag"] + 1 : 1,
    };
    written++;
  }
  return written;
}
