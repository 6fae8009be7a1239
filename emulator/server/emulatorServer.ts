import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AzureInABox } from "../model/azureInABox";
import { localRoots } from "../model/routing";
import type { HostConfig, HostWidgetConfig } from "../host/hostConfig";
import type { ThemeName } from "../host/themes";
import { guidFrom } from "../model/core/ids";
import { toWire } from "../doors/wire";
import { handleControl } from "./control";
import { readStatic } from "./staticFiles";

export interface EmulatorServerOptions {
  model: AzureInABox;
  /** Folder of the built hub (dist/). */
  hubDir: string;
  /** Folder of the built host page (dist-emulator/). */
  hostDir: string;
  /** 0 picks a free port. */
  hostPort?: number;
  hubPort?: number;
  /**
   * Where the hub's Azure DevOps REST clients are sent: "local" (this server, for `npm start`) or "real"
   * (https://dev.azure.com/, which end-to-end tests route to the model).
   */
  devopsRoot: "local" | "real";
  theme?: ThemeName;
  nestedAppAuth?: boolean;
  /** Called after any request that may have changed the model, e.g. to persist extension data. */
  onChange?: (model: AzureInABox) => void;
}

export interface RunningEmulator {
  /** The host page, e.g. http://127.0.0.1:7000/ */
  hostUrl: string;
  /** Origin of the host page and of the emulated services under it. */
  apiOrigin: string;
  /** The hub page, on another site: http://localhost:7001/hub.html */
  hubUrl: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  return headers;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The `npm start` door, also used by end-to-end tests for the host page: one server for the host page and every
 * emulated service (http://127.0.0.1:PORT), one for the hub's files on another site (http://localhost:OTHER), so the
 * hub runs in a cross-site iframe as it does under dev.azure.com.
 */
export async function startEmulatorServer(options: EmulatorServerOptions): Promise<RunningEmulator> {
  const { model } = options;
  let apiOrigin = "";
  let hubOrigin = "";

  // `?hub=/path` loads another page of the hub's origin in the frame (the first-render benchmark: /_probe/floor.html); never another origin.
  const hubUrlFor = (hub: string | null): string => {
    const url = hub?.startsWith("/") ? new URL(hub, hubOrigin) : undefined;
    return url && url.origin === hubOrigin ? url.href : `${hubOrigin}/hub.html`;
  };

  // `?widget=widget|configuration` plays a dashboard hosting the "Azure secrets expiring" widget (or its configuration),
  // with `size=2x2|4x2`, `days=N` (its saved configuration) and `name=` (the tile's title).
  const widgetFor = (search: URLSearchParams): HostWidgetConfig | undefined => {
    const mode = search.get("widget");
    if (mode !== "widget" && mode !== "configuration") return undefined;
    const [columnSpan, rowSpan] = search.get("size") === "4x2" ? [4, 2] : [2, 2];
    const days = search.get("days");
    return {
      mode,
      contributionId: `emulated-publisher.arm-connection-hub.${mode === "widget" ? "expiring-secrets-widget" : "expiring-secrets-widget-configuration"}`,
      size: { rowSpan, columnSpan },
      name: search.get("name") ?? "Azure secrets expiring",
      data: days !== null ? JSON.stringify({ days: Number(days) }) : "",
    };
  };

  const hostConfig = (search: URLSearchParams): HostConfig => {
    const widget = widgetFor(search);
    return {
      hubUrl: widget
        ? `${hubOrigin}/${widget.mode === "widget" ? "widget.html" : "widget-configuration.html"}`
        : hubUrlFor(search.get("hub")),
      devopsRoot: options.devopsRoot === "real" ? "https://dev.azure.com/" : `${apiOrigin}/devops/`,
      hostDevopsRoot: `${apiOrigin}/devops/`,
      hostEntraRoot: `${apiOrigin}/entra`,
      organization: { id: guidFrom(`organization:${model.state.devops.organization}`), name: model.state.devops.organization },
      project: model.state.devops.projects.find((p) => p.name === search.get("project")) ?? model.state.devops.projects[0]!,
      user: {
        id: model.state.devops.user.id,
        name: model.state.devops.user.uniqueName,
        displayName: model.state.devops.user.displayName,
        descriptor: `aad.${Buffer.from(model.state.devops.user.id).toString("base64url")}`,
      },
      extension: { publisherId: "emulated-publisher", extensionId: "arm-connection-hub", version: "0.0.0" },
      contributionId: widget?.contributionId ?? "emulated-publisher.arm-connection-hub.hub",
      theme: search.get("theme") === "dark" ? "dark" : (options.theme ?? "light"),
      nestedAppAuth: search.get("naa") === "0" ? false : (options.nestedAppAuth ?? true),
      ...(widget ? { widget } : {}),
    };
  };

  const host = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", apiOrigin);
      if (url.pathname === "/_emulator/host-config") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(hostConfig(url.searchParams)));
        return;
      }
      const bodyText = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const headers = headersOf(req);
      if (url.pathname.startsWith("/_emulator/")) {
        const answer = await handleControl(model, req.method ?? "GET", url, bodyText);
        const wire = toWire(answer, headers);
        res.writeHead(wire.status, wire.headers).end(wire.body);
        options.onChange?.(model);
        return;
      }
      const answer = await model.handle(
        { method: req.method ?? "GET", url: url.toString(), headers, ...(bodyText !== undefined ? { bodyText } : {}) },
        localRoots(apiOrigin),
      );
      if (answer) {
        if (answer.networkDrop) {
          req.socket.destroy();
          return;
        }
        const wire = toWire(answer, headers);
        res.writeHead(wire.status, wire.headers).end(wire.body);
        if (req.method !== "GET") options.onChange?.(model);
        return;
      }
      const file = await readStatic(options.hostDir, url.pathname === "/" ? "/host.html" : url.pathname);
      if (file) res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
      else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(`Emulator error: ${String(error)}`);
    }
  });

  const hub = createServer(async (req, res) => {
    // Test-only pages built into dist-emulator/ (the benchmark's floor page) run on the hub's origin under /_probe/.
    const probe = req.url?.startsWith("/_probe/") ? req.url.slice("/_probe".length) : undefined;
    const file =
      probe !== undefined
        ? await readStatic(options.hostDir, probe)
        : await readStatic(options.hubDir, req.url === "/" ? "/hub.html" : (req.url ?? "/"));
    if (file) res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
    else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });

  const hostPort = await listen(host, options.hostPort ?? 0);
  const hubPort = await listen(hub, options.hubPort ?? 0);
  apiOrigin = `http://127.0.0.1:${hostPort}`;
  hubOrigin = `http://localhost:${hubPort}`;
  return {
    hostUrl: `${apiOrigin}/`,
    apiOrigin,
    hubUrl: `${hubOrigin}/hub.html`,
    close: async () => {
      await Promise.all([close(host), close(hub)]);
    },
  };
}
