import type { Problem } from "../../platform/problem";

/**
 * Whether a run stopped for lack of a right an administrator has: Graph refusing to create the app registration
 * (Authorization_RequestDenied), ARM refusing the role assignment (AuthorizationFailed on roleAssignments/write), or
 * any other 403. Read from the one error mapper's words (describeError), which its tests pin.
 */
const LACKS_RIGHTS = [
  /^Your account may not create or change app registrations/,
  /^You may not assign roles at /,
  /refused the request \(status 403\)/,
  /^Your account is not allowed to do this at /,
];

export function problemLacksRights(problem: Problem | undefined): boolean {
  return Boolean(problem && LACKS_RIGHTS.some((pattern) => pattern.test(problem.detail)));
}
