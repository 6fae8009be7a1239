import type { ServiceName, ServiceRequest } from "./core/http";

/** Where each emulated service answers: the real host names, plus any local roots (the `npm start` server). */
export type ServiceRoots = Array<{ service: ServiceName; root: string }>;

export const REAL_ROOTS: ServiceRoots = [
  { service: "entra", root: "https://login.microsoftonline.com" },
  { service: "graph", root: "https://graph.microsoft.com" },
  { service: "arm", root: "https://management.azure.com" },
  { service: "devops", root: "https://dev.azure.com" },
];

/** Roots under one local origin, as the `npm start` server serves them. */
export function localRoots(origin: string): ServiceRoots {
  return [
    { service: "entra", root: `${origin}/entra` },
    { service: "graph", root: `${origin}/graph` },
    { service: "arm", root: `${origin}/arm` },
    { service: "devops", root: `${origin}/devops` },
    { service: "emulator", root: `${origin}/_emulator` },
  ];
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyText?: string;
}

/** Maps an absolute URL to the service that owns it, or undefined when no emulated service does. */
export function toServiceRequest(raw: RawRequest, roots: ServiceRoots): ServiceRequest | undefined {
  const url = new URL(raw.url);
  const target = `${url.origin}${url.pathname}`;
  for (const { service, root } of roots) {
    if (target === root || target.startsWith(`${root}/`)) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw.headers)) headers[k.toLowerCase()] = v;
      return {
        method: raw.method.toUpperCase(),
        service,
        baseUrl: root,
        path: target.slice(root.length) || "/",
        query: url.searchParams,
        headers,
        ...(raw.bodyText !== undefined ? { bodyText: raw.bodyText } : {}),
      };
    }
  }
  return undefined;
}
