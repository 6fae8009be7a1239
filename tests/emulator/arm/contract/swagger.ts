/**
 * Just enough of Swagger 2.0 schemas to check bodies: local $refs, allOf, required, type and enum. References to files
 * that were not vendored (common-types, …) are skipped, as the specs README advises.
 */
export interface SwaggerDoc {
  definitions?: Record<string, Schema>;
  parameters?: Record<string, { schema?: Schema }>;
}

export interface Schema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  additionalProperties?: Schema | boolean;
}

/** Follows local #/definitions/… and #/parameters/… references; undefined for references to other files. */
export function resolve(doc: SwaggerDoc, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  const seen = new Set<string>();
  while (current?.$ref) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || seen.has(ref)) return undefined;
    seen.add(ref);
    const [, section, name] = ref.split("/");
    if (section === "definitions") current = doc.definitions?.[name ?? ""];
    else if (section === "parameters") current = doc.parameters?.[name ?? ""]?.schema;
    else return undefined;
  }
  return current;
}

/** The schema with allOf parts merged into one set of properties and required names. */
function flatten(doc: SwaggerDoc, schema: Schema | undefined): Schema | undefined {
  const resolved = resolve(doc, schema);
  if (!resolved) return undefined;
  const parts = (resolved.allOf ?? []).map((part) => flatten(doc, part)).filter((p): p is Schema => p !== undefined);
  return {
    ...resolved,
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), resolved.properties ?? {}),
    required: [...parts.flatMap((p) => p.required ?? []), ...(resolved.required ?? [])],
  };
}

/** Dotted paths of every required property, nested through required objects ("properties.principalId"). */
export function requiredPaths(doc: SwaggerDoc, schema: Schema | undefined, prefix = ""): string[] {
  const flat = flatten(doc, schema);
  if (!flat) return [];
  return (flat.required ?? []).flatMap((name) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...requiredPaths(doc, flat.properties?.[name], path)];
  });
}

const TYPE_CHECKS: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === "number",
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

/** Problems of a value against a schema: missing required properties, wrong types, values outside an enum. */
export function validate(doc: SwaggerDoc, schema: Schema | undefined, value: unknown, at = "$"): string[] {
  const flat = flatten(doc, schema);
  if (!flat) return [];
  const problems: string[] = [];
  if (flat.type && TYPE_CHECKS[flat.type] && !TYPE_CHECKS[flat.type]!(value)) return [`${at}: expected ${flat.type}`];
  if (flat.enum && !flat.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(flat.enum)}`);
  if (Array.isArray(value) && flat.items) value.forEach((item, i) => problems.push(...validate(doc, flat.items, item, `${at}[${i}]`)));
  if (TYPE_CHECKS["object"]!(value)) {
    const record = value as Record<string, unknown>;
    for (const name of flat.required ?? []) if (!(name in record)) problems.push(`${at}.${name}: required`);
    for (const [name, child] of Object.entries(flat.properties ?? {})) {
      if (name in record && record[name] !== null) problems.push(...validate(doc, child, record[name], `${at}.${name}`));
    }
  }
  return problems;
}
