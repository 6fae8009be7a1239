import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Frame, Page, Request } from "playwright-core";
import { SEED, subscriptionIdAt } from "../../emulator/model/seed";
import { hubFrame, startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, ROLE_ASSIGNMENT_PUT } from "./support/journey";
import { WizardDriver } from "./support/wizard";

/**
 * Signing in from the hub's cross-site iframe, in Chromium against the emulator, through the hub's own sign-in page:
 * nested app authentication through the host's bridge, and popups through the relay and redirect-bridge pages of the
 * production bundle. Tokens are read off the requests the hub sends, never from the page.
 */

interface TokenFacts {
  aud?: string;
  tid?: string;
  scp?: string;
  amr?: string[];
}

const RELAY_PATH = "/popup-relay.html";
/** The claims of ARM's MFA challenge (emulator/model/arm/mfa.ts), decoded from WWW-Authenticate by the hub's HttpClient. */
const MFA_CHALLENGE = { access_token: { acrs: { essential: true, value: "c1" } } };
const BRIDGE_PATH = "/redirect-bridge.html";
const SIGN_IN = "Sign in to Microsoft Entra ID";

function hubOrigin(h: Harness): string {
  return new URL(h.emulator.hubUrl).origin;
}

/** The hub in the host page, on the guided form's Sign in page; `naa: false` is a host that offers no nested app authentication. */
async function openSignIn(h: Harness, { naa }: { naa: boolean }): Promise<WizardDriver> {
  await h.page.goto(naa ? h.emulator.hostUrl : `${h.emulator.hostUrl}?naa=0`);
  const w = new WizardDriver(await hubFrame(h.page));
  await w.frame.getByRole("button", { name: "New service connection" }).click();
  await w.page("Sign in");
  await w.frame.getByRole("button", { name: SIGN_IN }).waitFor({ timeout: 20_000 });
  return w;
}

/** Bearer tokens the hub sent, by the host they went to, and the claims of each (unsigned JWTs of the emulator). */
class SentTokens {
  readonly byHost = new Map<string, string[]>();
  record(request: Request): void {
    const auth = request.headers()["authorization"];
    if (!auth?.startsWith("Bearer ")) return;
    const host = new URL(request.url()).host;
    const list = this.byHost.get(host) ?? [];
    const token = auth.slice("Bearer ".length);
    if (!list.includes(token)) list.push(token);
    this.byHost.set(host, list);
  }
  all(): string[] {
    return [...this.byHost.values()].flat();
  }
  claims(host: string): TokenFacts[] {
    return (this.byHost.get(host) ?? []).map(claimsOf);
  }
}

function claimsOf(token: string): TokenFacts {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as TokenFacts;
}

/** Clicks a hub button that opens the relay popup, then the relay's Continue (Entra's window must come from a click). */
async function throughRelay(h: Harness, click: () => Promise<void>): Promise<Page> {
  const opened = h.browser.context.waitForEvent("page");
  await click();
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
 * No access token the hub sent was ever written to storage or cookies by any page, and none is held by the hub frame's
 * storage or by the hub origin's own (the relay and bridge pages run there at top level).
 */
async function expectNoStoredTokens(h: Harness, frame: Frame, writes: readonly string[], tokens: readonly string[]): Promise<void> {
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

describe("the production bundle's sign-in pages", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  const scriptsOf = (html: string) => [...html.matchAll(/<script[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);

  it("ships the popup-relay and redirect-bridge pages, each loading only its own script", () => {
    const relay = readFileSync("dist/popup-relay.html", "utf8");
    const bridge = readFileSync("dist/redirect-bridge.html", "utf8");
    expect(scriptsOf(relay)).toEqual([expect.stringMatching(/^popup-relay\.[0-9a-f]{8}\.js$/)]);
    expect(scriptsOf(bridge)).toEqual([expect.stringMatching(/^redirect-bridge\.[0-9a-f]{8}\.js$/)]);
  });

  it("keeps msal-browser out of the pages' first scripts: it is a chunk loaded on sign-in", () => {
    const hasMsal = (file: string) => readFileSync(file, "utf8").includes("NestedAppOperatingContext");
    const hubEntry = files("dist").filter((file) => /^hub\.[0-9a-f]{8}\.js$/.test(path.basename(file)));
    expect(hubEntry).toHaveLength(1);
    expect(hasMsal(hubEntry[0]!)).toBe(false);
    // The hub's sign-in imports it on demand: msal lives in chunks no page loads up front.
    const shippedMsal = files("dist").filter((file) => file.endsWith(".js") && hasMsal(file));
    expect(shippedMsal.length).toBeGreaterThan(0);
    const pages = ["hub.html", "popup-relay.html", "redirect-bridge.html"].flatMap((page) =>
      scriptsOf(readFileSync(path.join("dist", page), "utf8")),
    );
    expect(shippedMsal.filter((file) => pages.includes(path.basename(file)))).toEqual([]);
  });
});

describe("signing in from the hub's iframe (Chromium, emulated Azure DevOps and Entra)", () => {
  let h: Harness;
  let requests: string[];
  let windows: Page[];
  let writes: string[];
  let tokens: SentTokens;
  /** Access tokens Entra (or the host's bridge) handed out, read off the answers. */
  let issued: string[];

  beforeEach(async () => {
    h = await startHarness();
    requests = [];
    windows = [];
    tokens = new SentTokens();
    issued = [];
    h.browser.context.on("response", (response) => {
      if (!/\/_naa\/bridge$|\/oauth2\/v2\.0\/token/.test(response.url())) return;
      void response.text().then(
        (text) => issued.push(...[...text.matchAll(/"access_token"\s*:\s*"([^"]+)"/g)].map((m) => m[1]!)),
        () => undefined,
      );
    });
    h.browser.context.on("request", (request) => {
      requests.push(`${request.method()} ${request.url()}`);
      tokens.record(request);
    });
    h.browser.context.on("page", (page) => windows.push(page));
    writes = await recordStorageWrites(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  /** After signing in, the hub reads the person (Graph) and, on the Scope page, the subscriptions (ARM). */
  async function expectSignedInAndListing(w: WizardDriver): Promise<void> {
    await w.frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
    await w.frame.getByText("admin@contoso.onmicrosoft.com").first().waitFor();
    await w.next();
    await w.page("Scope");
    await w.choose("Subscription", "Contoso Production");
    expect(requests.some((r) => r.startsWith("GET https://management.azure.com/subscriptions?"))).toBe(true);
    expect(tokens.claims("management.azure.com")[0]).toMatchObject({
      aud: "https://management.azure.com",
      scp: "user_impersonation",
      tid: SEED.tenantId,
    });
    // The Graph token came with the same consent (it is first sent when the run creates the app).
    const graph = issued.map(claimsOf).find((c) => c.aud === "https://graph.microsoft.com");
    expect(graph).toMatchObject({ tid: SEED.tenantId });
    expect(graph?.scp).toContain("Application.ReadWrite.All");
    // Graph's and ARM's tokens went only to their own service.
    for (const host of ["graph.microsoft.com", "management.azure.com"]) {
      for (const [other, sent] of tokens.byHost)
        if (other !== host) for (const token of tokens.byHost.get(host) ?? []) expect(sent).not.toContain(token);
    }
  }

  it("gets Graph and ARM tokens through the host's nested app authentication, with no window", async () => {
    const w = await openSignIn(h, { naa: true });
    await w.frame.getByRole("button", { name: SIGN_IN }).click();
    await expectSignedInAndListing(w);

    // The host brokered everything: no sign-in window, no authorize or token request from the browser.
    expect(windows).toEqual([]);
    expect(requests.filter((r) => r.includes("login.microsoftonline.com"))).toEqual([]);
    expect(requests.some((r) => r.startsWith("POST ") && r.endsWith("/entra/_naa/bridge"))).toBe(true);
    // The administrator consented for the organization, once, in the host's prompt.
    expect(h.model.state.tenants.find((t) => t.id === SEED.tenantId)?.adminConsentedClientIds).toContain(SEED.signInClientId);

    await expectNoStoredTokens(h, w.frame, writes, [...tokens.all(), ...issued]);
    expect(h.blocked).toEqual([]);
  });

  it("signs in through the relay popup when the host offers no nested app authentication", async () => {
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
    const w = await openSignIn(h, { naa: false });
    const relay = await throughRelay(h, () => w.frame.getByRole("button", { name: SIGN_IN }).click());
    await expectSignedInAndListing(w);

    // One authorize round trip with PKCE that asked consent for both resources and came back to the bridge page.
    const authorize = requests.filter((r) => /^GET https:\/\/login\.microsoftonline\.com\/[^/]+\/oauth2\/v2\.0\/authorize/.test(r));
    expect(authorize).toHaveLength(1);
    const query = new URL(authorize[0]!.slice(4)).searchParams;
    expect(query.get("redirect_uri")).toBe(`${hubOrigin(h)}${BRIDGE_PATH}`);
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(query.get("scope")).toContain("https://management.azure.com/user_impersonation");
    expect(requests).toContain(`GET ${hubOrigin(h)}${BRIDGE_PATH}`);
    const tokenRequests = requests.filter(
      (r) => r.startsWith("POST https://login.microsoftonline.com/") && r.includes("/oauth2/v2.0/token"),
    );
    expect(tokenRequests.length).toBeGreaterThanOrEqual(2);
    expect(h.model.state.signIn.authorizationCodes.map((c) => c.redeemed)).toEqual([true]);
    // The relay and Entra's window closed themselves.
    await expect.poll(() => relay.isClosed()).toBe(true);

    await expectNoStoredTokens(h, w.frame, writes, [...tokens.all(), ...issued]);
    expect(h.blocked).toEqual([]);
  });

  it("tells the person signing in was cancelled when they close the sign-in window", async () => {
    h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
    const w = await openSignIn(h, { naa: false });
    const opened = h.browser.context.waitForEvent("page");
    await w.frame.getByRole("button", { name: SIGN_IN }).click();
    const relay = await opened;
    await relay.waitForURL((url) => url.pathname === RELAY_PATH);
    await relay.close();
    await w.frame.getByText("Signing in was cancelled.").waitFor({ timeout: 15_000 });
    await w.frame
      .getByText(/Sign in again/)
      .first()
      .waitFor();
    // Still not signed in, and the button is there to try again.
    expect(await w.frame.getByTestId("signed-in").count()).toBe(0);
    await w.frame.getByRole("button", { name: SIGN_IN }).waitFor();
    expect(h.model.state.signIn.authorizationCodes).toEqual([]);
  });

  describe("when ARM demands multifactor authentication for a write (claims challenge)", () => {
    beforeEach(() => {
      // The administrator signed in with a password only; the tenant enforces Azure's mandatory MFA for ARM writes.
      h.model.state.users.find((u) => u.id === SEED.users.admin)!.mfa = false;
      h.model.state.tenants.find((t) => t.id === SEED.tenantId)!.requireMfaForArmWrites = true;
    });

    /** The run's role assignment: first refused with the challenge, then accepted with a token that carries MFA. */
    async function createThroughReview(w: WizardDriver, stepUp: () => Promise<void>): Promise<void> {
      await w.next();
      await w.page("Scope");
      await w.choose("Subscription", "Contoso Production");
      await acceptDefaultsToReview(w);
      await stepUp();
      const scope = `/subscriptions/${subscriptionIdAt(0)}`;
      const assigned = () =>
        h.model.state.roleAssignments.some(
          (a) =>
            a.scope === scope &&
            a.createdBy === SEED.users.admin &&
            a.roleDefinitionName.endsWith("acdd72a7-3385-48ef-bd42-f606fba81ae7") &&
            ROLE_ASSIGNMENT_PUT.test(`${a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`),
        );
      await expect.poll(assigned, { timeout: 20_000 }).toBe(true);
      // Playwright reports a request's headers in an event of its own, which may trail the model's answer.
      await expect.poll(() => tokens.claims("management.azure.com").some((t) => t.amr?.includes("mfa"))).toBe(true);
      expect(tokens.claims("management.azure.com")[0]?.amr).toEqual(["pwd"]);
    }

    it("asks the host interactively with the claims (nested app authentication) and retries with an MFA token", async () => {
      const bridgeCalls: Array<{ method: string; claims?: string }> = [];
      h.page.on("request", (request) => {
        if (!request.url().endsWith("/entra/_naa/bridge")) return;
        const body = JSON.parse(request.postData() ?? "{}") as { method: string; tokenParams?: { claims?: string } };
        bridgeCalls.push({ method: body.method, ...(body.tokenParams?.claims ? { claims: body.tokenParams.claims } : {}) });
      });
      const w = await openSignIn(h, { naa: true });
      await w.frame.getByRole("button", { name: SIGN_IN }).click();
      await w.frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
      await createThroughReview(w, () => w.frame.getByRole("button", { name: "Create" }).click());
      await w.page("Result");
      await w.frame.getByText("The connection is ready and verified.").waitFor();
      // msal adds its own optional id_token claims to every request; the challenge's access_token claims ride along.
      const interactive = bridgeCalls.filter((c) => c.method === "GetTokenPopup" && c.claims?.includes("acrs"));
      expect(interactive).toHaveLength(1);
      expect(JSON.parse(interactive[0]!.claims!)).toMatchObject(MFA_CHALLENGE);
    });

    it("opens the relay popup with the claims (popups) and retries with an MFA token", async () => {
      h.model.state.signInApps[0]!.redirectUris.push(`${hubOrigin(h)}${BRIDGE_PATH}`);
      const w = await openSignIn(h, { naa: false });
      await throughRelay(h, () => w.frame.getByRole("button", { name: SIGN_IN }).click());
      await w.frame.getByTestId("signed-in").waitFor({ timeout: 30_000 });
      await createThroughReview(w, async () => {
        const relay = await throughRelay(h, () => w.frame.getByRole("button", { name: "Create" }).click());
        await expect.poll(() => relay.isClosed()).toBe(true);
      });
      const stepUp = requests.filter(
        (r) => r.includes("/oauth2/v2.0/authorize") && new URL(r.slice(4)).searchParams.get("claims")?.includes("acrs"),
      );
      expect(stepUp).toHaveLength(1);
      const url = new URL(stepUp[0]!.slice(4));
      expect(JSON.parse(url.searchParams.get("claims")!)).toMatchObject(MFA_CHALLENGE);
      expect(url.pathname).toBe(`/${SEED.tenantId}/oauth2/v2.0/authorize`);
      expect(url.searchParams.get("scope")).toContain("https://management.azure.com/user_impersonation");
    });
  });
});
