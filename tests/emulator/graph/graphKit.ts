import { AzureInABox, type AzureInABoxOptions } from "../../../emulator/model/azureInABox";
import type { ServiceResponse } from "../../../emulator/model/core/http";
import { mintJwt } from "../../../emulator/model/core/tokens";
import { SEED } from "../../../emulator/model/seed";

/** Helpers for driving the emulated Graph the way a client would: a token, a method, a path below /v1.0. */

export const NOW = new Date("2026-03-01T12:00:00Z");
export const GRAPH_ROOT = "https://graph.microsoft.com";
/** What the extension's sign-in asks Graph for. */
export const EXTENSION_SCOPES = "User.Read Application.ReadWrite.All";

export type SeedUser = keyof typeof SEED.users;

export function newBox(options: AzureInABoxOptions = {}): AzureInABox {
  return new AzureInABox({ now: NOW, ...options });
}

export interface TokenOptions {
  scp?: string;
  aud?: string;
  /** Seconds from the box's clock until the token expires. */
  expiresIn?: number;
  tid?: string;
  oid?: string;
}

export function graphToken(box: AzureInABox, user: SeedUser, options: TokenOptions = {}): string {
  const now = Math.floor(box.clock.nowMs() / 1000);
  const oid = options.oid ?? SEED.users[user];
  const tid = options.tid ?? SEED.tenantId;
  return mintJwt({
    aud: options.aud ?? GRAPH_ROOT,
    iss: `https://sts.windows.net/${tid}/`,
    tid,
    oid,
    sub: oid,
    scp: options.scp ?? EXTENSION_SCOPES,
    iat: now,
    nbf: now,
    exp: now + (options.expiresIn ?? 3600),
  });
}

export interface GraphErrorBody {
  error: { code: string; message: string; details?: Array<{ code: string; message: string; target?: string }>; innerError?: unknown };
}
export interface ListBody<T = Record<string, unknown>> {
  "@odata.context": string;
  "@odata.nextLink"?: string;
  value: T[];
}
export interface AppBody {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  notes: string | null;
  tags: string[];
  passwordCredentials: Array<Record<string, unknown>>;
  [property: string]: unknown;
}
export interface SecretBody {
  keyId: string;
  secretText: string;
  hint: string;
  displayName: string | null;
  startDateTime: string;
  endDateTime: string;
  customKeyIdentifier: null;
}

/** A caller with a token; requests take a path below /v1.0 with an optional query string. */
export class GraphClient {
  constructor(
    readonly box: AzureInABox,
    readonly token: string | undefined,
    readonly root: string = GRAPH_ROOT,
  ) {}

  static as(box: AzureInABox, user: SeedUser, options: TokenOptions = {}): GraphClient {
    return new GraphClient(box, graphToken(box, user, options));
  }

  async request(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<ServiceResponse> {
    const [path, query = ""] = pathAndQuery.split("?", 2) as [string, string?];
    const allHeaders: Record<string, string> = { ...headers };
    if (this.token !== undefined) allHeaders["authorization"] = `Bearer ${this.token}`;
    if (body !== undefined) allHeaders["content-type"] = "application/json";
    return this.box.handleService({
      method,
      service: "graph",
      baseUrl: this.root,
      path: path.startsWith("/v") ? path : `/v1.0${path}`,
      query: new URLSearchParams(query),
      headers: allHeaders,
      ...(body !== undefined ? { bodyText: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
  }

  get(path: string): Promise<ServiceResponse> {
    return this.request("GET", path);
  }
  post(path: string, body?: unknown): Promise<ServiceResponse> {
    return this.request("POST", path, body);
  }
  patch(path: string, body: unknown): Promise<ServiceResponse> {
    return this.request("PATCH", path, body);
  }
  delete(path: string): Promise<ServiceResponse> {
    return this.request("DELETE", path);
  }

  async createApp(displayName: string, extra: Record<string, unknown> = {}): Promise<AppBody> {
    const res = await this.post("/applications", { displayName, signInAudience: "AzureADMyOrg", ...extra });
    if (res.status !== 201) throw new Error(`creating ${displayName} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as AppBody;
  }

  async addSecret(appObjectId: string, passwordCredential: Record<string, unknown> = {}): Promise<SecretBody> {
    const res = await this.post(`/applications/${appObjectId}/addPassword`, { passwordCredential });
    if (res.status !== 200) throw new Error(`addPassword answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as SecretBody;
  }
}

export function errorOf(res: ServiceResponse): { status: number; code: string; message: string } {
  const body = res.body as GraphErrorBody;
  return { status: res.status, code: body.error.code, message: body.error.message };
}

export function listOf<T = Record<string, unknown>>(res: ServiceResponse): ListBody<T> {
  return res.body as ListBody<T>;
}
