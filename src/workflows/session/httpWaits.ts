import type { WaitInfo } from "../../platform/retry";
import type { StepReporter, StepWaitSource } from "../engine/workflowTypes";

export type HttpService = "graph" | "arm" | "devops";

const SERVICE_NAMES: Record<HttpService, string> = {
  graph: "Microsoft Graph",
  arm: "Azure Resource Manager",
  devops: "Azure DevOps",
};

/** "The service is throttling requests" → "Azure DevOps is throttling requests": the step names who makes it wait. */
function reasonOf(service: HttpService, reason: string): string {
  const name = SERVICE_NAMES[service];
  return /^The service\b/.test(reason)
    ? reason.replace(/^The service\b/, name)
    : `${name}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

/**
 * HTTP-level waits (throttling, outages retried by the HTTP helper) of Graph, ARM and Azure DevOps, shown on the step
 * that is running. The clients are built once, in the composition root, with `onWait(service)`; a run attaches each
 * step's reporter while the step runs. A wait shows until its delay is over or the step ends. Steps that run side by
 * side each show it: the clients cannot tell which of them sent the request.
 */
export class HttpWaitRelay implements StepWaitSource {
  private readonly attached = new Map<StepReporter, ReturnType<typeof setTimeout> | undefined>();

  constructor(private readonly timers: { set: typeof setTimeout; clear: typeof clearTimeout } = { set: setTimeout, clear: clearTimeout }) {}

  /** The `onWait` to hand a client of this service. */
  onWait(service: HttpService): (info: WaitInfo) => void {
    return (info) => this.report(service, info);
  }

  attach(reporter: StepReporter): () => void {
    this.attached.set(reporter, undefined);
    return () => {
      const timer = this.attached.get(reporter);
      if (timer !== undefined) this.timers.clear(timer);
      this.attached.delete(reporter);
    };
  }

  private report(service: HttpService, info: WaitInfo): void {
    for (const [reporter, previous] of this.attached) {
      if (previous !== undefined) this.timers.clear(previous);
      reporter.waiting({
        reason: reasonOf(service, info.reason),
        delayMs: info.delayMs,
        waitedMs: info.waitedMs,
        maxTotalWaitMs: info.maxTotalWaitMs,
      });
      const timer = this.timers.set(() => {
        if (this.attached.get(reporter) !== timer) return;
        this.attached.set(reporter, undefined);
        reporter.waiting(undefined);
      }, info.delayMs);
      this.attached.set(reporter, timer);
    }
  }
}
