/**
 * Validation of everything a person types, before any call. Each rule returns the sentence shown under the field,
 * saying how to fix it, or undefined when the value is fine.
 */
export type Check = (value: string) => string | undefined;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Control characters in the Unicode sense (C0, DEL and C1, such as U+0085 "next line"), the line and paragraph
 * separators U+2028/U+2029, half an emoji (a lone surrogate, from a broken paste), and the bidirectional marks and
 * controls (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069) that can make a name read differently from what it
 * is: invisible in a name, and stored differently from what the person saw.
 */
export const CONTROL = /[\p{Cc}\p{Cs}\u2028\u2029\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u;

export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

export const validateGuid =
  (label: string): Check =>
  (value) => {
    if (!value.trim()) return `Enter the ${label}.`;
    return isGuid(value) ? undefined : `The ${label} is a GUID like 00000000-0000-0000-0000-000000000000.`;
  };

/** Service connection names: Azure DevOps looks them up comma-joined, so a comma can never be found again. */
export const validateConnectionName: Check = (value) => {
  const name = value.trim();
  if (!name) return "Enter a service connection name.";
  if (name.length > 256) return `Use at most 256 characters (this name has ${name.length}).`;
  if (name.includes(",")) return "Remove the comma: Azure DevOps cannot look up a service connection whose name has one.";
  if (CONTROL.test(name)) return "Remove the control characters (such as tabs, line breaks or invisible direction marks) from the name.";
  return undefined;
};

export const validateAppName: Check = (value) => {
  const name = value.trim();
  if (!name) return "Enter a name for the app registration.";
  if (name.length > 120) return `Use at most 120 characters (this name has ${name.length}).`;
  if (CONTROL.test(name)) return "Remove the control characters (such as tabs, line breaks or invisible direction marks) from the name.";
  return undefined;
};

export const validateDescription =
  (max: number): Check =>
  (value) => {
    if (value.length > max) return `Use at most ${max} characters (this has ${value.length}).`;
    if (CONTROL.test(value.replace(/[\r\n]/g, ""))) return "Remove the control characters from the description.";
    return undefined;
  };

export const validateSecretDescription: Check = (value) => {
  if (!value.trim()) return "Enter a description, so the secret can be recognized later.";
  return validateDescription(80)(value);
};

/** Client secrets: at least one day, at most two years (the portal's cap; a tenant policy may allow less). */
export function validateSecretExpiry(isoDate: string, now: Date): string | undefined {
  const end = Date.parse(isoDate);
  if (!isoDate || Number.isNaN(end)) return "Choose a valid expiry date.";
  const days = (end - now.getTime()) / 86_400_000;
  if (days < 1) return "Choose a date at least one day from now.";
  if (days > 731) return "Choose a date at most two years from now.";
  return undefined;
}

/** The client secret a person pastes for an existing app (bring your own app). */
export const validateClientSecret: Check = (value) => {
  if (!value) return "Paste the client secret's value.";
  if (value !== value.trim()) return "Remove the spaces before or after the secret.";
  if (CONTROL.test(value)) return "The secret has control characters; copy its value again from the portal.";
  if (value.length < 8) return "That is too short to be a client secret; copy its Value, not its Secret ID.";
  if (isGuid(value)) return "That looks like the Secret ID; paste the secret's Value instead.";
  return undefined;
};
