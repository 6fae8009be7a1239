/** The project hub's contribution id (vss-extension.json), under Project settings. */
export const PROJECT_HUB_CONTRIBUTION = "azure-connections-hub";

/**
 * Where "Open in project" goes: the project's Azure connections hub (Project settings > Azure connections) on one
 * connection, `…/{project}/_settings/{publisher}.{extension}.{hub}?connection={id}`. The one place this URL is built.
 */
export function projectHubUrl(organizationUrl: string, extensionId: string, project: { name: string }, connectionId: string): string {
  const root = organizationUrl.endsWith("/") ? organizationUrl : `${organizationUrl}/`;
  const hub = `${extensionId}.${PROJECT_HUB_CONTRIBUTION}`;
  return `${root}${encodeURIComponent(project.name)}/_settings/${encodeURIComponent(hub)}?connection=${encodeURIComponent(connectionId)}`;
}
