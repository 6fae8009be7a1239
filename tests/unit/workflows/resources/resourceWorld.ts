import { REPLICATION_RETRY } from "../../../../src/workflows/engine/policy";
import { appNotes, appTags } from "../../../../src/workflows/provisioning/markers";
import { ensureApp, type AppRef } from "../../../../src/workflows/resources/appRegistration";
import type { Wait } from "../../../../src/workflows/resources/resourceKit";
import { createWorld, type World } from "../../../support/inProcessAzure";

/** A world for resource tests: Azure in a box behind the real clients, with a run id and a bounded wait. */
export function resourceWorld(options: Parameters<typeof createWorld>[0] = {}) {
  const world = createWorld(options);
  const runId = world.newRunId();
  const waits: string[] = [];
  const wait: Wait = {
    clock: world.clock,
    policy: REPLICATION_RETRY,
    reporter: { waiting: (info) => info && waits.push(info.reason), note: () => undefined, signal: new AbortController().signal },
  };
  const spec = (id = runId) => ({
    runId: id,
    displayName: `resource-test-${id.slice(0, 8)}`,
    signInAudience: "AzureADMyOrg" as const,
    notes: appNotes(world.context.organization, world.context.project.name, "resource-test"),
    tags: appTags(id, world.context.organization, world.context.project.id),
  });
  return { world, runId, wait, waits, spec, app: (id = runId): Promise<AppRef> => ensureApp(world.clients.graph, spec(id), false) };
}

/** Graph's answer for a new object not yet replicated to the replica that served the request. */
export function notYetReplicated(world: World, path: string, count: number): void {
  world.fail({
    service: "graph",
    path,
    status: 404,
    count,
    body: {
      error: {
        code: "Request_ResourceNotFound",
        message: "Resource does not exist or one of its queried reference-property objects are not present.",
      },
    },
  });
}
