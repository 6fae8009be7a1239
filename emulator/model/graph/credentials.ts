import { randomBytes } from "node:crypto";
import { json, noContent, type ServiceResponse } from "../core/http";
import { hashSecret } from "../core/ids";
import type { PasswordCredential } from "../state";
import { applicationForChange, fail, readJsonObject, type GraphContext, type ObjectRef, type Outcome } from "./context";
import { checkSecretPolicy, DEFAULT_SECRET_LIFETIME_YEARS } from "./directoryPolicy";
import { graphErrors } from "./graphErrors";
import { graphDateTime } from "./resources";

const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-";

/**
 * A client secret shaped like Entra's current ones: 40 characters with "8Q~" after the 3-character hint. Random, not
 * seeded: nothing may be able to predict a secret, not even a test.
 */
export function newSecretText(): string {
  const pick = (n: number): string => Array.from(randomBytes(n), (b) => SECRET_ALPHABET[b % SECRET_ALPHABET.length]).join("");
  return `${pick(3)}8Q~${pick(34)}`;
}

interface PasswordRequest {
  displayName: string | null;
  start: Date;
  end: Date;
}

function parseInstant(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function readPasswordRequest(body: Record<string, unknown>, now: Date): Outcome<PasswordRequest> {
  const raw = body["passwordCredential"] ?? {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return fail(graphErrors.invalidPropertyValue("passwordCredential", "PasswordCredential"));
  const input = raw as Record<string, unknown>;
  const displayName = input["displayName"];
  if (displayName !== undefined && displayName !== null && typeof displayName !== "string")
    return fail(graphErrors.invalidPropertyValue("displayName", "PasswordCredential"));
  const start = input["startDateTime"] === undefined || input["startDateTime"] === null ? now : parseInstant(input["startDateTime"]);
  if (!start) return fail(graphErrors.invalidPropertyValue("startDateTime", "PasswordCredential"));
  let end: Date | undefined;
  if (input["endDateTime"] === undefined || input["endDateTime"] === null) {
    end = new Date(start);
    end.setUTCFullYear(end.getUTCFullYear() + DEFAULT_SECRET_LIFETIME_YEARS);
  } else {
    end = parseInstant(input["endDateTime"]);
  }
  if (!end || end.getTime() <= start.getTime()) return fail(graphErrors.invalidPropertyValue("endDateTime", "PasswordCredential"));
  return { ok: true, value: { displayName: typeof displayName === "string" ? displayName : null, start, end } };
}

/**
 * POST /applications/{id}/addPassword. The secret text is in this answer only: the state keeps its hash, and every
 * later read shows secretText null.
 */
export function addPassword(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const { world, req, caller } = ctx;
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const body = readJsonObject(req);
  if (!body.ok) return body.response;
  const request = readPasswordRequest(body.value, world.clock.now());
  if (!request.ok) return request.response;
  const refused = checkSecretPolicy(caller.tenant, request.value.start, request.value.end);
  if (refused) return refused;

  const secretText = newSecretText();
  const credential: PasswordCredential = {
    keyId: world.ids.guid(),
    displayName: request.value.displayName,
    hint: secretText.slice(0, 3),
    startDateTime: graphDateTime(request.value.start),
    endDateTime: graphDateTime(request.value.end),
    secretHash: hashSecret(secretText),
    // Replication: sign-ins (Azure DevOps' TestConnection) reject a new secret for this many calls.
    pendingTestConnectionCalls: world.knobs.consistency.secretToTestConnectionCalls ?? 0,
  };
  app.value.passwordCredentials.push(credential);
  return json(200, {
    "@odata.context": `${req.baseUrl}/v1.0/$metadata#microsoft.graph.passwordCredential`,
    customKeyIdentifier: null,
    displayName: credential.displayName,
    endDateTime: credential.endDateTime,
    hint: credential.hint,
    keyId: credential.keyId,
    secretText,
    startDateTime: credential.startDateTime,
  });
}

/** POST /applications/{id}/removePassword {keyId}: 204, or 400 when the app has no such key. */
export function removePassword(ctx: GraphContext, ref: ObjectRef): ServiceResponse {
  const app = applicationForChange(ctx, ref);
  if (!app.ok) return app.response;
  const body = readJsonObject(ctx.req);
  if (!body.ok) return body.response;
  const keyId = body.value["keyId"];
  if (typeof keyId !== "string" || keyId === "") return graphErrors.invalidPropertyValue("keyId", "PasswordCredential");
  const index = app.value.passwordCredentials.findIndex((p) => p.keyId.toLowerCase() === keyId.toLowerCase());
  if (index < 0) return graphErrors.passwordNotFound(keyId);
  app.value.passwordCredentials.splice(index, 1);
  return noContent();
}
