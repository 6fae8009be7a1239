// @vitest-environment jsdom
import { entraFederationIssuer } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import type { ServiceConnection, ServiceConnectionsClient } from "../../../../src/clients/devops/devopsTypes";
import { actionTarget } from "../../../../src/workflows/connections/connectionServices";
import { IssuerMove } from "../../../../src/workflows/connections/issuerMove";
import type { ConnectionActionPorts } from "../../../../src/workflows/connections/ports";
import { addExistingConnection } from "./connectionScenarios";
import { appOf, connectionWorld } from "./connectionWorld";

/**
 * The answers Azure DevOps may give to the move, which the emulator does not give on its own (the REST shape is not
 * published): Azure DevOps still working on it, and reporting other values than the hub computed.
 */
/** The real client's calls, as plain functions a test can override one by one. */
const delegate = (real: ServiceConnectionsClient): ServiceConnectionsClient => ({
  findByName: (...a) => real.findByName(...a),
  listAzureRm: (...a) => real.listAzureRm(...a),
  get: (...a) => real.get(...a),
  create: (...a) => real.create(...a),
  update: (...a) => real.update(...a),
  delete: (...a) => real.delete(...a),
  verify: (...a) => real.verify(...a),
});

async function moveWith(wrap: (real: ServiceConnectionsClient) => Partial<ServiceConnectionsClient>) {
  const c = connectionWorld();
  const seeded = addExistingConnection(c.world.model, { name: "legacy-federated", federated: true });
  await c.signIn();
  const row = await c.row(seeded.endpoint.id);
  const ports: ConnectionActionPorts = {
    connections: { ...delegate(c.world.connections), ...wrap(c.world.connections) },
    graph: c.world.clients.graph,
    arm: c.world.clients.arm,
    clock: c.world.clock,
    journal: c.world.journal,
  };
  const move = new IssuerMove(actionTarget(row, SEED.project.id), ports, { runId: "run-1" });
  return { c, move, snapshot: await move.start(), endpointId: seeded.endpoint.id };
}

const withParameters = (connection: ServiceConnection, change: (p: Record<string, string | null>) => void): ServiceConnection => {
  const parameters = { ...connection.authorization.parameters };
  change(parameters);
  return { ...connection, authorization: { ...connection.authorization, parameters } };
};

describe("the move's answers from Azure DevOps", () => {
  it("waits while Azure DevOps says it is still updating the connection, then reads the issuer it reports", async () => {
    let pendingReads = 2;
    let updated = false;
    const { snapshot, move } = await moveWith((real) => ({
      update: async (connection, operation) => {
        const answer = await real.update(connection, operation);
        updated = true;
        // Answered before the new values are known.
        return withParameters({ ...answer, isReady: false }, (p) => delete p["workloadIdentityFederationIssuer"]);
      },
      get: async (projectId, endpointId) => {
        const now = await real.get(projectId, endpointId);
        if (!now || !updated) return now;
        return pendingReads-- > 0 ? { ...now, isReady: false, operationStatus: { state: "InProgress", statusMessage: "" } } : now;
      },
    }));
    expect(snapshot.problem).toBeUndefined();
    expect(snapshot.status).toBe("succeeded");
    expect(move.created.issuer).toBe(entraFederationIssuer(SEED.tenantId));
    expect(pendingReads).toBeLessThan(0);
  });

  it("trusts the issuer and subject Azure DevOps reports when they differ from the computed ones", async () => {
    const reportedSubject = "/eid1/c/pub/t/reported-by-azure-devops";
    const report = (connection: ServiceConnection | undefined) =>
      connection && connection.authorization.parameters["workloadIdentityFederationIssuer"]?.startsWith("https://login.")
        ? withParameters(connection, (p) => (p["workloadIdentityFederationSubject"] = reportedSubject))
        : connection;
    const { c, snapshot, endpointId } = await moveWith((real) => ({
      update: async (connection, operation) => report(await real.update(connection, operation))!,
      get: async (projectId, id) => report(await real.get(projectId, id)),
    }));
    expect(snapshot.status).toBe("succeeded");
    const subjects = appOf(c.state(), endpointId)!.federatedIdentityCredentials.map((f) => f.subject);
    expect(subjects).toContain(reportedSubject);
    expect(subjects.some((s) => s.startsWith("sc://"))).toBe(false);
  });
});
