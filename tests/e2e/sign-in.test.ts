import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";

/**
 * Signing in from the hub's cross-site iframe, in Chromium against the emulator: nested app authentication through
 * the host's bridge, and popups through the relay and redirect-bridge pages of the production bundle. Until the hub's
 * sign-in UI exists, the test-only probe page (dist-emulator/signin-probe.html) drives src/clients/auth.
 */

interface TokenFacts {
  aud?: string;
  tid?: string;
  scp?: string;
  amr?: string[];
  acrs?: string[];
}

interface ProbeState {
  phase: string;
  method?: "nested" | "popup";
  account?: { username: string; tenantId: string; objectId: string };
  graphToken?: TokenFacts;
  armToken?: TokenFacts;
  me?: { status: number; userPrincipalName?: string };
  subscriptions?: { status: number; ids: string[] };
  write?: { status: number; armToken?: TokenFacts };
  claimsRequests: string[];
  problem?: { title: string; detail: string; action: string };
}

const RELAY_PATH = "/popup-relay.html";
/** The claims of ARM's MFA challenge (emulator/model/arm/mfa.ts), decoded from WWW-Authenticate by the hub's HttpClient. */
const MFA_CHALLENGE = { access_token: { acrs: { essential: true, value: "c1" } } };
const BRIDGE_PATH = "/redirect-bridge.html";

function hubOrigin(h: Harness): string {
  return new URL(h.emulator.hubUrl).origin;
}

/** The host page with the probe in its frame; `naa: false` is a host that offers no nested app authentication. */
function probeUrl(h: Harness, { naa }: { naa: boolean }): string {
  const probe = `/_probe/signin-probe.html?${new URLSearchParams({ clientId: SEED.signInClientId, subscription: subscriptionIdAt(0), principal: SEED.users.developer })}`;
  return `${h.emulator.hostUrl}?${new URLSearchParams({ hub: probe, ...(naa ? {} : { naa: "0" }) })}`;
}

async function openProbe(h: Harness, options: { naa: boolean }): Promise<Frame> {
  await h.page.goto(probeUrl(h, options));
  const frame = await hubFrame(h.page);
  await frame.locator('#probe-state[data-phase="ready"]').waitFor();
  return frame;
}

async function probeState(frame: Frame, phase: string): Promise<ProbeState> {
  await frame.locator(`#probe-state[data-phase="${phase}"], #probe-state[data-phase="failed"]`).waitFor({ timeout: 30_000 });
  const state = JSON.parse((await frame.locator("#probe-state").textContent()) ?? "{}") as ProbeState;
  if (state.phase === "failed") throw new Error(`The probe failed: ${state.problem?.title} ${state.problem?.detail}`);
  return state;
}

/** Clicks a probe button that opens the relay popup, then the relay's Continue (Entra's window must come from a click). */
async function throughRelay(h: Harness, frame: Frame, button: string): Promise<Page> {
  const opened = h.browser.context.waitForEvent("page");
  await frame.click(button);
  const relay = await opened;
  // msal opens a blank window first, then sends it to the relay page of the hub's own origin.
  await relay.waitForURL((url) => `${url.origin}${url.pathname}` === `${hubOrigin(h)}${RELAY_PATH}`);
  await relay.getByRole("button", { name: "Continue" }).click();
  return relay;
}

/**
 * Records every write to localStorage, sessionStorage, IndexedDB and cookies, in every page and frame of the browser
 * (the hub's frame, the relay and Entra's window, the bridge page), including writes a browser would refuse.
 */
async function recordStorageWrites(h: Harness): Promise<string[]> {
  const writes: string[] = [];
  await h.browser.context.exposeBinding("__recordStorageWrite", ({ frame }, kind: string, text: string) => {
    writes.push(`${frame.url()} ${kind} ${text}`);
  });
  await h.browser.context.addInitScript(() => {
    const w = window as unknown as { __recordStorageWrite?: (kind: string, text: string) => void };
    const record = (kind: string, value: unknown) => {
      try {
        void w.__recordStorageWrite?.(kind, typeof value === "string" ? value : JSON.stringify(value));
      } catch {
        // A value JSON cannot write (a CryptoKey) holds no token.
      }
    };
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      record("storage", `${key}=${value}`);
      return setItem.call(this, key, value);
    };
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (value: unknown, key?: IDBValidKey) {
      record("indexeddb", value);
      return put.call(this, value, key);
    };
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function (value: unknown, key?: IDBValidKey) {
      record("indexeddb", value);
      return add.call(this, value, key);
    };
    const cookie = Object.getOwnPropertyDescriptor(Document.prototype, "cookie")!;
    Object.defineProperty(Document.prototype, "cookie", {
      configurable: true,
      get() {
        return cookie.get!.call(this) as string;
      },
      set(value: string) {
        record("cookie", value);
        cookie.set!.call(this, value);
      },
    });
  });
  return writes;
}

/** What a page holds in localStorage, sessionStorage and IndexedDB, as text (a store the browser denies reads as empty). */
function storedText(target: Frame | Page): Promise<string> {
  return target.evaluate(async () => {
    const parts: string[] = [];
    for (const which of ["localStorage", "sessionStorage"] as const) {
      try {
        const storage = window[which];
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i) ?? "";
          parts.push(key, storage.getItem(key) ?? "");
        }
      } catch {
        parts.push(`${which} denied`);
      }
    }
    try {
      for (const info of await indexedDB.databases()) {
        if (!info.name) continue;
        const name = info.name;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const rows = await new Promise<unknown[]>((resolve, reject) => {
            const read = db.transaction(store).objectStore(store).getAll();
            read.onsuccess = () => resolve(read.result);
            read.onerror = () => reject(read.error);
          });
          parts.push(name, store, JSON.stringify(rows));
        }
        db.close();
      }
    } catch {
      parts.push("indexedDB denied");
    }
    return parts.join("\n");
  });
}

/**
 * No access token was ever written to storage or cookies by any page, and none is held by the hub frame's storage or
 * by the hub origin's own (the relay and bridge pages run there at top level).
 */
async function expectNoStoredTokens(h: Harness, frame: Frame, writes: readonly string[]): Promise<void> {
  const tokens = await frame.evaluate(() => window.__probeTokens);
  expect(tokens.length).toBeGreaterThan(0);
  const topLevel = await h.browser.context.newPage();
  await topLevel.goto(`${hubOrigin(h)}${RELAY_PATH}`);
  await topLevel.getByText("Nothing is waiting for it").waitFor();
  // The recorder sees writes (the hub's frame itself is denied all storage by this Chromium: a cross-site frame).
  await topLevel.evaluate(() => localStorage.setItem("recorder-check", "seen"));
  await expect.poll(() => writes.some((w) => w.endsWith("storage recorder-check=seen"))).toBe(true);
  for (const stored of [writes.join("\n"), await storedText(frame), await storedText(topLevel), await storedText(h.page)]) {
    for (const token of tokens) expect(stored.includes(token)).toBe(false);
    expect(stored.toLowerCase()).not.toContain("accesstoken");
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
  }
  await topLevel.close();
}

function decodedClaims(claims: string): unknown {
  return JSON.parse(claims);
}

describe("the production bundle's sign-in pages", () => {
  const files = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  const scriptsOf = (html: string) => [...html.matchAll(/<script[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);

  it("ships the popup-relay and redirect-bridge pages, each loading only its own script", () => {
    const relay = readFileSync("dist/popup-relay.html", "utf8");
    const bridge = readFileSync("dist/redirect-bridge.html", "utf8");
    expect(scriptsOf(relay)).toEqual([expect.stringMatching(/^popup-relay\.[0-9a-f]{8}\.js$/)]);
    expect(scriptsOf(bridge)).toEqual([expect.stringMatching(/^redirect-bridge\.[0-9a-f]{8}\.js$/)]);
  });

  it("leaves the test-only sign-in probe out of dist/ and builds it into dist-emulator/", () => {
    const shipped = files("dist");
    expect(shipped.filter((file) => /probe/i.test(path.basename(file)))).toEqual([]);
    expect(shipped.filter((file) => /\.(html|js)$/.test(file) && readFileSync(file, "utf8").includes("probe-state"))).toEqual([]);
    expect(existsSync("dist-emulator/signin-probe.html")).toBe(true);
  });

  it("keeps msal-browser out of the pages' first scripts: it is a chunk loaded on sign-in", () => {
    const hasMsal = (file: string) => readFileSync(file, "utf8").includes("NestedAppOperatingContext");
    const hubEntry = files("dist").filter((file) => /^hub\.[0-9a-f]{8}\.js$/.test(path.basename(file)));
    expect(hubEntry).toHaveLength(1);
    expect(hasMsal(hubEntry[0]!)).toBe(false);
    // The hub's sign-in (src/composition.ts) imports it on demand: msal lives in chunks no page loads up front.
    const shippedMsal = files("dist").filter((file) => file.endsWith(".js") && hasMsal(file));
    expect(shippedMsal.length).toBeGreaterThan(0);
    const pages = ["hub.html", "popup-relay.html", "redirect-bridge.html"].flatMap((page) => scriptsOf(readFileSync(path.join("dist", page), "utf8")));
    expect(shippedMsal.filter((file) => pages.includes(path.basename(file)))).toEqual([]);
    expect(scriptsOf(readFileSync("dist-emulator/signin-probe.html", "utf8"))).toEqual(["signin-probe.js"]);
    expect(hasMsal("dist-emulator/signin-probe.js")).toBe(false);
    expect(files("dist-emulator").filter((file) => file.endsWith(".js") && hasMsal(file)).length).toBeGreaterThan(0);
  });
});

describe("signing in from the hub's iframe (Chromium, emulated Azure DevOps and Entra)", () => {
  let h: Harness;
  let requests: string[];

  let windows: Page[];
  let writes: string[];

  beforeEach(async () => {
    h = await startHarness();
    requests = [];
    windows = [];
    h.browser.context.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    h.browser.context.on("page", (page) => windows.push(page));
    writes = await recordStorageWrites(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  it("gets Graph and ARM tokens through the host's nested app authentication, with no window", async () => {
    const frame = await openProbe(h, { naa: true });
    await frame.click("#probe-sign-in");
    const state = await probeState(frame, "signed-in");

    expect(state.method).toBe("nested");
    expect(state.account).toMatchObject({ username: "admin@contoso.onmicrosoft.com", tenantId: SEED.tenantId, objectId: SEED.users.admin });
    expect(state.graphToken).toMatchObject({ aud: "https://graph.microsoft.com", tid: SEED.tenantId });
    expect(state.graphToken?.scp).toContain("Application.ReadWrite.All");
    expect(state.armToken).toMatchObject({ aud: "https://management.azure.com", scp: "user_impersonation", tid: SEED.tenantId });
    expect(state.me).toEqual({ status: 200, userPrincipalName: "admin@contoso.onmicrosoft.com" });
    expect(state.subscriptions?.status).toBe(200);
    expect(state.subscriptions?.ids).toContain(subscriptionIdAt(0));
    // The host brokered everything: no sign-in window, no authorize or token request from the browser.
    expect(windows).toEqual([]);
    expect(requests.filter((r) => r.includes("login.microsoftonline.com"))).toEqual([]);
    expect(requests.some((r) => r.startsWith("POST ") && r.endsWith("/entra/_naa/bridge"))).toBe(true);
    // The administrator consented for the organization, once, in the host's prompt.
    expect(h.model.state.tenants.find((t) => t.id === SEED.tenantId)?.adminConsentedClientIds).toContain(SEED.signInClientId);

    await expectNoStoredTokens(h, frame, writes);
    expect(h.blocked).toEqual([]);
  });

  it("signs in through the relay popup when the host offers no nested app authentication", async () => {
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
    const frame = await openProbe(h, { naa: false });
    const relay = await throughRelay(h, frame, "#probe-sign-in");
    const state = await probeState(frame, "signed-in");

    expect(state.method).toBe("popup");
    expect(state.account).toMatchObject({ username: "admin@contoso.onmicrosoft.com", tenantId: SEED.tenantId, objectId: SEED.users.admin });
    expect(state.graphToken).toMatchObject({ aud: "https://graph.microsoft.com", tid: SEED.tenantId });
    expect(state.armToken).toMatchObject({ aud: "https://management.azure.com", scp: "user_impersonation" });
    expect(state.me).toEqual({ status: 200, userPrincipalName: "admin@contoso.onmicrosoft.com" });
    expect(state.subscriptions?.ids).toContain(subscriptionIdAt(0));

    // One authorize round trip with PKCE that asked consent for both resources and came back to the bridge page.
    const authorize = requests.filter((r) => r.startsWith("GET https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize"));
    expect(authorize).toHaveLength(1);
    const query = new URL(authorize[0]!.slice(4)).searchParams;
    expect(query.get("redirect_uri")).toBe(`${hubOrigin(h)}${BRIDGE_PATH}`);
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(query.get("scope")).toContain("https://management.azure.com/user_impersonation");
    expect(requests).toContain(`GET ${hubOrigin(h)}${BRIDGE_PATH}`);
    expect(requests.filter((r) => r.startsWith("POST https://login.microsoftonline.com/") && r.includes("/oauth2/v2.0/token")).length).toBeGreaterThanOrEqual(2);
    expect(h.model.state.signIn.authorizationCodes.map((c) => c.redeemed)).toEqual([true]);
    // The relay and Entra's window closed themselves.
    await expect.poll(() => relay.isClosed()).toBe(true);

    await expectNoStoredTokens(h, frame, writes);
    expect(h.blocked).toEqual([]);
  });

  it("tells the person signing in was cancelled when they close the sign-in window", async () => {
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
    const frame = await openProbe(h, { naa: false });
    const opened = h.browser.context.waitForEvent("page");
    await frame.click("#probe-sign-in");
    const relay = await opened;
    await relay.waitForURL((url) => url.pathname === RELAY_PATH);
    await relay.close();
    await frame.locator('#probe-state[data-phase="failed"]').waitFor({ timeout: 15_000 });
    const state = JSON.parse((await frame.locator("#probe-state").textContent()) ?? "{}") as ProbeState;
    expect(state.problem).toMatchObject({ title: "Signing in was cancelled.", action: expect.stringMatching(/Sign in again/) });
    expect(state.account).toBeUndefined();
    expect(h.model.state.signIn.authorizationCodes).toEqual([]);
  });

  describe("when ARM demands multifactor authentication for a write (claims challenge)", () => {
    beforeEach(() => {
      // The administrator signed in with a password only; the tenant enforces Azure's mandatory MFA for ARM writes.
      h.model.state.users.find((u) => u.id === SEED.users.admin)!.mfa = false;
      h.model.state.tenants.find((t) => t.id === SEED.tenantId)!.requireMfaForArmWrites = true;
    });

    function expectSteppedUp(state: ProbeState): void {
      expect(state.write?.status).toBe(201);
      expect(state.claimsRequests).toHaveLength(1);
      expect(decodedClaims(state.claimsRequests[0]!)).toEqual(MFA_CHALLENGE);
      expect(state.write?.armToken?.amr).toContain("mfa");
      expect(h.model.state.roleAssignments.some((a) => a.principalId === SEED.users.developer && a.roleDefinitionName.endsWith("acdd72a7-3385-48ef-bd42-f606fba81ae7") && a.scope === `/subscriptions/${subscriptionIdAt(0)}` && a.createdBy === SEED.users.admin)).toBe(true);
    }

    it("asks the host interactively with the claims (nested app authentication) and retries with an MFA token", async () => {
      const bridgeCalls: Array<{ method: string; claims?: string }> = [];
      h.page.on("request", (request) => {
        if (!request.url().endsWith("/entra/_naa/bridge")) return;
        const body = JSON.parse(request.postData() ?? "{}") as { method: string; tokenParams?: { claims?: string } };
        bridgeCalls.push({ method: body.method, ...(body.tokenParams?.claims ? { claims: body.tokenParams.claims } : {}) });
      });
      const frame = await openProbe(h, { naa: true });
      await frame.click("#probe-sign-in");
      const signedIn = await probeState(frame, "signed-in");
      expect(signedIn.armToken?.amr).toEqual(["pwd"]);

      await frame.click("#probe-arm-write");
      const state = await probeState(frame, "wrote");
      expectSteppedUp(state);
      // msal adds its own optional id_token claims to every request; the challenge's access_token claims ride along.
      const interactive = bridgeCalls.filter((c) => c.method === "GetTokenPopup" && c.claims?.includes("acrs"));
      expect(interactive).toHaveLength(1);
      expect(decodedClaims(interactive[0]!.claims!)).toMatchObject(MFA_CHALLENGE);
    });

    it("opens the relay popup with the claims (popups) and retries with an MFA token", async () => {
      h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
      const frame = await openProbe(h, { naa: false });
      await throughRelay(h, frame, "#probe-sign-in");
      const signedIn = await probeState(frame, "signed-in");
      expect(signedIn.armToken?.amr).toEqual(["pwd"]);

      await throughRelay(h, frame, "#probe-arm-write");
      const state = await probeState(frame, "wrote");
      expectSteppedUp(state);
      const stepUp = requests.filter((r) => r.includes("/oauth2/v2.0/authorize") && new URL(r.slice(4)).searchParams.get("claims")?.includes("acrs"));
      expect(stepUp).toHaveLength(1);
      expect(decodedClaims(new URL(stepUp[0]!.slice(4)).searchParams.get("claims")!)).toMatchObject(MFA_CHALLENGE);
      expect(new URL(stepUp[0]!.slice(4)).pathname).toBe(`/${SEED.tenantId}/oauth2/v2.0/authorize`);
      expect(new URL(stepUp[0]!.slice(4)).searchParams.get("scope")).toContain("https://management.azure.com/user_impersonation");
    });
  });
});
