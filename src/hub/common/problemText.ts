import type { Problem } from "../../platform/problem";

/** A Problem as a page shows it: sentences up front, the service's own words kept aside for support. */
export interface ProblemText {
  title: string;
  detail: string;
  action: string;
  /** The service's code and message, shown only in a "Details for support" disclosure. */
  supportDetails?: string;
}

/**
 * The error mapper words most failures itself, but its fallbacks quote the service ("answered 403 (Code): …",
 * "refused: …", "An unexpected error occurred: …"), and those quotes can be a whole JSON body. The sentence stays in
 * view; the quote moves into the disclosure. The Problem type has no field of its own for the code yet.
 */
const QUOTES: Array<{ pattern: RegExp; sentence: (m: RegExpMatchArray) => string; details: (m: RegExpMatchArray) => string }> = [
  {
    pattern: /^([\s\S]*?) answered (\d{3})(?: \(([^)]*)\))?: ([\s\S]*)$/,
    sentence: (m) => `${m[1]} refused the request (status ${m[2]}).`,
    details: (m) => [m[3] ? `Code: ${m[3]}` : "", `Status: ${m[2]}`, `Message: ${m[4]}`].filter(Boolean).join("\n"),
  },
  { pattern: /^([\s\S]*?) refused: ([\s\S]*)$/, sentence: (m) => `${m[1]} refused the request.`, details: (m) => m[2]! },
  { pattern: /^An unexpected error occurred: ([\s\S]*)$/, sentence: () => "Something unexpected went wrong.", details: (m) => m[1]! },
];

/** Whether a text carries a machine body (JSON, or an error code glued to a message) rather than a sentence. */
export function looksRaw(text: string): boolean {
  return /[{[]\s*"/.test(text) || /"(code|error|message)"\s*:/.test(text);
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

export function problemText(problem: Problem): ProblemText {
  const detail = withoutRetryClaims(problem.detail);
  for (const quote of QUOTES) {
    const match = detail.match(quote.pattern);
    if (match) return { title: problem.title, detail: quote.sentence(match), action: problem.action, supportDetails: quote.details(match) };
  }
  const { sentence, raw } = splitRaw(detail);
  if (raw)
    return { title: problem.title, detail: sentence || "The service answered with an error.", action: problem.action, supportDetails: raw };
  return { title: problem.title, detail, action: problem.action };
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
