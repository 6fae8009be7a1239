/**
 * Secret hygiene, checked after an end-to-end journey: the client secret a journey created (Graph's addPassword
 * answer) or typed (bring your own app) is found nowhere it must not be.
 *
 * Allowed: the addPassword response itself, and the Azure DevOps calls that must carry it (create, update and
 * TestConnection of a service endpoint); the DOM only when the person asked to reveal it. Searched: every other request
 * and response the model answered, every request the browser made to any host (URL, headers, body), console output and
 * page errors of every page, the postMessage traffic between host and hub, localStorage, sessionStorage, IndexedDB and
 * the DOM of every frame, cookies, and the model's whole state (extension data, so the journal, included).
 *
 * Importing this module starts the recording, for every harness started afterwards: it wraps Azure in a box's
 * `handleService` and Playwright's `chromium.launchPersistentContext`, so nothing that happens from the harness's
 * start is missed. The harness imports it and runs the check when it closes, so every journey is checked; a journey
 * may also call `await expectNoSecretLeak(h)` at a moment of its choosing.
 */
import { chromium, type BrowserContext, type Frame } from "playwright-core";
import { AzureInABox } from "../../../emulator/model/azureInABox";
import type { ServiceRequest, ServiceResponse } from "../../../emulator/model/core/http";
import type { Harness } from "./harness";

interface ModelExchange {
  service: ServiceRequest["service"];
  method: string;
  path: string;
  request: string;
  status: number;
  response: string;
}

interface BrowserRecord {
  requests: Array<{ method: string; url: string; text: string }>;
  console: string[];
  /** Console messages whose arguments are still being serialized in their page. */
  pendingConsole: Array<Promise<void>>;
  messages: string[];
}

const modelLogs = new WeakMap<AzureInABox, ModelExchange[]>();
const browserLogs = new WeakMap<BrowserContext, BrowserRecord>();

const text = (value: unknown): string => (value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));

// ---------------------------------------------------------------- recording (installed once, on import)

const RECORDING = Symbol.for("secretHygiene.recording");
const installed = globalThis as typeof globalThis & { [RECORDING]?: true };

if (!installed[RECORDING]) {
  installed[RECORDING] = true;

  const handleService = AzureInABox.prototype.handleService;
  AzureInABox.prototype.handleService = async function (this: AzureInABox, req: ServiceRequest): Promise<ServiceResponse> {
    const answer = await handleService.call(this, req);
    let log = modelLogs.get(this);
    if (!log) modelLogs.set(this, (log = []));
    log.push({
      service: req.service,
      method: req.method.toUpperCase(),
      path: req.path,
      request: `${req.method} ${req.path}?${req.query.toString()}\n${text(req.headers)}\n${req.bodyText ?? ""}`,
      status: answer.status,
      response: `${text(answer.headers)}\n${text(answer.body)}`,
    });
    return answer;
  };

  const launch = chromium.launchPersistentContext.bind(chromium);
  chromium.launchPersistentContext = async (...args: Parameters<typeof launch>) => {
    const context = await launch(...args);
    await record(context);
    return context;
  };
}

async function record(context: BrowserContext): Promise<void> {
  const log: BrowserRecord = { requests: [], console: [], pendingConsole: [], messages: [] };
  browserLogs.set(context, log);
  context.on("request", (request) => {
    log.requests.push({
      method: request.method(),
      url: request.url(),
      text: `${request.url()}\n${text(request.headers())}\n${request.postData() ?? ""}`,
    });
  });
  context.on("console", (message) => {
    // The text of a message shows objects as "Object" and errors without their fields: serialize every argument in its
    // page (nested values, errors with their message, stack and own fields), so a secret inside an object is found too.
    const index = log.console.push(`${message.type()}: ${message.text()}`) - 1;
    log.pendingConsole.push(
      Promise.all(
        message.args().map((arg) =>
          arg
            .evaluate((value: unknown) => {
              const seen = new WeakSet<object>();
              const json = JSON.stringify(value, (_key, v: unknown) => {
                if (v instanceof Error) return { ...v, name: v.name, message: v.message, stack: v.stack, cause: v.cause };
                if (typeof v === "object" && v !== null) {
                  if (seen.has(v)) return "[cycle]";
                  seen.add(v);
                }
                return typeof v === "bigint" ? String(v) : v;
              });
              return json ?? String(value);
            })
            .catch(() => "[argument no longer readable]"),
        ),
      ).then((args) => {
        log.console[index] = `${log.console[index]} ${args.join(" ")}`;
      }),
    );
  });
  context.on("weberror", (error) => log.console.push(`page error: ${String(error.error()?.stack ?? error.error())}`));
  // The postMessage traffic of every frame (the SDK's XDM channel between host page and hub), as each frame receives it.
  await context.exposeBinding("__secretHygieneMessage", (_source, message: string) => void log.messages.push(message));
  await context.addInitScript(() => {
    window.addEventListener(
      "message",
      (event) => {
        let data: string;
        try {
          data = typeof event.data === "string" ? event.data : JSON.stringify(event.data);
        } catch {
          data = String(event.data);
        }
        void (window as unknown as { __secretHygieneMessage?: (m: string) => Promise<void> }).__secretHygieneMessage?.(
          `${location.origin} <- ${event.origin}: ${data}`,
        );
      },
      true,
    );
  });
}

// ---------------------------------------------------------------- where the secret may be

/** Azure DevOps calls that must carry the secret: create, update and TestConnection ("Verify") of a service endpoint. */
function mayCarrySecret(method: string, pathOrUrl: string): boolean {
  const path = pathOrUrl.split("?")[0]!;
  return (
    (method === "POST" && /\/_apis\/serviceendpoint\/endpoints\/?$/i.test(path)) ||
    (method === "PUT" && /\/_apis\/serviceendpoint\/endpoints\/[0-9a-f-]{36}\/?$/i.test(path)) ||
    (method === "POST" && /\/_apis\/serviceendpoint\/endpointproxy\/?$/i.test(path))
  );
}

const isAddPassword = (e: ModelExchange) => e.service === "graph" && e.method === "POST" && /\/addPassword$/i.test(e.path);

/** Every secret Graph handed out in this harness (addPassword answers). */
export function secretsCreated(h: Pick<Harness, "model">): string[] {
  return (modelLogs.get(h.model) ?? [])
    .filter((e) => isAddPassword(e) && e.status === 200)
    .map((e) => (JSON.parse(e.response.slice(e.response.indexOf("\n") + 1)) as { secretText: string }).secretText);
}

/**
 * The forms a secret can take in text: as is, JSON-escaped, URL-encoded (both ways browsers encode), its tail (a
 * truncated copy), and base64 or base64url at each of the three alignments it can have inside a longer encoded text
 * (the groups it shares with its neighbours are left out).
 */
export function needles(secret: string): string[] {
  const encoded = [0, 1, 2].flatMap((offset) => {
    const b64 = Buffer.from(`${"\0".repeat(offset)}${secret}`, "utf8")
      .toString("base64")
      .replace(/=+$/, "");
    const inner = b64.slice(offset === 0 ? 0 : 4, -4);
    return [inner, inner.replace(/\+/g, "-").replace(/\//g, "_")];
  });
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), form, secret.slice(-16), ...encoded])];
}

/** Thrown when a secret is found: the places, each once, for a test to read. */
export class SecretLeak extends Error {
  constructor(readonly places: string[]) {
    super(`The created secret was found where it must never be:\n  ${places.join("\n  ")}`);
    this.name = "SecretLeak";
  }
}

interface FrameContents {
  url: string;
  localStorage: string;
  sessionStorage: string;
  indexedDB: string;
  dom: string;
  host: string;
}

/** Storage, IndexedDB and DOM (with the live values of inputs, which the markup does not show) of one frame. */
function readFrame(frame: Frame): Promise<FrameContents> {
  return frame.evaluate(async () => {
    // A sandboxed or storage-blocked frame can keep nothing in the storage it may not open.
    const dump = (storage: () => Storage) => {
      try {
        const s = storage();
        return JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k)])));
      } catch (error) {
        return `unavailable: ${String(error)}`;
      }
    };
    const safe = (value: unknown) => {
      try {
        return JSON.stringify(value, (_k, v: unknown) =>
          typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype
            ? `[${Object.prototype.toString.call(v)}]`
            : v,
        );
      } catch {
        return String(value);
      }
    };
    const databases: string[] = [];
    // A frame refused IndexedDB (third-party storage blocked) can keep nothing there.
    const list = await Promise.resolve(indexedDB.databases?.() ?? []).catch(
      (error: unknown) => (databases.push(`unavailable: ${String(error)}`), []),
    );
    for (const info of list) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, "readonly").objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        databases.push(`${info.name}/${store}: ${safe(values)}`);
      }
      db.close();
    }
    const values = Array.from(document.querySelectorAll("input, textarea, select")).map((e) => (e as HTMLInputElement).value);
    const host = (window as unknown as { __host?: unknown }).__host;
    return {
      url: location.href,
      localStorage: dump(() => localStorage),
      sessionStorage: dump(() => sessionStorage),
      indexedDB: databases.join("\n"),
      dom: `${document.documentElement.outerHTML}\n${values.join("\n")}`,
      host: host ? safe(host) : "",
    };
  });
}

export interface HygieneOptions {
  /** Secrets the test itself typed (bring your own app), besides those Graph created. */
  secrets?: string[];
  /** The person asked to see the secret: the DOM may show it. */
  revealed?: boolean;
}

/**
 * Fails, naming every place, when a secret of this harness is anywhere it must not be. Returns how many secrets and
 * places it checked, so a journey can also see that the check had something to check.
 */
export async function expectNoSecretLeak(h: Harness, options: HygieneOptions = {}): Promise<{ secrets: number; places: number }> {
  const exchanges = modelLogs.get(h.model);
  const browser = browserLogs.get(h.browser.context);
  expect(exchanges, "secretHygiene.ts must be imported before the harness starts").toBeDefined();
  expect(browser, "secretHygiene.ts must be imported before the harness starts").toBeDefined();
  const secrets = [...new Set([...secretsCreated(h), ...(options.secrets ?? [])])];
  // Let the last console messages and postMessage reports arrive, and their arguments be read.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await Promise.all(browser!.pendingConsole);

  const places: Array<[where: string, content: string]> = [];
  for (const e of exchanges!) {
    if (!mayCarrySecret(e.method, e.path)) places.push([`request to ${e.service} ${e.method} ${e.path}`, e.request]);
    if (!isAddPassword(e)) places.push([`response of ${e.service} ${e.method} ${e.path} (${e.status})`, e.response]);
  }
  for (const r of browser!.requests)
    if (!mayCarrySecret(r.method, new URL(r.url).pathname)) places.push([`browser request ${r.method} ${r.url.split("?")[0]}`, r.text]);
  browser!.console.forEach((line, i) => places.push([`console message ${i + 1}`, line]));
  browser!.messages.forEach((message, i) => places.push([`postMessage ${i + 1}`, message]));
  places.push(["the model's state (extension data and the journal included)", JSON.stringify(h.model.inspect())]);
  places.push(["cookies", JSON.stringify(await h.browser.context.cookies())]);
  for (const page of h.browser.context.pages()) {
    for (const frame of page.frames()) {
      if (frame.isDetached() || frame.url() === "about:blank") continue;
      let contents: FrameContents;
      try {
        contents = await readFrame(frame);
      } catch (error) {
        if (frame.isDetached()) continue;
        throw error;
      }
      places.push([`localStorage of ${contents.url}`, contents.localStorage]);
      places.push([`sessionStorage of ${contents.url}`, contents.sessionStorage]);
      places.push([`IndexedDB of ${contents.url}`, contents.indexedDB]);
      places.push([`what the host page was told (${contents.url})`, contents.host]);
      if (!options.revealed) places.push([`the DOM of ${contents.url}`, contents.dom]);
    }
  }

  const found = new Set<string>();
  for (const secret of secrets)
    for (const needle of needles(secret)) for (const [where, content] of places) if (content.includes(needle)) found.add(where);
  if (found.size > 0) throw new SecretLeak([...found]);
  return { secrets: secrets.length, places: places.length };
}
