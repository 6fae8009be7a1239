// @vitest-environment node
/**
 * Property-based tests of the request reader (src/workflows/requests/requestDocument.ts): a request document is
 * writable by any user of the extension, so for any value at any field the reader answers without throwing, and what
 * it accepts has only the shapes the guided form itself accepts (no control or direction characters, ARM scopes built
 * from safe parts), and reads back as itself.
 */
import fc from "fast-check";
import { armScope } from "../../../src/workflows/provisioning/scope";
import { validateRequestDocument } from "../../../src/workflows/requests/requestDocument";
import { document, NOW, tampered } from "../workflows/requests/requestFixtures";
import { hostileString } from "./hostileStrings";

const RUNS = { numRuns: 400 };
const BIDI_OR_CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u;
const FIELDS = [
  "id",
  "status",
  "project.id",
  "project.name",
  "requestedBy.id",
  "requestedBy.displayName",
  "requestedAt",
  "reason",
  "asked.cloudId",
  "asked.tenantId",
  "asked.scope.level",
  "asked.scope.subscriptionId",
  "asked.scope.subscriptionName",
  "asked.app.displayName",
  "asked.app.coOwnerIds",
  "asked.secret.lifetimeDays",
  "asked.role.id",
  "asked.role.roleName",
  "asked.connection.name",
  "asked.connection.description",
  "asked.connection.pipelineIds",
  "asked.connection.allPipelines",
];
const anyValue = () => fc.oneof(hostileString(), fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));

describe("reading any request document", () => {
  it("never throws, and accepts only safe, stable shapes", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), anyValue(), (field, value) => {
        const request = validateRequestDocument(tampered(field, value), NOW);
        if (!request) return;
        const names = [
          request.project.name,
          request.requestedBy.displayName,
          request.asked.app.displayName,
          request.asked.role.roleName,
          request.asked.connection.name,
          request.asked.scope.level === "ManagementGroup" ? request.asked.scope.managementGroupName : request.asked.scope.subscriptionName,
        ];
        for (const name of names) expect(name).not.toMatch(BIDI_OR_CONTROL);
        expect(armScope(request.asked.scope)).toMatch(/^\/subscriptions\/[0-9a-f-]{36}$/);
        expect(validateRequestDocument(JSON.parse(JSON.stringify({ ...request, schema: 1 })), NOW)).toEqual(request);
      }),
      RUNS,
    );
  });

  it("never throws on whole documents of any shape", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (raw) => {
        expect(() => validateRequestDocument(raw, NOW)).not.toThrow();
        expect(validateRequestDocument(raw, NOW)).toBeUndefined();
      }),
      RUNS,
    );
    expect(validateRequestDocument(document(), NOW)).toBeDefined();
  });
});
