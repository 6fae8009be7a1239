import { ProblemError } from "../../platform/problem";

/** The problem told when an action cannot find the connection's app registration in the directory signed in to. */
export function appNotFound(appId: string, why: string, action: string): ProblemError {
  return new ProblemError({
    title: "The app registration cannot be found.",
    detail: `No app with client ID ${appId} is in the directory you signed in to, or you may not read it.${why ? ` ${why}` : ""}`,
    action,
  });
}
