import type { BrowserContext, Route } from "playwright-core";
import type { AzureInABox } from "../model/azureInABox";
import { REAL_ROOTS, type ServiceRoots } from "../model/routing";
import { toWire } from "./wire";

/**
 * The end-to-end door: the production bundle runs unchanged and calls the real host names (Graph, ARM, the Entra
 * authority, dev.azure.com); Playwright hands each such request to the model instead of the network.
 */
export async function routeAzureToModel(context: BrowserContext, model: AzureInABox, roots: ServiceRoots = REAL_ROOTS): Promise<void> {
  const owns = (url: URL) => roots.some(({ root }) => `${url.origin}${url.pathname}`.startsWith(root));
  await context.route(owns, async (route: Route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    const bodyText = request.postData() ?? undefined;
    const answer = await model.handle(
      { method: request.method(), url: request.url(), headers, ...(bodyText !== undefined ? { bodyText } : {}) },
      roots,
    );
    if (!answer) return route.abort("addressunreachable");
    if (answer.networkDrop) return route.abort("connectionreset");
    const wire = toWire(answer, headers);
    await route.fulfill({ status: wire.status, headers: wire.headers, body: wire.body });
  });
}

/** Fails the test run loudly when the page tries to reach any host that is neither the emulator nor a real cloud. */
export async function blockEverythingElse(context: BrowserContext, allowedOrigins: string[]): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) =>
      !allowedOrigins.includes(url.origin) && !REAL_ROOTS.some(({ root }) => url.href.startsWith(root)) && url.protocol.startsWith("http"),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort("blockedbyclient");
    },
  );
  return blocked;
}
