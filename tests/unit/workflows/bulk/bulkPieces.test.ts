import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { anyBlocks, checkBulkPlan, partFindings, registerAppsHint } from "../../../../src/workflows/bulk/bulkChecks";
import { bulkCsv } from "../../../../src/workflows/bulk/bulkCsv";
import { bulkLimitProblem, MAX_BULK_SCOPES } from "../../../../src/workflows/bulk/bulkLimits";
import { planBulk } from "../../../../src/workflows/bulk/bulkPlan";
import type { BulkRow } from "../../../../src/workflows/bulk/bulkRun";
import type { ProvisioningForm, ScopeChoice } from "../../../../src/workflows/provisioning/form";
import type { ReviewHint } from "../../../../src/workflows/provisioning/reviewChecks";
import { formFor } from "../../../support/provisioningForms";

const context = { organization: "contoso", project: { id: "p1", name: "web" }, userObjectId: "u1" };
const sub = (id: string, name: string): ScopeChoice => ({ level: "Subscription", subscriptionId: id, subscriptionName: name });
let next = 0;
const newRunId = () => `run-${++next}`;

describe("bulk limits", () => {
  it("allows up to 50 scopes and refuses more, saying how many were chosen", () => {
    expect(bulkLimitProblem(MAX_BULK_SCOPES, "appPerScope", "secret")).toBeUndefined();
    expect(bulkLimitProblem(51, "appPerScope", "secret")).toBe("Choose at most 50 scopes in one run (51 chosen).");
  });

  it("refuses more than 20 federated connections on one shared app, and only then", () => {
    expect(bulkLimitProblem(21, "sharedApp", "federation")).toContain("at most 20 federated credentials");
    expect(bulkLimitProblem(20, "sharedApp", "federation")).toBeUndefined();
    expect(bulkLimitProblem(21, "sharedApp", "secret")).toBeUndefined();
    expect(bulkLimitProblem(21, "appPerScope", "federation")).toBeUndefined();
  });
});

describe("planning a bulk run", () => {
  it("names parts from the template, makes clashing names unique and drops a scope chosen twice", () => {
    const plan = planBulk({
      form: formFor("Subscription"),
      scopes: [sub("a", "Prod"), sub("b", "Prod"), sub("A", "Prod"), sub("c", "Dev")],
      context,
      cloud: AZURE_CLOUD,
      newRunId,
      nameTemplate: "{project}-{scope}",
    });
    expect(plan.parts.map((p) => p.plan.form.connection.name)).toEqual(["web-Prod", "web-Prod (2)", "web-Dev"]);
    expect(plan.parts.map((p) => p.plan.armScope)).toEqual(["/subscriptions/a", "/subscriptions/b", "/subscriptions/c"]);
    expect(new Set(plan.parts.map((p) => p.plan.runId)).size).toBe(3);
  });

  it("gives each workspace the Reader at the subscription for Verify when chosen, and the step that assigns it", () => {
    const ws = (name: string): ScopeChoice => ({
      level: "AzureMLWorkspace",
      subscriptionId: "s1",
      subscriptionName: "Prod",
      resourceGroupName: "rg-ml",
      workspaceName: name,
      workspaceLocation: "westeurope",
    });
    const form = { ...formFor("AzureMLWorkspace"), verifyReaderAtSubscription: true };
    const plan = planBulk({ form, scopes: [ws("a"), ws("b")], context, cloud: AZURE_CLOUD, newRunId });
    for (const part of plan.parts) {
      expect(part.plan.form.verifyReaderAtSubscription).toBe(true);
      expect(part.plan.steps.map((s) => s.id)).toContain("assignVerifyReader");
    }
  });

  it("refuses more than 50 scopes", () => {
    const scopes = Array.from({ length: 51 }, (_, i) => sub(`s${i}`, `S${i}`));
    expect(() => planBulk({ form: formFor("Subscription"), scopes, context, cloud: AZURE_CLOUD, newRunId })).toThrow(RangeError);
  });
});

describe("the bulk result's CSV", () => {
  const row = (over: Partial<BulkRow>): BulkRow => ({
    index: 0,
    runId: "r",
    scope: sub("a", "Prod"),
    appName: "app",
    connectionName: "conn",
    roleName: "Reader",
    status: "succeeded",
    created: { endpointId: "e1", appId: "a1", verified: true },
    ...over,
  });

  it("lists names and ids, quotes what needs it and defuses formulas", () => {
    const csv = bulkCsv([row({}), row({ connectionName: '=HYPERLINK("x")', appName: "a,b", status: "failed", created: {} })]);
    expect(csv.split("\r\n")).toEqual([
      "Connection name,Connection ID,App registration name,Application (client) ID,Scope,Role,Status",
      "conn,e1,app,a1,subscription Prod,Reader,verified",
      `"'=HYPERLINK(""x"")",,"a,b",,subscription Prod,Reader,failed`,
      "",
    ]);
  });

  it("never holds a secret, even one in memory", () => {
    const csv = bulkCsv([row({ created: { endpointId: "e1", appId: "a1", secretKeyId: "k1", verified: true } })]);
    expect(csv).not.toContain("k1");
  });
});

describe("Review's checks of a bulk plan", () => {
  it("checks every part, at most 4 at a time, and finds the one whose name is taken", async () => {
    const scopes = Array.from({ length: 9 }, (_, i) => sub(`s${i}`, `S${i}`));
    const plan = planBulk({ form: formFor("Subscription"), scopes, context, cloud: AZURE_CLOUD, newRunId, nameTemplate: "{scope}" });
    const flight = { now: 0, max: 0 };
    const check = async (form: ProvisioningForm): Promise<ReviewHint[]> => {
      flight.now++;
      flight.max = Math.max(flight.max, flight.now);
      await new Promise((resolve) => setTimeout(resolve, 2));
      flight.now--;
      const taken = form.connection.name === "S4";
      return [
        taken
          ? { id: "connectionName", status: "warning", text: 'A connection named "S4" exists.', blocks: true }
          : { id: "connectionName", status: "ok", text: "The name is free." },
        { id: "registerApps", status: "ok", text: "You may register apps." },
      ];
    };

    const checks = await checkBulkPlan(plan, check);

    expect(flight.max).toBe(4);
    expect(checks.size).toBe(9);
    expect(anyBlocks(checks)).toBe(true);
    expect(partFindings(checks, plan.parts[4]!.plan.runId).map((h) => h.text)).toEqual(['A connection named "S4" exists.']);
    expect(partFindings(checks, plan.parts[3]!.plan.runId)).toEqual([]);
    expect(registerAppsHint(checks)?.text).toBe("You may register apps.");
  });
});
