import type { ServiceResponse } from "../core/http";
import type { ServiceEndpoint, State } from "../state";
import type { InputSpec } from "./endpointTypeCatalog";
import { badRequest, duplicateConnectionName } from "./errors";

/**
 * The rules a service connection must meet before Azure DevOps stores it. The name rules are guesses
 * (CONTRACTS.md §2.2 marks them unconfirmed); they err on the strict side so that a name the emulator accepts is
 * one Azure DevOps accepts and one `getServiceEndpointsByNames` can find again.
 */
export const MAX_CONNECTION_NAME_LENGTH = 256;

export type Checked<T> = { ok: true; value: T } | { ok: false; response: ServiceResponse };

export function ok<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function rejected<T>(response: ServiceResponse): Checked<T> {
  return { ok: false, response };
}

export function checkConnectionName(raw: unknown): Checked<string> {
  if (typeof raw !== "string" || raw.trim() === "")
    return rejected(badRequest("The service connection name is required.", "ArgumentNullException"));
  const name = raw.trim();
  if (name.length > MAX_CONNECTION_NAME_LENGTH)
    return rejected(badRequest(`The service connection name must be at most ${MAX_CONNECTION_NAME_LENGTH} characters.`));
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return rejected(badRequest("The service connection name must not contain control characters."));
  if (name.includes(",")) return rejected(badRequest("The service connection name must not contain a comma."));
  return ok(name);
}

/** Looks a key up the way Azure DevOps reads authorization parameters and data: case-insensitively. */
export function lookup(values: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(values)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function isRequired(input: InputSpec, values: Record<string, string>, inputs: InputSpec[]): boolean {
  if (input.isRequired) return true;
  if (!input.requiredWhen) return false;
  const other = inputs.find((i) => i.id === input.requiredWhen!.input);
  const actual = lookup(values, input.requiredWhen.input) ?? other?.defaultValue ?? "";
  return input.requiredWhen.oneOf.some((v) => v.toLowerCase() === actual.toLowerCase());
}

/** Whether an input applies to these values (a required-when input whose condition fails does not). */
export function inputApplies(input: InputSpec, values: Record<string, string>, inputs: InputSpec[]): boolean {
  return !input.requiredWhen || isRequired(input, values, inputs);
}

/**
 * Checks values against input descriptors: required (or required-when), allowed values, length and pattern.
 * `alsoPresent` names inputs that count as given although absent from `values` (a secret kept from before).
 */
export function checkInputs(
  inputs: InputSpec[],
  values: Record<string, string>,
  what: string,
  alsoPresent: Set<string> = new Set(),
): ServiceResponse | undefined {
  for (const input of inputs) {
    if (input.isReadOnly) continue;
    const value = lookup(values, input.id);
    const given = (value !== undefined && value.trim() !== "") || alsoPresent.has(input.id.toLowerCase());
    if (!given) {
      if (isRequired(input, values, inputs)) return badRequest(`The ${what} input '${input.id}' (${input.name}) is required.`);
      continue;
    }
    if (value === undefined) continue;
    if (input.possibleValues && !input.possibleValues.some((v) => v.toLowerCase() === value.toLowerCase())) {
      return badRequest(`The ${what} input '${input.id}' must be one of ${input.possibleValues.join(", ")}; '${value}' is not.`);
    }
    if (input.maxLength !== undefined && value.length > input.maxLength) {
      return badRequest(`The ${what} input '${input.id}' must be at most ${input.maxLength} characters.`);
    }
    if (input.pattern !== undefined && !new RegExp(input.pattern).test(value)) {
      return badRequest(`The ${what} input '${input.id}' is not valid. ${input.patternMismatchErrorMessage ?? ""}`.trim());
    }
  }
  return undefined;
}

/** The name an endpoint has in one project: each project reference carries its own. */
export function nameInProject(endpoint: ServiceEndpoint, projectId: string): string | undefined {
  const ref = endpoint.serviceEndpointProjectReferences.find((r) => r.projectReference.id.toLowerCase() === projectId.toLowerCase());
  return ref ? ref.name || endpoint.name : undefined;
}

/** Names are unique per project, case-insensitively, across every connection (including ones the caller cannot see). */
export function checkNameFree(state: State, projectId: string, name: string, exceptEndpointId?: string): ServiceResponse | undefined {
  const taken = state.devops.serviceEndpoints.some(
    (e) => e.id !== exceptEndpointId && nameInProject(e, projectId)?.toLowerCase() === name.toLowerCase(),
  );
  return taken ? duplicateConnectionName(name) : undefined;
}

export function checkAbsoluteUrl(url: string): ServiceResponse | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return undefined;
  } catch {
    // fall through to the refusal
  }
  return badRequest(`The service connection url '${url}' is not a valid absolute http(s) URL.`);
}
