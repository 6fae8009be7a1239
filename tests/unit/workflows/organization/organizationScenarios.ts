import type { AzureInABox } from "../../../../emulator/model/azureInABox";
import { addSharedConnection } from "../../../../emulator/model/scenarios";

/**
 * An organization's connections for the organization's view: `perProject` connections in each project (each with its
 * own app and secret), named so they sort by project. Returns the connection ids.
 */
export function addConnectionsInEveryProject(model: AzureInABox, perProject: number): string[] {
  const ids: string[] = [];
  model.state.devops.projects.forEach((project, p) => {
    for (let i = 0; i < perProject; i++) {
      const name = `p${String(p).padStart(3, "0")}-c${String(i).padStart(3, "0")}`;
      ids.push(addSharedConnection(model, { name, projects: [project.id] }).endpoint.id);
    }
  });
  return ids;
}
