/**
 * Faults for the reliability matrix, on top of the in-process world: what `world.fail` cannot express (an answer lost
 * after the service acted, a page closed mid-request, a token that expires while a request is on its way, a claims
 * challenge, a cancel at the worst moment) is injected by wrapping the model's `handleService`, which both the Graph/ARM
 * clients and the Azure DevOps api package reach through the world's fetch.
 */
import type { ServiceName, ServiceRequest, ServiceResponse } from "../../../../emulator/model/core/http";
import { json } from "../../../../emulator/model/core/http";
import { faultResponse } from "../../../../emulator/model/core/errors";
import { MFA_CLAIMS } from "../../../../emulator/model/arm/mfa";
import { SEED } from "../../../../emulator/model/seed";
import type { SignedInAccount, SignInClient, TokenRequest } from "../../../../src/clients/auth/signInTypes";
import { AZURE_CLOUD } from "../../../../src/platform/clouds";
import { azureClients } from "../../../../src/entries/azureClients";
import type { ModelSignIn, World } from "../../../support/inProcessAzure";

/** One route of a service: the calls a step makes (or undoes) go there. */
export interface Route {
  service: ServiceName;
  method: string;
  /** Regular expression tested against the path below the service root. */
  path: RegExp;
  /** Tells apart calls on one path (TestConnection before saving, endpoint id "0", and of the saved connection). */
  query?: (query: URLSearchParams) => boolean;
}

export const matches = (route: Route, req: Pick<ServiceRequest, "service" | "method" | "path" | "query">): boolean =>
  req.service === route.service &&
  req.method.toUpperCase() === route.method &&
  route.path.test(req.path) &&
  (!route.query || route.query(req.query));

/** The service's own error shape for a status (as `world.fail` answers), optionally with Retry-After. */
export function serviceFault(service: ServiceName, status: number, retryAfterSeconds?: number): ServiceResponse {
  return faultResponse(service, status, retryAfterSeconds !== undefined ? { "retry-after": String(retryAfterSeconds) } : {});
}

/** What an interceptor does with a matching request. */
export interface Interception {
  route: Route;
  /** Matching requests to intercept; Infinity for all until removed. */
  count: number;
  /** Before the model sees the request: may answer instead of it (the model then never sees it). */
  before?: (req: ServiceRequest) => ServiceResponse | "hang" | undefined;
  /** After the model acted: may replace its answer (a lost answer) or never answer (the page closed). */
  after?: (req: ServiceRequest, answer: ServiceResponse) => ServiceResponse | "hang" | undefined;
}

export interface Interceptor {
  add(interception: Interception): void;
  clear(): void;
  /** Requests that are still waiting for an answer that will never come. */
  readonly hanging: number;
  /**
   * The page closes: from now on no request gets an answer and no journal write lands (writes still in flight are
   * lost), as when a tab is closed. `reopen` starts a new page on the same world.
   */
  closePage(): void;
  reopen(): void;
}

/** Wraps the world's model so that interceptions run around it, in the order they were added. */
export function intercept(world: World): Interceptor {
  const model = world.model;
  const original = model.handleService.bind(model);
  const active: Interception[] = [];
  let hanging = 0;
  let closed = false;
  const never = () => {
    hanging += 1;
    return new Promise<ServiceResponse>(() => undefined);
  };
  model.handleService = async (req: ServiceRequest): Promise<ServiceResponse> => {
    if (closed) return never();
    const found = active.find((i) => i.count > 0 && matches(i.route, req));
    if (!found) return original(req);
    found.count -= 1;
    if (found.count <= 0) active.splice(active.indexOf(found), 1);
    const early = found.before?.(req);
    if (early === "hang") return never();
    if (early) return early;
    const answer = await original(req);
    const late = found.after?.(req, answer);
    if (late === "hang" || closed) return never();
    return late ?? answer;
  };
  // Journal writes take a turn of the event loop to land, so that the journal can lag behind the calls (as extension
  // data does behind Graph and ARM) and a write under way when the page closes is lost.
  const journal = world.journal;
  const put = journal.put.bind(journal);
  journal.put = async (collection, document) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return put(collection, document);
  };
  return {
    add: (interception) => void active.push(interception),
    clear: () => void active.splice(0),
    get hanging() {
      return hanging;
    },
    closePage: () => {
      closed = true;
      journal.failWrites = Number.POSITIVE_INFINITY;
    },
    reopen: () => {
      closed = false;
      journal.failWrites = 0;
    },
  };
}

export const DROPPED: ServiceResponse = { status: 0, networkDrop: true };

/** A Conditional Access claims challenge as Graph (continuous access evaluation) or ARM send it. */
export function claimsChallenge(service: "graph" | "arm"): ServiceResponse {
  const claims = Buffer.from(JSON.stringify(MFA_CLAIMS), "utf8").toString("base64");
  const header = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/${SEED.tenantId}/oauth2/authorize", error="insufficient_claims", claims="${claims}"`;
  const body =
    service === "graph"
      ? {
          error: {
            code: "InvalidAuthenticationToken",
            message:
              "Continuous access evaluation resulted in challenge with result: InteractionRequired and code: TokenIssuedBeforeRevocationTimestamp",
          },
        }
      : {
          error: {
            code: "RequestDisallowedByPolicy",
            message: "Resource was disallowed by policy. Users must use MFA for Create/Update operation.",
          },
        };
  return json(401, body, { "www-authenticate": header });
}

/** A just-created object that another replica does not know yet, as each service words it. */
export function notReplicatedYet(service: ServiceName): ServiceResponse {
  switch (service) {
    case "graph":
      return json(404, {
        error: {
          code: "Request_ResourceNotFound",
          message: "Resource does not exist or one of its queried reference-property objects are not present.",
        },
      });
    case "devops":
      return json(404, {
        message: "Service connection was not found.",
        typeKey: "ServiceEndpointNotFoundException",
        typeName: "ServiceEndpointNotFoundException",
        errorCode: 0,
      });
    default:
      return json(404, { error: { code: "NotFound", message: "The resource was not found." } });
  }
}

// ---------------------------------------------------------------- tokens as msal caches them

function expiryOf(token: string): number {
  const payload = token.split(".")[1] ?? "";
  const claims = JSON.parse(Buffer.from(payload.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8")) as { exp: number };
  return claims.exp * 1000;
}

/**
 * The world's nested-app-auth sign-in behind a token cache, as msal-browser keeps one: a token is handed out again
 * until five minutes before it expires (msal's renewal offset), then a new one is asked for. The model's clock is the
 * cache's clock. With it, "the token expired mid-run" is a real event and not something a fresh token per request hides.
 */
export class CachingSignIn implements SignInClient {
  readonly method = "nested" as const;
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();
  /** Tokens minted (not served from the cache). */
  minted = 0;

  constructor(
    private readonly inner: ModelSignIn,
    private readonly now: () => number,
  ) {}

  signIn(): Promise<SignedInAccount> {
    return this.inner.signIn();
  }

  signOut(): Promise<void> {
    this.cache.clear();
    return this.inner.signOut();
  }

  account(): SignedInAccount | undefined {
    return this.inner.account();
  }

  async getToken(request: TokenRequest): Promise<string> {
    const key = `${request.resource}|${request.tenantId ?? ""}`;
    const cached = this.cache.get(key);
    if (!request.claims && cached && cached.expiresAt - 300_000 > this.now()) return cached.token;
    const token = await this.inner.getToken(request);
    this.minted += 1;
    this.cache.set(key, { token, expiresAt: expiryOf(token) });
    return token;
  }
}

/** Graph and ARM clients of the world that sign in through a token cache. */
export function cachingClients(world: World) {
  const signIn = new CachingSignIn(world.signIn, () => world.model.clock.nowMs());
  const clients = azureClients(signIn, AZURE_CLOUD, SEED.tenantId, {
    fetch: world.fetch,
    clock: world.clock,
    onWait: (info) => world.httpWaits.push(info),
  });
  return { signIn, ports: { ...world.ports, graph: clients.graph, arm: clients.arm }, clients };
}

/** Runs `work`, failing if it has not settled within `ms` of real time (a hang is a failure, not a stuck suite). */
export async function within<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
