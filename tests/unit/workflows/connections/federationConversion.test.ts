// @vitest-environment jsdom
import type { FaultRule } from "../../../../emulator/model/core/knobs";
import { federationIdentityOf } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import { FEDERATION_AUDIENCE } from "../../../../src/workflows/connections/federationConversion";
import type { RunSnapshot } from "../../../../src/workflows/engine/workflowTypes";
import { readSecretMarker } from "../../../../src/workflows/provisioning/markers";
import { DAY_MS, NOW } from "../../../support/inProcessAzure";
import { addExistingConnection } from "./connectionScenarios";
import { appOf, connectionWorld, endpointIn, stepsWith, type ConnectionWorld } from "./connectionWorld";

const CHOICE = { fallbackSecretEndDateTime: new Date(NOW.getTime() + 90 * DAY_MS).toISOString() };

async function ours(options: Parameters<typeof connectionWorld>[0] = {}) {
  const c = connectionWorld(options);
  const endpointId = await c.provision("contoso-prod-reader");
  await c.signIn();
  const row = await c.row(endpointId);
  return { c, endpointId, row, before: c.state() };
}

const verifies = async (c: ConnectionWorld, endpointId: string) => (await c.world.connections.verify(SEED.project.id, endpointId)).ok;

describe("converting a connection to workload identity federation (experimental)", () => {
  it("converts, adds the federated credential with the issuer and subject Azure DevOps reports, and verifies", async () => {
    const { c, endpointId, row } = await ours();
    const conversion = c.services.startConversion(row, CHOICE, c.onChange);

    const snapshot = await conversion.start();

    expect(snapshot.status).toBe("succeeded");
    // The app trusts each issuer Azure DevOps may use before the connection changes (a manual connection is refused
    // otherwise), then keeps only the one Azure DevOps reports.
    expect(snapshot.steps.map((s) => s.id)).toEqual(["readApp", "trustIssuers", "convert", "addFederatedCredential", "verify"]);
    const state = c.state();
    const endpoint = endpointIn(state, endpointId)!;
    expect(endpoint.authorization.scheme).toBe("WorkloadIdentityFederation");
    expect(endpoint.secretHash).toBeUndefined();
    const app = appOf(state, endpointId)!;
    // The issuer and subject are Azure DevOps' own, read back from the connection.
    expect(app.federatedIdentityCredentials).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(new RegExp(`^azconn-${endpointId}`)),
        issuer: endpoint.authorization.parameters["workloadIdentityFederationIssuer"],
        subject: endpoint.authorization.parameters["workloadIdentityFederationSubject"],
        audiences: [FEDERATION_AUDIENCE],
      }),
    ]);
    expect(conversion.created).toMatchObject({ ...federationIdentityOf(c.world.model, endpoint), verified: true });
    expect(await verifies(c, endpointId)).toBe(true);
    // The old secret is still on the app until the person chooses to remove it.
    expect(app.passwordCredentials).toHaveLength(1);
  });

  it("then removes the secrets the connection no longer uses, and the connection still verifies with no secret", async () => {
    const { c, endpointId, row } = await ours();
    await c.services.startConversion(row, CHOICE, c.onChange).start();
    const converted = await c.row(endpointId);
    expect(converted.badges).toEqual(["federated"]);
    const keyIds = converted.access.state === "readable" ? converted.access.app.secrets.map((s) => s.keyId) : [];

    const snapshot = await c.services.startSecretRemoval(converted, keyIds, c.onChange).start();

    expect(snapshot.status).toBe("succeeded");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toEqual([]);
    expect(await verifies(c, endpointId)).toBe(true);
  });

  it("reuses a federated credential the app already has for the same issuer and subject", async () => {
    const { c, endpointId, row } = await ours();
    const state = c.world.model.state;
    const endpoint = state.devops.serviceEndpoints.find((e) => e.id === endpointId)!;
    appOf(state, endpointId)!.federatedIdentityCredentials.push({
      id: "0f0e0d0c-0b0a-4909-8807-060504030201",
      name: "made-by-hand",
      ...federationIdentityOf(c.world.model, endpoint),
      audiences: [FEDERATION_AUDIENCE],
      description: null,
    });

    const conversion = c.services.startConversion(row, CHOICE, c.onChange);
    expect((await conversion.start()).status).toBe("succeeded");
    expect(conversion.created).toMatchObject({
      federatedCredentialId: "0f0e0d0c-0b0a-4909-8807-060504030201",
      federatedCredentialExisted: true,
    });
    expect(appOf(c.state(), endpointId)!.federatedIdentityCredentials).toHaveLength(1);
  });

  it("converts a connection it did not create, for an app the person owns", async () => {
    const c = connectionWorld();
    const theirs = addExistingConnection(c.world.model, { name: "legacy-deploy" });
    await c.signIn();
    expect((await c.services.startConversion(await c.row(theirs.endpoint.id), CHOICE, c.onChange).start()).status).toBe("succeeded");
    expect(await verifies(c, theirs.endpoint.id)).toBe(true);
  });
});

/** A failure before the connection changed: nothing to put back. */
const BEFORE_CONVERT: Array<{ step: string; fault: Omit<FaultRule, "count"> }> = [
  { step: "readApp", fault: { service: "graph", method: "GET", path: "^/v1\\.0/applications\\(appId=", status: 500 } },
  { step: "convert", fault: { service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 400 } },
];

describe.each(BEFORE_CONVERT)("when $step fails (before the connection changes)", ({ step, fault }) => {
  it("leaves the connection on its secret, adds nothing, and says why", async () => {
    const { c, endpointId, row, before } = await ours();
    c.world.fail({ ...fault, count: Infinity });

    const snapshot = await c.services.startConversion(row, CHOICE, c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toMatch(/failed\.$/);
    expect(c.snapshots.some((s) => s.steps.find((x) => x.id === step)?.status === "failed")).toBe(true);
    c.world.clearFaults();
    expect(endpointIn(c.state(), endpointId)).toEqual(endpointIn(before, endpointId));
    expect(appOf(c.state(), endpointId)).toEqual(appOf(before, endpointId));
    expect(await verifies(c, endpointId)).toBe(true);
  });
});

/**
 * Removing the candidate credential Azure DevOps did not choose fails for every try of the step (the HTTP helper tries
 * an idempotent DELETE five times), then works again for the clean-up.
 */
const CANDIDATE_REMOVAL_FAILS = { service: "graph", method: "DELETE", path: "/federatedIdentityCredentials/", status: 500 } as const;

/** A failure after the conversion: back on a secret (a new one), verified, and no federated credential left. */
const AFTER_CONVERT: Array<{ step: string; fault: Omit<FaultRule, "count">; count: number }> = [
  { step: "addFederatedCredential", fault: CANDIDATE_REMOVAL_FAILS, count: 5 },
  {
    step: "verify",
    // TestConnection keeps refusing the federated credential (as if Entra never saw it), for every try of the bounded wait.
    fault: {
      service: "devops",
      method: "POST",
      path: "/serviceendpoint/endpointproxy$",
      status: 200,
      body: {
        statusCode: 401,
        errorMessage:
          "Failed to obtain the Json Web Token(JWT) using service principal client ID. Exception Message: AADSTS70021: No matching federated identity record found for presented assertion.",
        result: null,
      },
    },
    count: 12,
  },
];

describe.each(AFTER_CONVERT)("when $step fails (after the connection was converted)", ({ step, fault, count }) => {
  it("puts the connection back on a new secret and verifies it, removes the federated credential, and says why", async () => {
    const { c, endpointId, row, before } = await ours();
    c.world.fail({ ...fault, count });
    const conversion = c.services.startConversion(row, CHOICE, c.onChange);

    const snapshot = await conversion.start();

    expect(snapshot.status).toBe("rolledBack");
    expect(c.snapshots.some((s) => s.status === "failed" && s.steps.find((x) => x.id === step)?.status === "failed")).toBe(true);
    expect(snapshot.problem).toBeDefined();
    c.world.clearFaults();
    const state = c.state();
    const endpoint = endpointIn(state, endpointId)!;
    expect(endpoint.authorization.scheme).toBe("ServicePrincipal");
    expect(endpoint.authorization.parameters["workloadIdentityFederationIssuer"]).toBeUndefined();
    const app = appOf(state, endpointId)!;
    expect(app.federatedIdentityCredentials).toEqual([]);
    // The old secret is still there; the connection holds a new one, marked with its id.
    expect(app.passwordCredentials).toHaveLength(2);
    const fallback = app.passwordCredentials.find((p) => p.keyId === conversion.created.fallbackSecretKeyId)!;
    expect(readSecretMarker(fallback.displayName)).toBe(endpointId);
    expect(endpoint.secretHash).toBe(fallback.secretHash);
    expect(conversion.created.fallbackVerified).toBe(true);
    expect(await verifies(c, endpointId)).toBe(true);
    expect(appOf(before, endpointId)!.passwordCredentials).toHaveLength(1);
  });
});

describe("when the conversion is cancelled while waiting for Azure", () => {
  it("puts the connection back on a secret", async () => {
    const { c, endpointId, row } = await ours();
    c.world.fail({ ...AFTER_CONVERT[1]!.fault, count: 1 });
    const conversion: ReturnType<typeof c.services.startConversion> = c.services.startConversion(row, CHOICE, (s: RunSnapshot) => {
      if (s.steps.some((step) => step.waiting)) conversion.cancel();
    });

    const snapshot = await conversion.start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toMatch(/cancelled/);
    expect(endpointIn(c.state(), endpointId)!.authorization.scheme).toBe("ServicePrincipal");
    expect(await verifies(c, endpointId)).toBe(true);
  });
});

describe("when putting the connection back on a secret fails too", () => {
  it("says so and tries again on Retry, without adding a second secret", async () => {
    const { c, endpointId, row } = await ours();
    c.world.fail({ ...CANDIDATE_REMOVAL_FAILS, count: 5 });
    // The revert's update fails (the conversion's update went through before).
    let puts = 0;
    const conversion = c.services.startConversion(row, CHOICE, (s) => {
      if (s.status === "rollingBack" && puts++ === 0)
        c.world.fail({ service: "devops", method: "PUT", path: "/serviceendpoint/endpoints/", status: 503, count: 5 });
    });

    const failed = await conversion.start();

    expect(failed.status).toBe("rollbackIncomplete");
    expect(failed.leftBehind?.length).toBeGreaterThan(0);
    expect(endpointIn(c.state(), endpointId)!.authorization.scheme).toBe("WorkloadIdentityFederation");
    c.world.clearFaults();
    const snapshot = await conversion.retry();
    expect(snapshot.status).toBe("rolledBack");
    expect(stepsWith(snapshot, "undone")).toContain("convert");
    expect(endpointIn(c.state(), endpointId)!.authorization.scheme).toBe("ServicePrincipal");
    expect(appOf(c.state(), endpointId)!.passwordCredentials).toHaveLength(2);
    expect(await verifies(c, endpointId)).toBe(true);
  });
});
