import type { Problem } from "../../platform/problem";

/** A Problem as a page shows it: sentences up front, the service's own words kept aside for support. */
export interface ProblemText {
  title: string;
  detail: string;
  action: string;
  /** The service's code, ids and message, shown only in a "Details for support" disclosure. */
  supportDetails?: string;
}

/** Splits raw service words off a sentence: text before a JSON body stays, the body goes to the details. */
export function splitRaw(text: string): { sentence: string; raw?: string } {
  const at = text.search(/[{[]\s*"/);
  if (at < 0) return { sentence: text };
  const sentence = text
    .slice(0, at)
    .replace(/[\s:(-]+$/, "")
    .trim();
  return { sentence: sentence ? (/[.!?]$/.test(sentence) ? sentence : `${sentence}.`) : "", raw: text.slice(at).trim() };
}

/**
 * The mapper cannot tell whether a request was retried (a create is sent once, so a failure is not retried), so a claim
 * of "several tries" is dropped rather than risk saying what did not happen.
 */
export function withoutRetryClaims(text: string): string {
  return text
    .replace(/ (?:that )?did not clear after several tries/g, "")
    .replace(/ and (?:did not succeed|kept doing so) after several tries/g, "");
}

/**
 * The sentences up front, the service's code, ids and words (Problem.supportDetails, from the one error mapper) in the
 * disclosure. A detail that still carries a machine body (a Problem worded elsewhere) keeps its sentence in view and
 * moves the body into the disclosure too.
 */
export function problemText(problem: Problem): ProblemText {
  const { sentence, raw } = splitRaw(withoutRetryClaims(problem.detail));
  const supportDetails = [problem.supportDetails, raw].filter(Boolean).join("\n");
  return {
    title: problem.title,
    detail: raw ? sentence || "The service answered with an error." : sentence,
    action: problem.action,
    ...(supportDetails ? { supportDetails } : {}),
  };
}

/** What each write step may have left behind when its answer was lost. */
const WRITES: Record<string, string> = {
  createApp: "the app registration",
  createServicePrincipal: "the service principal",
  addSecret: "the client secret",
  assignRole: "the role assignment",
  createConnection: "the connection",
  authorizePipelines: "the pipeline permissions",
};

/**
 * A stopped run whose last write may have happened: the request went out but no answer came back (the network failed,
 * it timed out, or the service failed midway). Returns the sentence that says so, or undefined.
 */
export function lostAnswerNote(stepId: string | undefined, problem: Problem): string | undefined {
  const object = stepId ? WRITES[stepId] : undefined;
  if (!object) return undefined;
  const lost = /network request failed|timed out|timeout|temporary failure|\(50[0-4]\)/i.test(`${problem.detail} ${problem.title}`);
  if (!lost) return undefined;
  return `The request may have reached the service before its answer was lost: ${object} may already exist; Retry finds it.`;
}
