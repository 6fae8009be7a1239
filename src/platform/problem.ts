/**
 * A failure told to a person: what happened, and what to do about it. Every error the hub shows is one of these;
 * the cause is kept for diagnostics but never shown raw.
 */
export interface Problem {
  /** One sentence: what happened. */
  title: string;
  /** Why it happened, in plain words. */
  detail: string;
  /** What the person can do next. */
  action: string;
  /** A fix the hub itself can offer next to Retry (a shorter secret lifetime, another connection name, a new sign-in). */
  remedy?: "shorterSecretLifetime" | "renameConnection" | "signInAgain" | "saveWithoutVerification" | "signInWithPopup";
  /** A guide the hub can open next to the problem: "signInSetup" when the organization's sign-in app is missing or wrong. */
  help?: "signInSetup";
  /**
   * For support, shown small and copyable, never instead of the words above: the service's error code (an AADSTS
   * number) and the correlation id Entra logs the sign-in under. Never a token, a secret or a raw response.
   */
  supportDetails?: string;
}

export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    override readonly cause?: unknown,
  ) {
    super(problem.title);
    this.name = "ProblemError";
  }
}

export function isProblemError(error: unknown): error is ProblemError {
  return error instanceof ProblemError;
}
