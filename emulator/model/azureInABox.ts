import { FakeClock } from "./core/clock";
import { faultResponse } from "./core/errors";
import type { ServiceRequest, ServiceResponse } from "./core/http";
import { json } from "./core/http";
import { IdGenerator } from "./core/ids";
import { defaultKnobs, takeFault, type Knobs } from "./core/knobs";
import { handleArm } from "./arm";
import { handleDevops } from "./devops";
import { handleEntra } from "./entra";
import { handleGraph } from "./graph";
import { toServiceRequest, type RawRequest, type ServiceRoots } from "./routing";
import { seedState, type SeedOptions } from "./seed";
import type { State } from "./state";
import type { World } from "./world";

export interface AzureInABoxOptions {
  seed?: SeedOptions;
  /** Start the fake clock here; real time when absent. */
  now?: Date;
  knobs?: Partial<Knobs>;
}

/**
 * Azure in a box: one stateful model of Entra ID, Microsoft Graph, Azure Resource Manager and Azure DevOps REST,
 * independent of transport. The `npm start` server and the end-to-end tests' routing both call `handle`.
 */
export class AzureInABox implements World {
  state: State;
  knobs: Knobs;
  readonly clock: FakeClock;
  readonly ids: IdGenerator;

  constructor(private readonly options: AzureInABoxOptions = {}) {
    this.state = seedState(options.seed);
    this.knobs = { ...defaultKnobs(), ...options.knobs };
    this.clock = new FakeClock(options.now);
    this.ids = new IdGenerator();
  }

  /** Back to the seeded world with default knobs (the clock keeps its time), optionally with other data sizes. */
  reset(seed?: SeedOptions): void {
    this.state = seedState(seed ?? this.options.seed);
    this.knobs = { ...defaultKnobs(), ...this.options.knobs };
  }

  /** Answers a request already mapped to a service: latency, then injected faults, then the service itself. */
  async handleService(req: ServiceRequest): Promise<ServiceResponse> {
    if (req.method === "OPTIONS") return { status: 204 };
    const latency = this.knobs.latencyMs[req.service] ?? 0;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const fault = takeFault(this.knobs, req.service, req.method, req.path);
    if (fault) {
      if (fault.networkDrop) return { status: 0, networkDrop: true };
      const status = fault.status ?? 500;
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
      return fault.body !== undefined ? json(status, fault.body, headers) : faultResponse(req.service, status, headers);
    }
    switch (req.service) {
      case "entra":
        return handleEntra(this, req);
      case "graph":
        return handleGraph(this, req);
      case "arm":
        return handleArm(this, req);
      case "devops":
        return handleDevops(this, req);
      default:
        return json(404, { message: `No emulated service for ${req.service}` });
    }
  }

  /** Answers an absolute-URL request; undefined when the URL belongs to no emulated service. */
  async handle(raw: RawRequest, roots: ServiceRoots): Promise<ServiceResponse | undefined> {
    const req = toServiceRequest(raw, roots);
    return req ? this.handleService(req) : undefined;
  }

  /** The whole state, for tests that prove nothing was left behind. Secrets appear only as hashes. */
  inspect(): State {
    return structuredClone(this.state);
  }
}
