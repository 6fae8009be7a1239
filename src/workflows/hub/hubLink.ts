import { isGuid } from "../expiry/expiryIndex";

/**
 * The one way to link to the project hub on a connection (`?connection={id}`), and the one way the hub reads it back.
 * The dashboard widget and the organization's view build links with `hubConnectionUrl`; the hub reads its host page's
 * query with `linkedConnection`. Anyone can craft such a link: only a GUID is accepted, and the hub opens it only when
 * the id is in the project's own connection list.
 */
/** The Project Settings hub's contribution id, relative to the extension (vss-extension.json). */
export const HUB_CONTRIBUTION = "azure-connections-hub";
export const CONNECTION_PARAMETER = "connection";

/** The hub's address in a project's settings, with `?connection=` naming the connection to open; undefined when unsafe. */
export function hubConnectionUrl(
  organizationUrl: string,
  projectName: string,
  extensionId: string,
  connectionId?: string,
): string | undefined {
  let root: URL;
  try {
    root = new URL(organizationUrl.endsWith("/") ? organizationUrl : `${organizationUrl}/`);
  } catch {
    return undefined;
  }
  if (root.protocol !== "https:" && root.protocol !== "http:") return undefined;
  const url = new URL(`${encodeURIComponent(projectName)}/_settings/${encodeURIComponent(`${extensionId}.${HUB_CONTRIBUTION}`)}`, root);
  if (connectionId !== undefined) {
    if (!isGuid(connectionId)) return undefined;
    url.searchParams.set(CONNECTION_PARAMETER, connectionId.toLowerCase());
  }
  return url.href;
}

/** What a link asked the hub to open: a connection id, or something that is not one (never shown back). */
export type LinkedConnection = { kind: "id"; id: string } | { kind: "invalid" };

/** The connection a link names, from the host page's query parameters (as the navigation service answers them). */
export function linkedConnection(query: unknown): LinkedConnection | undefined {
  if (!query || typeof query !== "object") return undefined;
  const entry = Object.entries(query as Record<string, unknown>).find(([key]) => key.toLowerCase() === CONNECTION_PARAMETER);
  if (!entry) return undefined;
  const value = typeof entry[1] === "string" ? entry[1].trim() : undefined;
  if (value === undefined || value === "") return { kind: "invalid" };
  return isGuid(value) ? { kind: "id", id: value.toLowerCase() } : { kind: "invalid" };
}
