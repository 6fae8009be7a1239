import type { Cloud } from "../clouds";

/**
 * Where each service's bearer token may go. A Graph token goes to the cloud's Graph host only, an ARM token to the
 * cloud's ARM host only, the Azure DevOps token to the organization's own Azure DevOps hosts only: a link a server
 * hands back (an ARM nextLink, a management group's @nextLink) that points anywhere else is refused, not followed.
 */
export type TokenAudience = (url: string) => boolean;

/** `url` is https (or the root's own scheme), on the root's origin, and at or below the root's path. */
export function isUnderRoot(url: string, root: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(root);
  } catch {
    return false;
  }
  if (target.origin !== base.origin || target.username || target.password) return false;
  const prefix = base.pathname.endsWith("/") ? base.pathname : `${base.pathname}/`;
  // The URL parser has already resolved "..", so a path that climbs out of the root no longer starts with it.
  return target.pathname === prefix.slice(0, -1) || target.pathname.startsWith(prefix);
}

export const underRoots =
  (...roots: string[]): TokenAudience =>
  (url) =>
    roots.some((root) => isUnderRoot(url, root));

/** Graph tokens: the cloud's Graph endpoint only. */
export const graphAudience = (cloud: Pick<Cloud, "graph">): TokenAudience => underRoots(cloud.graph.endpoint);

/** ARM tokens: the cloud's ARM endpoint only. */
export const armAudience = (cloud: Pick<Cloud, "arm">): TokenAudience => underRoots(cloud.arm.endpoint);

// An organization name as Azure DevOps allows it: letters, digits and hyphens, not starting or ending with a hyphen.
const ORGANIZATION = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/i;

/**
 * Azure DevOps tokens: the organization's own hosts, in both URL forms Azure DevOps uses: `dev.azure.com/{org}` with its
 * `vssps.` and `extmgmt.` siblings, or `{org}.visualstudio.com` with `{org}.vssps.` and `{org}.extmgmt.`. The development
 * build also allows the emulator's Azure DevOps root; production compiles that branch out.
 */
export function devopsAudience(organization: string): TokenAudience {
  if (!ORGANIZATION.test(organization)) return () => false;
  const org = organization.toLowerCase();
  const roots = [
    `https://dev.azure.com/${org}/`,
    `https://vssps.dev.azure.com/${org}/`,
    `https://extmgmt.dev.azure.com/${org}/`,
    `https://${org}.visualstudio.com/`,
    `https://${org}.vssps.visualstudio.com/`,
    `https://${org}.extmgmt.visualstudio.com/`,
    ...(__EMULATOR__ ? [`${__EMULATOR_ORIGIN__}/devops/${org}/`] : []),
  ];
  // Hosts are case-insensitive and the URL parser lower-cases them; the organization segment is compared the same way.
  return (url) => {
    try {
      const parsed = new URL(url);
      const lowered = `${parsed.origin}${parsed.pathname.replace(/^\/[^/]*/, (segment) => segment.toLowerCase())}`;
      return roots.some((root) => isUnderRoot(lowered, root));
    } catch {
      return false;
    }
  };
}
