// @vitest-environment jsdom
import { throttleRule } from "../../../../emulator/model/core/knobs";
import { SEED } from "../../../../emulator/model/seed";
import type { SignedInAccount, SignInClient } from "../../../../src/clients/auth/signInTypes";
import { HttpHelperServiceEndpointClient, RestServiceConnectionsClient } from "../../../../src/clients/devops/serviceConnectionsClient";
import { azureClients } from "../../../../src/entries/azureClients";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { devopsAudience } from "../../../../src/platform/http/tokenAudience";
import { isProblemError } from "../../../../src/platform/problem";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { createHubServices, type HubServiceDeps } from "../../../../src/workflows/hub/hubServices";
import { planProvisioning } from "../../../../src/workflows/provisioning/plan";
import { HttpWaitRelay } from "../../../../src/workflows/session/httpWaits";
import { createWorld, DEVOPS_ROOT, formFor } from "../../../support/inProcessAzure";

const SESSION = { organization: SEED.devopsOrganization, userDisplayName: "Ada Admin", extensionId: "hub", project: { ...SEED.project } };

/** The hub's services over the in-process world, wired as the composition root wires them (waits to the relay). */
function hub(overrides: Partial<HubServiceDeps> = {}) {
  const world = createWorld();
  const httpWaits = new HttpWaitRelay();
  const connections = new RestServiceConnectionsClient(
    new HttpHelperServiceEndpointClient(
      { rootPath: DEVOPS_ROOT },
      {
        fetch: world.fetch,
        clock: world.clock,
        onWait: httpWaits.onWait("devops"),
        token: async () => "test",
        audience: devopsAudience(SEED.devopsOrganization),
      },
    ),
  );
  const services = createHubServices({
    session: SESSION,
    clouds: [AZURE_CLOUD],
    clock: world.clock,
    connections,
    pipelinePermissions: world.pipelinePermissions,
    pipelines: { list: async () => [] },
    journal: world.journal,
    organizationUrl: DEVOPS_ROOT,
    createSignIn: async () => world.signIn,
    azureClients: (signIn, cloud, tenantId) =>
      azureClients(signIn, cloud, tenantId, {
        clock: world.clock,
        fetch: world.fetch,
        onWait: (info, service) => httpWaits.onWait(service)(info),
      }),
    randomId: () => world.newRunId(),
    httpWaits,
    ...overrides,
  });
  return { world, services };
}

describe("the hub's sign-in and waits", () => {
  it("runs a provisioning through Azure DevOps throttling, showing the wait on the step, and ends verified without a click", async () => {
    const { world, services } = hub();
    const account = await services.signIn(AZURE_CLOUD.id);
    world.model.knobs.faults.push(throttleRule("devops", { count: 2, status: 429, retryAfter: 3 }));
    const form = formFor("Subscription");
    const context = { organization: SESSION.organization, project: SESSION.project, userObjectId: account.objectId };
    const snapshots: RunSnapshot[] = [];
    const run = services.startRun(planProvisioning(form, context, AZURE_CLOUD, world.newRunId()), (s) => snapshots.push(s));

    const final = await run.start();

    const shown = snapshots.flatMap((s) => s.steps.map((step) => step.waiting?.reason)).filter(Boolean);
    expect(shown).toContain("Azure DevOps is throttling requests");
    expect(final.status).toBe("succeeded");
    expect(final.steps.find((s) => s.id === "verify")?.status).toBe("done");
  });

  it("signs in with another account through a pop-up, and forgets what it read for the account before", async () => {
    const ADMIN: SignedInAccount = { username: "admin2@contoso.com", name: "Admin", tenantId: SEED.tenantId, objectId: SEED.users.member };
    const world = createWorld();
    let method: "nested" | "popup" = "nested";
    const client: SignInClient = {
      get method() {
        return method;
      },
      signIn: () => world.signIn.signIn(),
      signInWithPopup: async () => {
        method = "popup";
        return ADMIN;
      },
      signOut: () => world.signIn.signOut(),
      account: () => (method === "popup" ? ADMIN : world.signIn.account()),
      getToken: (request) => world.signIn.getToken(request),
    };
    const { services: withPopup } = hub({ createSignIn: async () => client });
    await withPopup.signIn(AZURE_CLOUD.id);
    const before = withPopup.directory(AZURE_CLOUD.id, SEED.tenantId);
    expect(withPopup.signInMethod()).toBe("nested");

    expect(await withPopup.signInWithPopup!(AZURE_CLOUD.id)).toEqual(ADMIN);

    expect(withPopup.account()).toEqual(ADMIN);
    expect(withPopup.signInMethod()).toBe("popup");
    expect(withPopup.directory(AZURE_CLOUD.id, SEED.tenantId)).not.toBe(before);
  });

  it("says so when the sign-in has no pop-up path", async () => {
    // The in-process world's sign-in (ModelSignIn) has no pop-up path.
    const { services } = hub();
    const refused = await services.signInWithPopup!(AZURE_CLOUD.id).catch((e: unknown) => e);
    expect(isProblemError(refused) && refused.problem.title).toBe("Signing in through a pop-up window is not available here.");
  });
});
