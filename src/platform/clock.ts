/** Time as the workflows see it; tests pass a clock whose sleeps return at once. */
export interface Clock {
  now(): number;
  /** Resolves after ms, or rejects with a CancelledError when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class CancelledError extends Error {
  constructor() {
    super("Cancelled");
    this.name = "CancelledError";
  }
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
