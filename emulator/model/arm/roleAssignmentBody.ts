import { armError } from "../core/errors";
import { parseJsonBody, type ServiceRequest } from "../core/http";
import type { RoleAssignment } from "../state";
import { fail, ok, type Outcome } from "./context";
import { invalidRequestContent } from "./errors";

/** The PUT body, RoleAssignmentCreateParameters in the 2022-04-01 spec: properties.roleDefinitionId and principalId are required. */
export interface RoleAssignmentRequest {
  roleDefinitionId: string;
  /** The role definition's GUID, the last segment of roleDefinitionId. */
  roleDefinitionName: string;
  principalId: string;
  principalType?: RoleAssignment["principalType"] | "ForeignGroup" | "Device";
  description?: string | null;
  condition?: string | null;
  conditionVersion?: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRINCIPAL_TYPES = ["User", "Group", "ServicePrincipal", "ForeignGroup", "Device"] as const;
const ROLE_DEFINITION_ID =
  /^(?:\/subscriptions\/[^/]+|\/providers\/Microsoft\.Management\/managementGroups\/[^/]+)?\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function optionalText(properties: Record<string, unknown>, key: string): Outcome<string | null | undefined> {
  const value = properties[key];
  if (value === undefined || value === null || typeof value === "string") return ok(value);
  return fail(invalidRequestContent(`Error converting value to type 'String'. Path 'properties.${key}'.`));
}

/** Binds and checks the PUT body; every failure is a 400 in ARM's words (codes beyond the front door's are guesses). */
export function readRoleAssignmentBody(req: ServiceRequest): Outcome<RoleAssignmentRequest> {
  const body = parseJsonBody(req);
  if (!isRecord(body)) return fail(invalidRequestContent("The request body must be a JSON object."));
  const properties = body["properties"];
  if (!isRecord(properties)) return fail(invalidRequestContent("Required property 'properties' not found in JSON. Path ''."));
  for (const key of ["roleDefinitionId", "principalId"]) {
    if (typeof properties[key] !== "string")
      return fail(invalidRequestContent(`Required property '${key}' not found in JSON. Path 'properties'.`));
  }
  const roleDefinitionId = properties["roleDefinitionId"] as string;
  const principalId = properties["principalId"] as string;
  if (!isGuid(principalId)) return fail(armError(400, "InvalidPrincipalId", "A valid principal ID must be provided for role assignment."));
  const roleMatch = ROLE_DEFINITION_ID.exec(roleDefinitionId);
  if (!roleMatch || !isGuid(roleMatch[1]!)) {
    return fail(armError(400, "InvalidRoleDefinitionId", `The role definition ID '${roleDefinitionId}' is not valid.`));
  }
  const principalType = properties["principalType"];
  if (principalType !== undefined && !(PRINCIPAL_TYPES as readonly unknown[]).includes(principalType)) {
    return fail(
      invalidRequestContent(`Error converting value "${String(principalType)}" to type 'PrincipalType'. Path 'properties.principalType'.`),
    );
  }
  const description = optionalText(properties, "description");
  const condition = optionalText(properties, "condition");
  const conditionVersion = optionalText(properties, "conditionVersion");
  for (const field of [description, condition, conditionVersion]) if (!field.ok) return fail(field.response);
  return ok({
    roleDefinitionId,
    roleDefinitionName: roleMatch[1]!,
    principalId,
    ...(principalType !== undefined ? { principalType: principalType as RoleAssignmentRequest["principalType"] } : {}),
    ...(description.ok && description.value !== undefined ? { description: description.value } : {}),
    ...(condition.ok && condition.value !== undefined ? { condition: condition.value } : {}),
    ...(conditionVersion.ok && conditionVersion.value !== undefined ? { conditionVersion: conditionVersion.value } : {}),
  });
}
