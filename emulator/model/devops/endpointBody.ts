/** Reading a ServiceEndpoint JSON body, which arrives as untyped JSON. */

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * A string dictionary (data, authorization.parameters). Azure DevOps binds these to Dictionary<string,string>:
 * numbers and booleans become text, and a null value means "not given" (which is how a client resends a secret it
 * read back as null).
 */
export function stringMap(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const record = asRecord(value);
  if (!record) return result;
  for (const [key, item] of Object.entries(record)) {
    if (item === null || item === undefined) continue;
    result[key] = typeof item === "string" ? item : typeof item === "object" ? JSON.stringify(item) : String(item);
  }
  return result;
}

export interface ProjectReferenceInput {
  projectId?: string;
  projectName?: string;
  name?: string;
  description?: string;
}

/** serviceEndpointProjectReferences (or a share body): undefined when absent, "invalid" when not an array of objects. */
export function projectReferencesOf(value: unknown): ProjectReferenceInput[] | undefined | "invalid" {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return "invalid";
  const result: ProjectReferenceInput[] = [];
  for (const item of value) {
    const ref = asRecord(item);
    if (!ref) return "invalid";
    const project = asRecord(ref["projectReference"]);
    const input: ProjectReferenceInput = {};
    const id = asString(project?.["id"]);
    const projectName = asString(project?.["name"]);
    const name = asString(ref["name"]);
    const description = asString(ref["description"]);
    if (id) input.projectId = id;
    if (projectName) input.projectName = projectName;
    if (name !== undefined) input.name = name;
    if (description !== undefined) input.description = description;
    result.push(input);
  }
  return result;
}
