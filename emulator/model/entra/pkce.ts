import { createHash } from "node:crypto";

/** Proof Key for Code Exchange (RFC 7636), as Entra checks it. */
export type ChallengeMethod = "S256" | "plain";

const UNRESERVED = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge is the base64url SHA-256 of the verifier: always 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** The challenge method, or undefined when the pair is not valid ("plain" is the RFC default when none is named). */
export function validChallenge(challenge: string, method: string | null): ChallengeMethod | undefined {
  const m = method === null || method === "" ? "plain" : method;
  if (m === "S256") return S256_CHALLENGE.test(challenge) ? "S256" : undefined;
  if (m === "plain") return UNRESERVED.test(challenge) ? "plain" : undefined;
  return undefined;
}

export function verifierMatches(verifier: string, challenge: string, method: ChallengeMethod): boolean {
  if (!UNRESERVED.test(verifier)) return false;
  const derived = method === "S256" ? createHash("sha256").update(verifier, "ascii").digest("base64url") : verifier;
  return derived === challenge;
}
