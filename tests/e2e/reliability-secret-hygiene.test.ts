import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, openWizard } from "./support/journey";
import { expectNoSecretLeak, SecretLeak, secretsCreated } from "./support/secretHygiene";
import type { WizardDriver } from "./support/wizard";

/**
 * The hygiene check itself, held to what it promises: after a clean journey it finds the created secret nowhere it must
 * not be; shown on request, the secret may be in the DOM and only there; and a copy planted in any place it searches
 * (storage of the hub's frame, the console, a request, a message to the host) makes it fail, naming the place.
 */
describe("the secret hygiene check", () => {
  let h: Harness;
  let w: WizardDriver;
  beforeAll(async () => {
    h = await startHarness();
    w = await openWizard(h);
    await w.choose("Subscription", "Contoso Production");
    await acceptDefaultsToReview(w, { pipelines: ["web-ci"] });
    await w.frame.getByRole("button", { name: "Create" }).click();
    await w.page("Result");
  });
  afterAll(async () => {
    await h?.close();
  });

  it("finds the created secret only where it belongs after a journey", async () => {
    const checked = await expectNoSecretLeak(h);
    expect(checked.secrets).toBe(1);
    expect(checked.places).toBeGreaterThan(50);
  });

  it("allows the secret in the DOM only once the person asked to see it", async () => {
    const [secret] = secretsCreated(h);
    await w.frame.getByRole("button", { name: "Show the client secret" }).click();
    expect(await w.frame.getByTestId("secret-value").textContent()).toBe(secret);
    await expect(expectNoSecretLeak(h)).rejects.toThrow(/the DOM of/);
    await expectNoSecretLeak(h, { revealed: true });
    await w.frame.getByRole("button", { name: "Hide the client secret" }).click();
    await expectNoSecretLeak(h);
  });
});

/**
 * Each planted copy in a fresh world: the hub open in the host, signed in, a secret the test holds (as a person would
 * type one), and exactly one copy of it planted. The check must name that one place and no other.
 */
describe("the secret hygiene check, against one planted leak at a time", () => {
  const SECRET = "Pl4nted~Secret.Value_0123456789abcdefXYZ";
  let h: Harness;
  let w: WizardDriver;
  beforeEach(async () => {
    h = await startHarness();
    // The leak is planted on purpose: the closing check must not fail the test for it.
    h.hygiene = false;
    w = await openWizard(h);
  });
  afterEach(async () => {
    await h?.close();
  });

  const hostOrigin = () => new URL(h.emulator.hostUrl).origin;
  const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

  it.each([
    // The hub's own frame may not open storage at all (the host sandboxes it); the host page's is searched like any frame's.
    [
      "localStorage of the host page",
      () => h.page.evaluate((s) => localStorage.setItem("leak", s), SECRET),
      () => `localStorage of ${hostOrigin()}/`,
    ],
    [
      "sessionStorage of the host page",
      () => h.page.evaluate((s) => sessionStorage.setItem("leak", s), SECRET),
      () => `sessionStorage of ${hostOrigin()}/`,
    ],
    [
      "IndexedDB of the host page",
      () =>
        h.page.evaluate(
          (s) =>
            new Promise<void>((resolve) => {
              const open = indexedDB.open("leak", 1);
              open.onupgradeneeded = () => open.result.createObjectStore("kv");
              open.onsuccess = () => {
                const tx = open.result.transaction("kv", "readwrite");
                tx.objectStore("kv").put({ value: s }, "k");
                tx.oncomplete = () => (open.result.close(), resolve());
              };
            }),
          SECRET,
        ),
      () => `IndexedDB of ${hostOrigin()}/`,
    ],
    ["the console, as text", () => w.frame.evaluate((s) => console.info("debug", s), SECRET), () => /^console message \d+$/],
    [
      "the console, inside an object",
      () => w.frame.evaluate((s) => console.info("state", { run: { created: { secret: s } } }), SECRET),
      () => /^console message \d+$/,
    ],
    [
      "the console, inside an error",
      () => w.frame.evaluate((s) => console.error(Object.assign(new Error("failed"), { body: { secretText: s } })), SECRET),
      () => /^console message \d+$/,
    ],
    [
      "a request to another host, URL-encoded",
      () => w.frame.evaluate((s) => fetch(`https://graph.microsoft.com/v1.0/me?x=${encodeURIComponent(s)}`).catch(() => undefined), SECRET),
      () => /^(browser request GET https:\/\/graph\.microsoft\.com\/v1\.0\/me|request to graph GET \/v1\.0\/me)$/,
    ],
    [
      "a request body, base64-encoded inside a longer text",
      () =>
        w.frame.evaluate(
          (b) => fetch("https://graph.microsoft.com/v1.0/me", { method: "POST", body: b }).catch(() => undefined),
          base64(`xy${SECRET}z`),
        ),
      () => /^(browser request POST https:\/\/graph\.microsoft\.com\/v1\.0\/me|request to graph POST \/v1\.0\/me)$/,
    ],
    [
      "a message to the host page",
      () => w.frame.evaluate((s) => window.parent.postMessage(JSON.stringify({ leak: s }), "*"), SECRET),
      // The SDK's XDM in the host logs a message no channel handles ("No handler found …"), as the real host's does.
      () => /^(postMessage \d+|console message \d+)$/,
    ],
    [
      "a truncated copy in the DOM",
      () => w.frame.evaluate((s) => document.body.append(s.slice(4)), SECRET),
      () => /^the DOM of http:\/\/localhost:\d+\/hub\.html/,
    ],
  ] as Array<[string, () => Promise<unknown>, () => string | RegExp]>)(
    "fails when a copy is planted in %s, naming that place only",
    async (_where, plant, place) => {
      await expectNoSecretLeak(h, { secrets: [SECRET] });
      await plant();
      const leak = await expectNoSecretLeak(h, { secrets: [SECRET] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(leak).toBeInstanceOf(SecretLeak);
      const places = (leak as SecretLeak).places;
      const expected = place();
      // A request shows up twice (as the browser sent it and as the model received it); nothing else may.
      expect(places.length).toBeGreaterThanOrEqual(1);
      expect(places.length).toBeLessThanOrEqual(2);
      const pattern = typeof expected === "string" ? new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) : expected;
      for (const found of places) expect(found).toMatch(pattern);
    },
  );
});
