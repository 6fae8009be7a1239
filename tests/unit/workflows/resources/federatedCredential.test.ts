// @vitest-environment jsdom
import {
  ensureFederatedCredential,
  federatedCredentialName,
  removeFederatedCredential,
} from "../../../../src/workflows/resources/federatedCredential";
import { notYetReplicated, resourceWorld } from "./resourceWorld";

const SPEC = {
  name: federatedCredentialName("11111111-2222-4333-8444-555555555555"),
  issuer: "https://vstoken.dev.azure.com/org-id",
  subject: "sc://contoso/web/deploy",
};

describe("the federated credential resource", () => {
  it("adds the credential, waiting out Graph's 404 right after the app was created", async () => {
    const { world, wait, waits, app } = resourceWorld();
    const made = await app();
    notYetReplicated(world, "/federatedIdentityCredentials$", 1);
    const added = await ensureFederatedCredential(world.clients.graph, wait, made.id, SPEC);
    expect(added.existed).toBe(false);
    expect(waits).toEqual(["Entra ID is still replicating the new app registration"]);
    expect(world.state().applications.find((a) => a.id === made.id)!.federatedIdentityCredentials).toEqual([
      expect.objectContaining({ issuer: SPEC.issuer, subject: SPEC.subject, audiences: ["api://AzureADTokenExchange"] }),
    ]);
  });

  it("finds one with the same issuer and subject instead of adding a second", async () => {
    const { world, wait, app } = resourceWorld();
    const made = await app();
    const first = await ensureFederatedCredential(world.clients.graph, wait, made.id, SPEC);
    // Under its own (connection-derived) name it is an earlier attempt's, whose answer was lost: still this run's.
    const again = await ensureFederatedCredential(world.clients.graph, wait, made.id, SPEC);
    expect(again).toEqual({ id: first.id, existed: false });
    // Under another name, someone else added it: it existed, and a rollback leaves it.
    const elsewhere = await ensureFederatedCredential(world.clients.graph, wait, made.id, { ...SPEC, name: "azconn-other" });
    expect(elsewhere).toEqual({ id: first.id, existed: true });
  });

  it("removes only a credential this extension named; others are left alone", async () => {
    const { world, wait, app } = resourceWorld();
    const made = await app();
    const ours = await ensureFederatedCredential(world.clients.graph, wait, made.id, SPEC);
    const theirs = await world.clients.graph.addFederatedCredential(made.id, {
      name: "github-main",
      issuer: "https://token.actions.githubusercontent.com",
      subject: "repo:x/y:ref:refs/heads/main",
      audiences: ["api://AzureADTokenExchange"],
    });
    expect(await removeFederatedCredential(world.clients.graph, made.id, theirs.id)).toEqual({
      kind: "leftAlone",
      reason: "not created by this run: left alone",
    });
    expect(await removeFederatedCredential(world.clients.graph, made.id, ours.id)).toEqual({ kind: "removed" });
    expect(await removeFederatedCredential(world.clients.graph, made.id, ours.id)).toEqual({ kind: "absent" });
  });
});
