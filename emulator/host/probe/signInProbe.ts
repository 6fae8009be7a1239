import * as SDK from "azure-devops-extension-sdk";
import { createSignInClient } from "../../../src/clients/auth/createSignInClient";
import type { SignedInAccount, SignInClient, SignInMethod, TokenRequest } from "../../../src/clients/auth/signInTypes";
import { AZURE_CLOUD } from "../../../src/platform/clouds";
import { describeError } from "../../../src/platform/describeError";
import { HttpClient } from "../../../src/platform/http/httpClient";
import type { Problem } from "../../../src/platform/problem";
import { ARM_SCOPES, GRAPH_SCOPES } from "../../../src/workflows/session/azureSession";

/**
 * Test-only page (dist-emulator/signin-probe.html, served on the hub's origin under /_probe/): until the hub's
 * sign-in UI exists, it drives the sign-in module the way the hub will, inside the emulated host, against the
 * production cloud table (real host names, which the end-to-end browser routes to the model). It writes what it
 * learns to #probe-state as JSON: token claims, never tokens.
 *
 * Query: clientId (the Entra app), subscription and principal (for the ARM write that meets an MFA challenge).
 */

interface TokenFacts {
  aud?: unknown;
  tid?: unknown;
  scp?: unknown;
  amr?: unknown;
  acrs?: unknown;
}

interface ProbeState {
  phase: "loading" | "ready" | "busy" | "signed-in" | "wrote" | "failed";
  method?: SignInMethod;
  account?: SignedInAccount;
  graphToken?: TokenFacts;
  armToken?: TokenFacts;
  me?: { status: number; userPrincipalName?: string };
  subscriptions?: { status: number; ids: string[] };
  write?: { status: number; armToken?: TokenFacts };
  /** Token requests that carried a claims challenge. */
  claimsRequests: string[];
  problem?: Problem;
}

declare global {
  interface Window {
    /** The tokens themselves, for the test to look for in storage. Test-only page. */
    __probeTokens: string[];
  }
}

const params = new URLSearchParams(location.search);
const state: ProbeState = { phase: "loading", claimsRequests: [] };
window.__probeTokens = [];

function render(phase?: ProbeState["phase"]): void {
  if (phase) state.phase = phase;
  const element = document.getElementById("probe-state")!;
  element.dataset["phase"] = state.phase;
  element.textContent = JSON.stringify(state, null, 2);
}

function factsOf(token: string): TokenFacts {
  const payload = token.split(".")[1] ?? "";
  const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
  return { aud: claims["aud"], tid: claims["tid"], scp: claims["scp"], amr: claims["amr"], acrs: claims["acrs"] };
}

/** Records what the probe's callers asked for, as the hub's HttpClient asks: with claims after a challenge. */
function recording(client: SignInClient): SignInClient {
  return {
    method: client.method,
    signIn: () => client.signIn(),
    signOut: () => client.signOut(),
    account: () => client.account(),
    getToken: async (request: TokenRequest) => {
      if (request.claims) state.claimsRequests.push(request.claims);
      const token = await client.getToken(request);
      window.__probeTokens.push(token);
      return token;
    },
  };
}

function graphRequest(client: SignInClient): TokenRequest {
  return { resource: AZURE_CLOUD.graph.resource, scopes: GRAPH_SCOPES, tenantId: client.account()!.tenantId };
}

function armRequest(client: SignInClient, claims?: string): TokenRequest {
  return { resource: AZURE_CLOUD.arm.resource, scopes: ARM_SCOPES, tenantId: client.account()!.tenantId, ...(claims ? { claims } : {}) };
}

async function signInAndCall(client: SignInClient): Promise<void> {
  state.account = await client.signIn();
  const [graphToken, armToken] = await Promise.all([client.getToken(graphRequest(client)), client.getToken(armRequest(client))]);
  state.graphToken = factsOf(graphToken);
  state.armToken = factsOf(armToken);
  const me = await fetch(`${AZURE_CLOUD.graph.endpoint}/v1.0/me?$select=id,displayName,userPrincipalName,userType`, { headers: { Authorization: `Bearer ${graphToken}` } });
  state.me = { status: me.status, userPrincipalName: ((await me.json()) as { userPrincipalName?: string }).userPrincipalName };
  const subscriptions = await fetch(`${AZURE_CLOUD.arm.endpoint}/subscriptions?api-version=2022-12-01`, { headers: { Authorization: `Bearer ${armToken}` } });
  const list = (await subscriptions.json()) as { value?: Array<{ subscriptionId: string }> };
  state.subscriptions = { status: subscriptions.status, ids: (list.value ?? []).map((s) => s.subscriptionId) };
}

/** A write ARM may refuse with a claims challenge (mandatory MFA); the hub's HttpClient then asks for a token with the claims. */
async function assignReader(client: SignInClient): Promise<void> {
  const arm = new HttpClient({ service: "arm", baseUrl: AZURE_CLOUD.arm.endpoint, token: (o) => client.getToken(armRequest(client, o?.claims)) });
  const scope = `/subscriptions/${params.get("subscription") ?? ""}`;
  const reader = `${scope}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
  const response = await arm.send({
    method: "PUT",
    path: `${scope}/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}`,
    query: { "api-version": "2022-04-01" },
    body: { properties: { roleDefinitionId: reader, principalId: params.get("principal") ?? "", principalType: "User" } },
  });
  state.write = { status: response.status, armToken: factsOf(await client.getToken(armRequest(client))) };
}

function onClick(id: string, action: () => Promise<void>, done: ProbeState["phase"]): void {
  const button = document.getElementById(id) as HTMLButtonElement;
  button.disabled = false;
  button.addEventListener("click", () => {
    render("busy");
    action().then(
      () => render(done),
      (error: unknown) => {
        state.problem = describeError(error, { step: "Signing in" });
        render("failed");
      },
    );
  });
}

async function start(): Promise<void> {
  await SDK.init({ loaded: false });
  const client = recording(
    await createSignInClient({
      cloud: AZURE_CLOUD,
      clientId: params.get("clientId") ?? "",
      // The hub computes these from where it is served; the probe lives one folder down, so it names the root.
      popupRelayUri: new URL("/popup-relay.html", location.origin).href,
      redirectUri: new URL("/redirect-bridge.html", location.origin).href,
      consent: [
        { resource: AZURE_CLOUD.graph.resource, scopes: GRAPH_SCOPES },
        { resource: AZURE_CLOUD.arm.resource, scopes: ARM_SCOPES },
      ],
    }),
  );
  state.method = client.method;
  onClick("probe-sign-in", () => signInAndCall(client), "signed-in");
  onClick("probe-arm-write", () => assignReader(client), "wrote");
  render("ready");
  await SDK.notifyLoadSucceeded();
}

start().catch((error: unknown) => {
  state.problem = describeError(error, { step: "Starting the probe" });
  render("failed");
  void SDK.notifyLoadFailed(String(error));
});
