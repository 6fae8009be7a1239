// @vitest-environment jsdom
import { subscriptionIdAt } from "../../../../emulator/model/seed";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { planBulk } from "../../../../src/workflows/bulk/bulkPlan";
import { summaryText } from "../../../../src/workflows/bulk/bulkRun";
import {
  MAX_SHARED_JOURNAL_CHARS,
  planOfSharedJournal,
  readSharedAppJournal,
  sharedRunSummary,
  unfinishedSharedAppRuns,
} from "../../../../src/workflows/bulk/sharedAppJournal";
import {
  planSharedApp,
  SHARED_APP_JOURNAL_COLLECTION,
  SharedAppRun,
  type SharedAppJournal,
} from "../../../../src/workflows/bulk/sharedAppRun";
import type { ScopeChoice } from "../../../../src/workflows/provisioning/form";
import { createWorld, formFor } from "../../../support/inProcessAzure";

const COUNT = 3;
const FAST_VERIFY = { verifyRetry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 20, maxTotalWaitMs: 5_000 } };

function subscriptions(count: number): ScopeChoice[] {
  return Array.from({ length: count }, (_, i) => ({
    level: "Subscription" as const,
    subscriptionId: subscriptionIdAt(i),
    subscriptionName: `Subscription ${i}`,
  }));
}

/** A shared run of three scopes whose second scope's role is refused: the journal a closed tab leaves behind. */
async function interruptedRun() {
  const world = createWorld({ seed: { subscriptionCount: COUNT } });
  const bulk = planBulk({
    form: formFor("Subscription"),
    scopes: subscriptions(COUNT),
    context: world.context,
    cloud: AZURE_CLOUD,
    newRunId: world.newRunId,
  });
  const plan = planSharedApp(bulk, world.newRunId(), "shared-app-of-three");
  world.fail({
    service: "arm",
    method: "PUT",
    path: `^/subscriptions/${subscriptionIdAt(1)}/providers/Microsoft.Authorization/roleAssignments/`,
    status: 403,
    count: Infinity,
  });
  await new SharedAppRun(plan, AZURE_CLOUD, world.ports, FAST_VERIFY).start();
  world.clearFaults();
  const [journal] = await world.journal.list<SharedAppJournal>(SHARED_APP_JOURNAL_COLLECTION);
  return { world, journal: journal! };
}

const copy = (journal: SharedAppJournal): SharedAppJournal => JSON.parse(JSON.stringify(journal)) as SharedAppJournal;
/** Documents the rest of the run's reading must refuse: each one field of a real journal changed. */
const TAMPERED: [string, (j: SharedAppJournal) => void][] = [
  ["an id that is not a GUID", (j) => void (j.id = "../other")],
  ["another version", (j) => void ((j as { version: number }).version = 2)],
  ["an unknown run status", (j) => void ((j as { status: string }).status = "done")],
  ["an unknown step state", (j) => void ((j.steps[0] as { status: string }).status = "finished")],
  ["a step of a scope the run does not have", (j) => void (j.steps[0]!.id = "assignRole#7")],
  ["an app id that is not a GUID", (j) => void (j.created.app.appId = "not-a-guid")],
  ["a connection id that is not a GUID", (j) => void (j.created.scopes[0]!.endpointId = "x")],
  [
    "a role assignment at another scope than the scope's",
    (j) => void (j.created.scopes[0]!.roleAssignment!.scope = `/subscriptions/${subscriptionIdAt(2)}`),
  ],
  [
    "a role assignment at a scope reaching elsewhere",
    (j) => void (j.created.scopes[0]!.roleAssignment!.scope = "/providers/Microsoft.Management/managementGroups/root"),
  ],
  ["a role assignment on the app's record", (j) => void (j.created.app.roleAssignment = j.created.scopes[0]!.roleAssignment!)],
  ["an unknown key in a record", (j) => void ((j.created.app as Record<string, unknown>)["password"] = "p@ss")],
  ["more scope records than forms", (j) => void j.created.scopes.push({})],
  ["a bidi override in the app name", (j) => j.forms.forEach((f) => (f.app.displayName = "shared\u202Eppa"))],
  ["a control character in a connection name", (j) => void (j.forms[1]!.connection.name = "conn\u0007")],
  ["a comma in a connection name", (j) => void (j.forms[1]!.connection.name = "a,b")],
  ["a bidi mark in a step title", (j) => void (j.steps[0]!.title = "Create\u200F")],
  ["forms under different apps", (j) => void (j.forms[1]!.app.displayName = "another app")],
  ["forms in different directories", (j) => void (j.forms[1]!.tenantId = "00000000-0000-4000-8000-00000000000f")],
  ["an unknown cloud", (j) => j.forms.forEach((f) => (f.cloudId = "MarsCloud"))],
  ["a subscription id that is not a GUID", (j) => void ((j.forms[0]!.scope as { subscriptionId: string }).subscriptionId = "../x")],
  ["an unknown scope level", (j) => void ((j.forms[0]!.scope as { level: string }).level = "Tenant")],
  ["a retired step of no scope", (j) => void j.retired.push("createApp#99")],
  ["a project id that is not a GUID", (j) => void (j.context.project.id = "p")],
  ["a date that is not ISO", (j) => void (j.createdAt = "yesterday")],
  ["no forms", (j) => void (j.forms = [])],
  ["the same step twice", (j) => void j.steps.push(j.steps[0]!)],
  ["an oversized document", (j) => void ((j as unknown as Record<string, unknown>)["padding"] = "x".repeat(MAX_SHARED_JOURNAL_CHARS))],
];

describe("shared app run journals read back", () => {
  it("reads the journal a closed tab left as it was written, and resumes from it", async () => {
    const { world, journal } = await interruptedRun();
    const read = readSharedAppJournal(copy(journal));
    expect(read).toEqual(journal);
    expect(sharedRunSummary(read!)).toBe("Shared app shared-app-of-three: 2 of 3 scopes done");

    const listed = await unfinishedSharedAppRuns(world.journal);
    expect(listed).toEqual({ runs: [journal], unreadable: 0 });
    // What the reader gives back is enough to pick the run up: Retry failed finishes it.
    const resumed = new SharedAppRun(planOfSharedJournal(read!), AZURE_CLOUD, world.ports, { ...FAST_VERIFY, journal: read! });
    expect(summaryText((await resumed.retryFailed()).rows)).toBe("3 created and verified");
    expect(await unfinishedSharedAppRuns(world.journal)).toEqual({ runs: [], unreadable: 0 });
  });

  it.each(TAMPERED)("refuses a journal with %s, and counts it as unreadable", async (_what, tamper) => {
    const { journal } = await interruptedRun();
    const bad = copy(journal);
    tamper(bad);
    expect(readSharedAppJournal(bad)).toBeUndefined();
    const store = { list: <T>() => Promise.resolve([journal, bad] as T[]) };
    expect(await unfinishedSharedAppRuns(store)).toEqual({ runs: [journal], unreadable: 1 });
  });

  it("refuses what is not a journal at all", () => {
    for (const raw of [null, 1, "x", [], {}, { version: 1 }]) expect(readSharedAppJournal(raw)).toBeUndefined();
  });

  it("keeps only the fields it checked: nothing else a writer added survives", async () => {
    const { journal } = await interruptedRun();
    const extra = copy(journal) as SharedAppJournal & { note?: string };
    extra.note = "run me";
    (extra.forms[0] as unknown as Record<string, unknown>)["script"] = "x";
    expect(readSharedAppJournal(extra)).toEqual(journal);
  });
});
