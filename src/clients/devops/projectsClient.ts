import { sdkDevOpsRest, type DevOpsRest } from "./devopsRest";

/** A project of the organization the person can see. */
export interface ProjectRef {
  id: string;
  name: string;
}

export interface ProjectsClient {
  /** Every project of the organization the signed-in person can see (GET /_apis/projects, paged by $top/$skip). */
  listProjects(): Promise<ProjectRef[]>;
}

const CORE_AREA = "79134c72-4a58-4b42-976c-04e7115f32bf";
const PAGE = 100;

/**
 * The organization's projects through the small Azure DevOps REST helper (the api package's Core client reads its
 * paged list from a raw response the hub's HTTP helper does not hand back).
 */
export class RestProjectsClient implements ProjectsClient {
  constructor(private readonly rest: DevOpsRest = sdkDevOpsRest()) {}

  async listProjects(): Promise<ProjectRef[]> {
    const projects: ProjectRef[] = [];
    for (let skip = 0; ; skip += PAGE) {
      const answer = (await this.rest.send(CORE_AREA, "GET", `_apis/projects?$top=${PAGE}&$skip=${skip}`, "7.1")) as
        { value?: ProjectRef[] } | ProjectRef[] | null;
      const page = Array.isArray(answer) ? answer : (answer?.value ?? []);
      projects.push(...page.map((p) => ({ id: p.id, name: p.name })));
      if (page.length < PAGE) return projects;
    }
  }
}
