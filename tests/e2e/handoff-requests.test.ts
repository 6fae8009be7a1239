import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { actAs, DEVOPS_PEOPLE } from "../../emulator/model/hubSetup";
import { ROLE_IDS, SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { expectAccessible } from "./support/axe";
import { ARTIFACTS, hubFrame, startHarness, type Harness } from "./support/harness";
import { WizardDriver } from "./support/wizard";

/**
 * The hand-off to an administrator (issue 15 §3), in one browser with the people switched between page loads
 * (`actAs`, emulator/model/devops/ROUTES.md): Mo Member (no right to assign roles, no Entra role) fills the guided form
 * and asks; Ada Admin opens the request under Organization settings > Azure connections > Requests and approves it
 * with another role, or rejects it; Mo sees the outcome, with the connection as Azure DevOps has it.
 */
const requestsOf = (h: Harness) => h.model.state.devops.extensionData["Default/Current/azconn-requests"] ?? {};

async function openHub(h: Harness, theme: string): Promise<Frame> {
  await h.page.goto(`${h.emulator.hostUrl}?theme=${theme}`);
  const frame = await hubFrame(h.page);
  await frame.getByRole("button", { name: "New service connection" }).waitFor();
  return frame;
}

async function openRequests(h: Harness, theme: string, requestId?: string): Promise<Frame> {
  const query = new URLSearchParams({ hub: "/settings.html", theme, ...(requestId ? { request: requestId } : {}) });
  await h.page.goto(`${h.emulator.hostUrl}?${query}`);
  const frame = await hubFrame(h.page);
  await frame.getByRole("heading", { name: "Azure connections" }).first().waitFor();
  return frame;
}

/** Mo fills the guided form (Contributor at Contoso Production), is told he may not assign roles, and asks. */
async function memberAsks(h: Harness, theme: string, connectionName: string, reason: string): Promise<string> {
  actAs(h.model.state, h.model.knobs, "member");
  const w = new WizardDriver(await openHub(h, theme), h.page);
  await w.frame.getByRole("button", { name: "New service connection" }).click();
  await w.page("Sign in");
  await w.signIn();
  await w.frame.getByTestId("signed-in").getByText("member@contoso.onmicrosoft.com").waitFor();
  await w.next();
  await w.page("Scope");
  await w.choose("Subscription", "Contoso Production");
  for (const page of ["App registration", "Authentication", "Role"]) {
    await w.next();
    await w.page(page);
    // The article's secret, as this request was written for (federation is the default where offered).
    if (page === "Authentication") await w.frame.getByRole("radio", { name: "Client secret" }).click();
  }
  await w.choose("Role", "Contributor");
  await w.next();
  await w.page("Service connection");
  await w.frame.getByRole("textbox", { name: "Service connection name" }).fill(connectionName);
  await w.frame.getByRole("checkbox", { name: "web-ci" }).click();
  await w.next();
  await w.page("Review");
  await w.frame.locator('[data-hint="assignRoles"][data-status="warning"]').waitFor({ timeout: 20_000 });
  await w.frame.getByRole("button", { name: "Ask an administrator" }).click();
  await w.frame.getByTestId("ask-administrator").waitFor();
  await expectAccessible(h.page, w.frame, "ask an administrator");
  // The reason is required: sending without one says so next to the field.
  await w.frame.getByRole("button", { name: "Send the request" }).click();
  await w.frame.getByText("Say why you need this connection").waitFor();
  await w.frame.getByRole("textbox", { name: /^Why you need it/ }).fill(reason);
  await w.frame.getByRole("button", { name: "Send the request" }).click();
  await w.frame.getByTestId("request-sent").waitFor();
  const href = (await w.frame.getByRole("link", { name: "Open the request" }).getAttribute("href")) ?? "";
  expect(href).toMatch(/\/_settings\/[^/]+\.azure-connections-settings\?request=[0-9a-f-]{36}$/);
  const id = new URL(href).searchParams.get("request")!;
  const stored = requestsOf(h)[id]!;
  expect(stored).toMatchObject({
    status: "open",
    project: SEED.project,
    requestedBy: { id: DEVOPS_PEOPLE.member.id, displayName: "Mo Member" },
    reason,
    asked: { role: { id: ROLE_IDS.contributor }, connection: { name: connectionName, pipelineIds: [11] } },
  });
  // A proposal, never a secret: a lifetime rather than a date, and nothing of a credential.
  expect(JSON.stringify(stored)).not.toMatch(/endDateTime|password|secretText|clientSecret/i);
  await w.frame.getByRole("button", { name: "Done" }).click();
  await w.frame.locator(`[data-request="${id}"][data-status="open"]`).getByText("Waiting for an administrator").waitFor();
  return id;
}

describe.each(["light", "dark"] as const)("a request to an administrator (%s theme)", (theme) => {
  let h: Harness;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    h = await startHarness();
    // An administrator consented to the sign-in app for the directory (the normal setup), so a member can sign in.
    h.model.state.tenants.find((t) => t.id === SEED.tenantId)!.adminConsentedClientIds.push(SEED.signInClientId);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("goes from a member without the rights to an administrator who approves it with another role; the member sees it", async () => {
    const name = `handoff-approved-${theme}`;
    const id = await memberAsks(h, theme, name, "The release pipeline deploys the web app.\nIt needs to change resources.");

    actAs(h.model.state, h.model.knobs, "admin");
    const frame = await openRequests(h, theme, id);
    const review = frame.getByTestId("request-review");
    await review.getByText("The release pipeline deploys the web app.", { exact: false }).waitFor();
    await review.getByText("Mo Member", { exact: false }).first().waitFor();
    await frame.getByRole("button", { name: "Sign in to Microsoft Entra ID" }).click();
    const w = new WizardDriver(frame);
    // The administrator changes the role to Reader before approving; Review shows the plan with it, checked as them.
    await frame.getByRole("button", { name: /^Role/ }).filter({ hasText: "Contributor" }).waitFor({ timeout: 20_000 });
    await w.choose("Role", "Reader");
    await frame.getByTestId("role-change-note").getByText("from Contributor (asked for) to Reader").waitFor();
    await frame.locator('[data-hint="assignRoles"][data-status="ok"]').waitFor({ timeout: 20_000 });
    await frame.getByText("Reader role at the subscription Contoso Production").first().waitFor();
    await expectAccessible(h.page, frame, "request review (administrator)");
    await h.page.screenshot({ path: path.join(ARTIFACTS, `handoff-review-${theme}.png`), fullPage: true });
    await frame.getByRole("button", { name: "Approve and create" }).click();
    await frame.getByTestId("request-approved").waitFor({ timeout: 60_000 });

    const endpoint = h.model.state.devops.serviceEndpoints.find((e) => e.name === name)!;
    expect(endpoint.serviceEndpointProjectReferences.map((r) => r.projectReference.id)).toEqual([SEED.project.id]);
    const principal = h.model.state.servicePrincipals.find((sp) => sp.appId === endpoint.authorization.parameters["serviceprincipalid"])!;
    expect(h.model.state.roleAssignments.filter((ra) => ra.principalId === principal.id)).toEqual([
      expect.objectContaining({ scope: `/subscriptions/${subscriptionIdAt(0)}`, roleDefinitionName: ROLE_IDS.reader }),
    ]);
    expect(requestsOf(h)[id]).toMatchObject({
      status: "approved",
      decision: {
        by: { id: DEVOPS_PEOPLE.admin.id, displayName: "Ada Admin" },
        connectionId: endpoint.id,
        roleChange: { original: { id: ROLE_IDS.contributor }, assigned: { id: ROLE_IDS.reader, roleName: "Reader" } },
      },
    });

    actAs(h.model.state, h.model.knobs, "member");
    const home = await openHub(h, theme);
    const entry = home.locator(`[data-request="${id}"][data-status="approved"]`);
    await entry.getByText("Approved by Ada Admin", { exact: false }).waitFor({ timeout: 20_000 });
    await entry.getByText("with the role Reader", { exact: false }).waitFor();
    await entry.getByTestId("role-changed").getByText("changed from Contributor to Reader by Ada Admin").waitFor();
    // What Azure DevOps has, not only what the request says.
    await entry.locator('[data-connection="exists"]').getByRole("link", { name }).waitFor();
    await expectAccessible(h.page, home, "hub home with requests");
    await h.page.screenshot({ path: path.join(ARTIFACTS, `handoff-approved-${theme}.png`), fullPage: true });

    // If the connection is deleted later, the requester sees that, though the request still says approved.
    h.model.state.devops.serviceEndpoints = h.model.state.devops.serviceEndpoints.filter((e) => e.id !== endpoint.id);
    const again = await openHub(h, theme);
    await again.locator(`[data-request="${id}"] [data-connection="absent"]`).getByText("no connection with the recorded id").waitFor();
  });

  it("is rejected with a reason the member then sees", async () => {
    const name = `handoff-rejected-${theme}`;
    const id = await memberAsks(h, theme, name, "A connection for the nightly job.");

    // Anyone can write extension data: a tampered document is counted as unreadable, never listed or acted on.
    h.model.state.devops.extensionData["Default/Current/azconn-requests"]![`tampered-${theme}`] = {
      id: `tampered-${theme}`,
      schema: 1,
      status: "open",
      asked: { scope: { level: "Subscription", subscriptionId: "../../providers" } },
      __etag: 1,
    };
    actAs(h.model.state, h.model.knobs, "admin");
    const frame = await openRequests(h, theme);
    await frame.getByRole("tab", { name: "Requests" }).click();
    await frame.getByTestId("requests-unreadable").getByText("1 request document(s) could not be read", { exact: false }).waitFor();
    await frame.getByRole("button", { name: `Open the request for "${name}"` }).click();
    await frame.getByRole("button", { name: "Reject" }).click();
    await frame.getByText("Say why you need this connection", { exact: false }).waitFor();
    await frame.getByRole("textbox", { name: /^Reason for rejecting/ }).fill("Use the shared Data Platform connection instead.");
    await frame.getByRole("button", { name: "Reject" }).click();
    await frame.getByTestId("request-status").getByText("rejected, by Ada Admin", { exact: false }).waitFor();
    await expectAccessible(h.page, frame, "rejected request (administrator)");
    expect(requestsOf(h)[id]).toMatchObject({
      status: "rejected",
      decision: { reason: "Use the shared Data Platform connection instead." },
    });
    expect(h.model.state.devops.serviceEndpoints.some((e) => e.name === name)).toBe(false);

    actAs(h.model.state, h.model.knobs, "member");
    const home = await openHub(h, theme);
    const entry = home.locator(`[data-request="${id}"][data-status="rejected"]`);
    await entry.getByText("Reason: Use the shared Data Platform connection instead.", { exact: false }).waitFor({ timeout: 20_000 });
    await entry.locator('[data-connection="absent"]').getByText(`No connection named "${name}" exists in this project yet.`).waitFor();
    await h.page.screenshot({ path: path.join(ARTIFACTS, `handoff-rejected-${theme}.png`), fullPage: true });
    // The member clears the decided request.
    await entry.getByRole("button", { name: "Clear" }).click();
    await home.locator(`[data-request="${id}"]`).waitFor({ state: "detached" });
    expect(requestsOf(h)[id]).toBeUndefined();
  });
});
