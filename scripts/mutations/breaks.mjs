// The deliberate bugs `npm run test:mutations` (scripts/mutations.mjs) plants, one at a time, in a scratch copy of the
// tree: each is { id, description, changes: [{ file, find, replace }], tests }, an exact text replaced in the product
// and the few unit test files that must go red while it is there. The files are chosen narrowly so the whole run stays
// well under five minutes on a two-core machine (about two minutes in December).
//
// A break that slips through means a test claims more than it checks: strengthen the test, never drop the break. When
// the product changes under a break (its text is gone) the runner reports it as stale: write it again against the new
// code. Run some with `node scripts/mutations.mjs <id> <id>…`.

const RELIABILITY = "tests/unit/reliability";

export const BREAKS = [
  {
    id: "rollback-skips-role",
    description: "Rollback's undo of the role assignment does nothing: the assignment outlives the rolled-back run.",
    changes: [
      {
        file: "src/workflows/resources/roleAssignment.ts",
        find: "return removing(what, roleAssignmentLink(cloud, ref.scope), () => arm.deleteRoleAssignment(ref.scope, ref.name));",
        replace: "return removing(what, roleAssignmentLink(cloud, ref.scope), async () => undefined);",
      },
    ],
    tests: [`${RELIABILITY}/rollbackMatrix.test.ts`],
  },
  {
    id: "retry-disabled",
    description: "The retry policy never makes a second attempt.",
    changes: [
      {
        file: "src/platform/retry.ts",
        find: "if (!decision.retry || attempt >= policy.maxAttempts) throw error;",
        replace: "if (!decision.retry || attempt >= 1) throw error;",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "http-retry-one-attempt",
    description: "The HTTP policy allows one attempt only (throttling and outages are no longer ridden through).",
    changes: [
      {
        file: "src/platform/retry.ts",
        find: "HTTP_RETRY: RetryPolicy = { maxAttempts: 5,",
        replace: "HTTP_RETRY: RetryPolicy = { maxAttempts: 1,",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "secret-logged",
    description: "The new client secret is logged as an object right after addPassword.",
    changes: [
      {
        file: "src/workflows/resources/clientSecret.ts",
        find: "  if (sweep) await removeStraySecrets(graph, spec, new Set([...sweep.keep, password.keyId]));",
        replace:
          "  console.info({ created: password });\n  if (sweep) await removeStraySecrets(graph, spec, new Set([...sweep.keep, password.keyId]));",
      },
    ],
    tests: ["tests/unit/workflows/resources/clientSecret.test.ts"],
  },
  {
    id: "settings-unsanitised",
    description: "The settings are read as the stored document, unchecked.",
    changes: [
      {
        file: "src/workflows/settings/settings.ts",
        find: "return sanitizeSettings(await store.get<unknown>(SETTINGS_COLLECTION, SETTINGS_ID));",
        replace: "return ((await store.get<unknown>(SETTINGS_COLLECTION, SETTINGS_ID)) ?? sanitizeSettings(undefined)) as HubSettings;",
      },
    ],
    tests: [`${RELIABILITY}/forms.property.test.ts`],
  },
  {
    id: "rollback-trusts-journal-role",
    description: "The role assignment's undo deletes the name the journal holds instead of recomputing it from the run.",
    changes: [
      {
        file: "src/workflows/steps/connectionSteps.ts",
        find: "const planned = o.record.roleAssignmentRefused ? undefined : o.planned();",
        replace: "const planned = o.record.roleAssignmentRefused ? undefined : (o.record.roleAssignment ?? o.planned());",
      },
    ],
    tests: [`${RELIABILITY}/rollbackMatrix.test.ts`],
  },
  {
    id: "rollback-skips-app-tag-check",
    description: "The app's undo deletes whatever app the journal names, without checking the run's tag on it.",
    changes: [
      {
        file: "src/workflows/resources/appRegistration.ts",
        find: "const ours = apps.filter((app) => (app.tags ?? []).includes(tag));",
        replace: "const ours = apps;",
      },
    ],
    tests: [`${RELIABILITY}/rollbackMatrix.test.ts`],
  },
  {
    id: "timeout-is-refusal",
    description: "A 408 (the request may have acted) is taken for a refusal, so it is neither looked for nor undone.",
    changes: [
      {
        file: "src/workflows/engine/policy.ts",
        find: "error.status !== 408 && error.status !== 429",
        replace: "error.status !== 429",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "retry-after-ignored",
    description: "A server's Retry-After is ignored: throttled calls come back on the client's own backoff instead.",
    changes: [
      {
        file: "src/platform/retry.ts",
        find: "decision.afterMs ?? backoffDelay(policy, attempt, random)",
        replace: "backoffDelay(policy, attempt, random)",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "app-replication-not-waited",
    description: "Graph's 404 right after an app was created is taken as a failure instead of waited out.",
    changes: [
      {
        file: "src/workflows/resources/appRegistration.ts",
        find: '? "Entra ID is still replicating the new app registration"',
        replace: "? undefined",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "workspace-name-unchecked",
    description: "A Machine Learning workspace name from connection data reaches the ARM path without its naming rule.",
    changes: [{ file: "src/clients/arm/armPaths.ts", find: "test: (v) => WORKSPACE.test(v),", replace: "test: (v) => v.length > 0," }],
    tests: [`${RELIABILITY}/boundaries.property.test.ts`],
  },
  {
    id: "resource-group-dots-allowed",
    description: 'A resource group named ".." (or ending in a period) is accepted into an ARM path.',
    changes: [
      {
        file: "src/clients/arm/armPaths.ts",
        find: 'test: (v) => RESOURCE_GROUP.test(v) && !v.endsWith(".") && v !== "..",',
        replace: "test: (v) => RESOURCE_GROUP.test(v),",
      },
    ],
    tests: [`${RELIABILITY}/boundaries.property.test.ts`],
  },
  {
    id: "secret-marker-unanchored",
    description: "A secret's marker is read from anywhere in its name, so a description can claim another run's marker.",
    changes: [
      {
        file: "src/workflows/provisioning/markers.ts",
        find: "/\\[azconn:([0-9a-fA-F-]{36})\\]\\s*$/.exec",
        replace: "/\\[azconn:([0-9a-fA-F-]{36})\\]/.exec",
      },
    ],
    tests: [`${RELIABILITY}/boundaries.property.test.ts`],
  },
  {
    id: "tenant-authority-unchecked",
    description: "Any text is taken for a tenant, so a default directory can change the sign-in authority's path.",
    changes: [
      {
        file: "src/clients/auth/tokenScopes.ts",
        find: "if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) throw",
        replace: "if (tenantId === undefined) throw",
      },
    ],
    tests: [`${RELIABILITY}/boundaries.property.test.ts`],
  },
  {
    id: "verify-skipped",
    description: "The guided form's verification step calls nothing and reports the connection verified.",
    changes: [
      {
        file: "src/workflows/provisioning/provisioningSteps.ts",
        find: "const verdict = await verifyDetailsWithin(",
        replace: 'const verdict = { ok: true, message: "" } ?? verifyDetailsWithin(',
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
  {
    id: "problem-shows-raw-json",
    description: "A service error no rule describes is shown as the service's JSON body instead of its message.",
    changes: [
      {
        file: "src/platform/describeError.ts",
        find: "? `${SERVICE_NAMES[error.service]} refused the request (status ${error.status}).`",
        replace: "? `${SERVICE_NAMES[error.service]} refused the request: ${JSON.stringify(error.details.body ?? error)}`",
      },
    ],
    tests: [`${RELIABILITY}/provisioningMatrix.test.ts`],
  },
];
