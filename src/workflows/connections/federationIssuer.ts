import type { ServiceConnection } from "../../clients/devops/devopsTypes";
import { isGuid } from "../expiry/expiryIndex";

/**
 * Which issuer a federated connection presents, read from what Azure DevOps reports
 * (`authorization.parameters.workloadIdentityFederationIssuer` / `…Subject`, CONTRACTS.md §2.5) and never guessed:
 * - Entra: `https://login.microsoftonline.com/{tenantId}/v2.0` (the default for new connections);
 * - Azure DevOps: `https://vstoken.dev.azure.com/{organizationId}`, retired for single-tenant apps in the public cloud
 *   on 2027-07-01 (Learn "convert-service-connections").
 * The values come from a connection anyone with edit rights can change: only an exact, well-formed issuer counts;
 * anything else (absent, another host, a look-alike) is "unknown".
 */
export const ISSUER_PARAMETER = "workloadIdentityFederationIssuer";
export const SUBJECT_PARAMETER = "workloadIdentityFederationSubject";
/** The retirement date of the Azure DevOps issuer for single-tenant apps in the public cloud (Learn). */
export const AZURE_DEVOPS_ISSUER_RETIREMENT = "2027-07-01";
/** Longest issuer or subject shown or compared (Entra's own limit for both is 600 characters). */
const MAX_LENGTH = 600;

export type IssuerKind = "entra" | "azureDevOps" | "unknown";

export interface FederationIssuerInfo {
  kind: IssuerKind;
  /** As Azure DevOps reported it, when it is a plausible value to show (≤ 600 characters, no control characters). */
  issuer?: string;
  subject?: string;
  /** The tenant (Entra issuer) or the organization (Azure DevOps issuer) the issuer names. */
  issuerId?: string;
}

export const ISSUER_LABELS: Record<IssuerKind, string> = {
  entra: "Microsoft Entra issuer",
  azureDevOps: "Azure DevOps issuer (retiring)",
  unknown: "unknown",
};

const ENTRA_HOSTS = new Set([
  "login.microsoftonline.com",
  "login.microsoftonline.us",
  "login.chinacloudapi.cn",
  "login.partner.microsoftonline.cn",
]);

/** A value fit to show: not empty, not too long, no control or bidirectional characters (which could disguise it). */
const HIDDEN = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const displayable = (value: string | undefined): string | undefined =>
  value !== undefined && value.length > 0 && value.length <= MAX_LENGTH && !HIDDEN.test(value) ? value : undefined;

function parameter(connection: ServiceConnection, key: string): string | undefined {
  const parameters = connection.authorization?.parameters ?? {};
  const found = Object.keys(parameters).find((k) => k.toLowerCase() === key.toLowerCase());
  const value = found ? parameters[found] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** The kind of an issuer string: exact scheme, host and path, so that a look-alike host or path is "unknown". */
export function classifyIssuer(issuer: string | undefined): { kind: IssuerKind; issuerId?: string } {
  const value = displayable(issuer);
  if (!value) return { kind: "unknown" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { kind: "unknown" };
  }
  // The URL must be exactly what was written (no credentials, port, query or fragment smuggled in).
  if (url.protocol !== "https:" || url.username || url.password || url.port || url.search || url.hash) return { kind: "unknown" };
  if (url.href !== value) return { kind: "unknown" };
  const [first, second, ...rest] = url.pathname.split("/").slice(1);
  if (ENTRA_HOSTS.has(url.hostname) && isGuid(first) && second === "v2.0" && rest.length === 0) return { kind: "entra", issuerId: first };
  if (url.hostname === "vstoken.dev.azure.com" && isGuid(first) && second === undefined) return { kind: "azureDevOps", issuerId: first };
  return { kind: "unknown" };
}

/** The issuer of a federated connection as Azure DevOps reports it; undefined for a connection that is not federated. */
export function federationIssuerOf(connection: ServiceConnection): FederationIssuerInfo | undefined {
  if ((connection.authorization?.scheme ?? "").toLowerCase() !== "workloadidentityfederation") return undefined;
  const issuer = displayable(parameter(connection, ISSUER_PARAMETER));
  const subject = displayable(parameter(connection, SUBJECT_PARAMETER));
  const { kind, issuerId } = classifyIssuer(issuer);
  return { kind, ...(issuer ? { issuer } : {}), ...(subject ? { subject } : {}), ...(issuerId ? { issuerId } : {}) };
}

/** "the Microsoft Entra issuer (https://login.microsoftonline.com/…/v2.0)", "an unknown issuer". */
export function describeIssuer(info: FederationIssuerInfo): string {
  const name = info.kind === "unknown" ? "an unknown issuer" : `the ${ISSUER_LABELS[info.kind]}`;
  return info.issuer ? `${name} (${info.issuer})` : name;
}

/**
 * Whether the retirement applies: the Azure DevOps issuer in the public cloud. Multi-tenant apps are out of scope too,
 * which Azure DevOps does not say; the warning names that exception instead of guessing.
 */
export function onRetiringIssuer(info: FederationIssuerInfo | undefined, environment: string): boolean {
  return info?.kind === "azureDevOps" && environment.toLowerCase() === "azurecloud";
}
