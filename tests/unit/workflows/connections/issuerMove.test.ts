// @vitest-environment jsdom
import { entraFederationIssuer, entraFederationSubject, federationIssuer } from "../../../../emulator/model/devops/workloadIdentity";
import { SEED } from "../../../../emulator/model/seed";
import { appOf, connectionWorld, endpointIn, stepsWith } from "./connectionWorld";
import { addExistingConnection } from "./connectionScenarios";

/** A manual connection on the Azure DevOps (vstoken) issuer, its app trusting it, the person signed in. */
async function vstokenConnection() {
  const c = connectionWorld();
  const seeded = addExistingConnection(c.world.model, { name: "legacy-federated", federated: true });
  await c.signIn();
  const row = await c.row(seeded.endpoint.id);
  return { c, endpointId: seeded.endpoint.id, row };
}

const credentialsOf = (c: ReturnType<typeof connectionWorld>, endpointId: string) =>
  appOf(c.state(), endpointId)!.federatedIdentityCredentials.map((f) => [f.issuer, f.subject]);

describe("moving a connection from the Azure DevOps issuer to the Entra issuer", () => {
  it("is offered for the row: the inventory reports the retiring issuer and badges it", async () => {
    const { c, row } = await vstokenConnection();
    expect(row.facts.federation).toMatchObject({ kind: "azureDevOps", issuer: federationIssuer(c.state()) });
    expect(row.badges).toContain("retiringIssuer");
  });

  it("adds the Entra credential first, moves, verifies, then removes the old vstoken credential", async () => {
    const { c, endpointId, row } = await vstokenConnection();
    const oldIssuer = row.facts.federation!.issuer!;

    const move = c.services.startIssuerMove(row, c.onChange);
    const snapshot = await move.start();

    expect(snapshot.status).toBe("succeeded");
    expect(stepsWith(snapshot, "done")).toEqual([
      "readConnection",
      "readApp",
      "trustEntra",
      "move",
      "trustReported",
      "verify",
      "removeOld",
    ]);
    const endpoint = endpointIn(c.state(), endpointId)!;
    const issuer = entraFederationIssuer(SEED.tenantId);
    const subject = entraFederationSubject(c.state(), SEED.tenantId, endpointId);
    expect(endpoint.authorization.parameters).toMatchObject({
      workloadIdentityFederationIssuer: issuer,
      workloadIdentityFederationSubject: subject,
    });
    // Only the Entra credential is left: the old one went after the verified move.
    expect(credentialsOf(c, endpointId)).toEqual([[issuer, subject]]);
    expect(move.created).toMatchObject({ moved: true, verified: true, oldCredentialRemoved: true, oldIssuer });
    expect((await c.world.connections.verify(SEED.project.id, endpointId)).ok).toBe(true);
    const after = await c.row(endpointId);
    expect(after.facts.federation?.kind).toBe("entra");
    expect(after.badges).not.toContain("retiringIssuer");
  });

  it("when Azure DevOps refuses, leaves the connection as it was, removes what it added, and gives the values and the command", async () => {
    const { c, endpointId, row } = await vstokenConnection();
    const before = structuredClone(endpointIn(c.state(), endpointId));
    const credentialsBefore = credentialsOf(c, endpointId);
    // Both forms of the request refused (the operation, then a plain update).
    c.world.fail({
      service: "devops",
      method: "PUT",
      path: "/serviceendpoint/endpoints/",
      status: 400,
      count: 2,
      body: { message: "Not allowed." },
    });

    const snapshot = await c.services.startIssuerMove(row, c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toBe("Azure DevOps did not move the connection to the Entra issuer.");
    const issuer = entraFederationIssuer(SEED.tenantId);
    const subject = entraFederationSubject(c.state(), SEED.tenantId, endpointId);
    expect(snapshot.problem?.detail).toContain(`issuer ${issuer}, subject ${subject}`);
    expect(snapshot.problem?.action).toContain(`az ad app federated-credential create --id ${row.facts.clientId}`);
    expect(endpointIn(c.state(), endpointId)).toEqual(before);
    expect(credentialsOf(c, endpointId)).toEqual(credentialsBefore);
    expect((await c.world.connections.verify(SEED.project.id, endpointId)).ok).toBe(true);
  });

  it("when Azure DevOps answers but keeps the old issuer, treats it as refused and rolls back", async () => {
    const { c, endpointId, row } = await vstokenConnection();
    const credentialsBefore = credentialsOf(c, endpointId);
    // The operation refused; the plain update is answered 200 without moving (the emulator's behaviour for it).
    c.world.fail({
      service: "devops",
      method: "PUT",
      path: "/serviceendpoint/endpoints/",
      status: 400,
      count: 1,
      body: { message: "No." },
    });

    const snapshot = await c.services.startIssuerMove(row, c.onChange).start();

    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.detail).toContain("It refused: ");
    expect(endpointIn(c.state(), endpointId)!.authorization.parameters["workloadIdentityFederationIssuer"]).toBe(
      row.facts.federation!.issuer,
    );
    expect(credentialsOf(c, endpointId)).toEqual(credentialsBefore);
  });

  it("when Verify fails after the move and Azure DevOps will not move it back, keeps both credentials and says so", async () => {
    const { c, endpointId, row } = await vstokenConnection();
    c.world.fail({
      service: "devops",
      method: "POST",
      path: "/serviceendpoint/endpointproxy",
      status: 403,
      count: 1,
      body: { message: "Denied." },
    });

    const snapshot = await c.services.startIssuerMove(row, c.onChange).start();

    expect(snapshot.status).toBe("rollbackIncomplete");
    expect(snapshot.leftBehind?.[0]?.object).toBe('The connection "legacy-federated" on the Entra issuer');
    // The connection presents the Entra values, so neither credential may go: it signs in with the new one.
    const issuer = entraFederationIssuer(SEED.tenantId);
    expect(credentialsOf(c, endpointId).map(([i]) => i)).toEqual([row.facts.federation!.issuer, issuer]);
    expect((await c.world.connections.verify(SEED.project.id, endpointId)).ok).toBe(true);
  });

  it("refuses a connection that is not on the Azure DevOps issuer, changing nothing", async () => {
    const c = connectionWorld();
    const endpointId = await c.provision("secret-connection");
    await c.signIn();
    const snapshot = await c.services.startIssuerMove(await c.row(endpointId), c.onChange).start();
    expect(snapshot.status).toBe("rolledBack");
    expect(snapshot.problem?.title).toBe("This connection is not on the Azure DevOps issuer.");
    expect(appOf(c.state(), endpointId)!.federatedIdentityCredentials).toEqual([]);
  });
});
