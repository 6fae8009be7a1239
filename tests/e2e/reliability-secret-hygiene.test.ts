import { startHarness, type Harness } from "./support/harness";
import { acceptDefaultsToReview, openWizard } from "./support/journey";
import { expectNoSecretLeak, secretsCreated } from "./support/secretHygiene";
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
    await expect(expectNoSecretLeak(h)).rejects.toThrow(/in the DOM of/);
    await expectNoSecretLeak(h, { revealed: true });
    await w.frame.getByRole("button", { name: "Hide the client secret" }).click();
    await expectNoSecretLeak(h);
  });

  it.each([
    // The hub's own frame may not open storage at all (the host sandboxes it); the host page's is searched like any frame's.
    ["localStorage of the host page", (secret: string) => h.page.evaluate((s) => localStorage.setItem("leak", s), secret), /localStorage of http:\/\/127\.0\.0\.1/],
    ["sessionStorage of the host page", (secret: string) => h.page.evaluate((s) => sessionStorage.setItem("leak", s), secret), /sessionStorage of http:\/\/127\.0\.0\.1/],
    [
      "IndexedDB of the host page",
      (secret: string) =>
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
          secret,
        ),
      /IndexedDB of http:\/\/127\.0\.0\.1/,
    ],
    ["the console", (secret: string) => w.frame.evaluate((s) => console.info("debug", s), secret), /console message/],
    ["a request to another host", (secret: string) => w.frame.evaluate((s) => fetch(`https://graph.microsoft.com/v1.0/me?x=${encodeURIComponent(s)}`).catch(() => undefined), secret), /request/],
    ["a message to the host page", (secret: string) => w.frame.evaluate((s) => window.parent.postMessage(JSON.stringify({ leak: s }), "*"), secret), /postMessage/],
    ["a truncated copy in the DOM", (secret: string) => w.frame.evaluate((s) => document.body.append(s.slice(4)), secret), /the DOM of/],
  ])("fails when a copy is planted in %s, naming the place", async (_where, plant, place) => {
    const [secret] = secretsCreated(h);
    await plant(secret!);
    await expect(expectNoSecretLeak(h)).rejects.toThrow(place);
  });
});
