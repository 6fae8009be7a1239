import type { ServiceResponse } from "../core/http";
import { invalidVersion, previewFlagRequired, versionNotSpecified, versionOutOfRange } from "./errors";

export interface ApiVersion {
  major: number;
  minor: number;
  preview: boolean;
  /** The resource version after "-preview.", when given. */
  resourceVersion?: number;
}

/** The newest REST version this emulated server speaks. */
export const LATEST_API_VERSION = { major: 7, minor: 2 } as const;

/**
 * A resource's release state: versions above `releasedThrough` still need "-preview" (e.g. service endpoints are
 * released up to 7.1 and in preview in 7.2); absent means the resource has only ever been in preview.
 */
export interface VersionPolicy {
  releasedThrough?: { major: number; minor: number };
}

export function parseApiVersion(text: string): ApiVersion | undefined {
  const match = /^\s*(\d+)\.(\d+)(-preview(?:\.(\d+))?)?\s*$/i.exec(text);
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    preview: match[3] !== undefined,
    ...(match[4] !== undefined ? { resourceVersion: Number(match[4]) } : {}),
  };
}

function compare(a: { major: number; minor: number }, b: { major: number; minor: number }): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function isBefore(version: ApiVersion | undefined, major: number, minor = 0): boolean {
  return version !== undefined && compare(version, { major, minor }) < 0;
}

export type VersionCheck = { ok: true; version: ApiVersion | undefined } | { ok: false; response: ServiceResponse };

/**
 * Azure DevOps refuses a write without an api-version, but answers a GET without one with its latest version
 * (observed: the refusal is reported for POST/PUT/DELETE, never for GET).
 */
export function checkApiVersion(method: string, text: string | undefined, policy: VersionPolicy): VersionCheck {
  if (text === undefined || text.trim() === "") {
    if (method === "GET") return { ok: true, version: undefined };
    return { ok: false, response: versionNotSpecified(method) };
  }
  const version = parseApiVersion(text);
  if (!version) return { ok: false, response: invalidVersion(text) };
  const plain = `${version.major}.${version.minor}`;
  if (compare(version, LATEST_API_VERSION) > 0) {
    return { ok: false, response: versionOutOfRange(plain, `${LATEST_API_VERSION.major}.${LATEST_API_VERSION.minor}`) };
  }
  const released = policy.releasedThrough !== undefined && compare(version, policy.releasedThrough) <= 0;
  if (!version.preview && !released) return { ok: false, response: previewFlagRequired(plain) };
  return { ok: true, version };
}
