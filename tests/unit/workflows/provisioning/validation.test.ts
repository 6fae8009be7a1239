// @vitest-environment node
import {
  isGuid,
  validateAppName,
  validateClientSecret,
  validateConnectionName,
  validateDescription,
  validateGuid,
  validateSecretDescription,
  validateSecretExpiry,
} from "../../../../src/workflows/provisioning/validation";

/** Every input is checked before any call, with a sentence under the field that says how to fix it. */
const GUID = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

describe("GUIDs (tenant, subscription, application ids)", () => {
  const check = validateGuid("Directory (tenant) ID");

  it("accepts a GUID in either case, with spaces around it", () => {
    expect(check(GUID)).toBeUndefined();
    expect(check(` ${GUID.toUpperCase()} `)).toBeUndefined();
    expect(isGuid(GUID)).toBe(true);
  });

  it("asks for a value when empty", () => {
    expect(check("")).toBe("Enter the Directory (tenant) ID.");
    expect(check("   ")).toBe("Enter the Directory (tenant) ID.");
  });

  it.each(["contoso.onmicrosoft.com", GUID.slice(1), `{${GUID}}`, GUID.replace(/-/g, ""), `${GUID}x`])(
    "rejects %s with an example",
    (value) => {
      expect(check(value)).toBe("The Directory (tenant) ID is a GUID like 00000000-0000-0000-0000-000000000000.");
      expect(isGuid(value)).toBe(false);
    },
  );
});

describe("service connection names", () => {
  it("accepts an ordinary name", () => {
    expect(validateConnectionName("contoso-prod-reader")).toBeUndefined();
    expect(validateConnectionName("Contoso Production (Reader)")).toBeUndefined();
  });

  it("asks for a name when empty or blank", () => {
    expect(validateConnectionName("")).toBe("Enter a service connection name.");
    expect(validateConnectionName(" \t ")).toBe("Enter a service connection name.");
  });

  it("allows 256 characters, not 257", () => {
    expect(validateConnectionName("a".repeat(256))).toBeUndefined();
    expect(validateConnectionName("a".repeat(257))).toBe("Use at most 256 characters (this name has 257).");
  });

  it("rejects a comma, which Azure DevOps can never look up", () => {
    expect(validateConnectionName("prod,reader")).toMatch(/^Remove the comma/);
  });

  it("rejects control characters inside the name", () => {
    expect(validateConnectionName("prod\treader")).toMatch(/^Remove the control characters/);
    expect(validateConnectionName("prod\u007freader")).toMatch(/^Remove the control characters/);
  });
});

describe("app registration names", () => {
  it("accepts up to 120 characters", () => {
    expect(validateAppName("contoso-fabrikam-web")).toBeUndefined();
    expect(validateAppName("a".repeat(120))).toBeUndefined();
    expect(validateAppName("a".repeat(121))).toBe("Use at most 120 characters (this name has 121).");
  });

  it("asks for a name and rejects control characters", () => {
    expect(validateAppName("  ")).toBe("Enter a name for the app registration.");
    expect(validateAppName("app\nname")).toMatch(/^Remove the control characters/);
  });
});

describe("descriptions", () => {
  it("allows empty text and line breaks, up to the limit", () => {
    const check = validateDescription(10);
    expect(check("")).toBeUndefined();
    expect(check("one\r\ntwo")).toBeUndefined();
    expect(check("a".repeat(11))).toBe("Use at most 10 characters (this has 11).");
    expect(check("tab\there")).toBe("Remove the control characters from the description.");
  });

  it("requires a secret description, so the secret can be recognized later, of at most 80 characters", () => {
    expect(validateSecretDescription("Azure Pipelines")).toBeUndefined();
    expect(validateSecretDescription(" ")).toBe("Enter a description, so the secret can be recognized later.");
    expect(validateSecretDescription("a".repeat(81))).toBe("Use at most 80 characters (this has 81).");
  });
});

describe("secret expiry", () => {
  const now = new Date("2026-03-01T12:00:00Z");
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

  it("accepts one day to two years from now", () => {
    expect(validateSecretExpiry(inDays(1), now)).toBeUndefined();
    expect(validateSecretExpiry(inDays(180), now)).toBeUndefined();
    expect(validateSecretExpiry(inDays(731), now)).toBeUndefined();
  });

  it("rejects less than a day, the past, and more than two years", () => {
    expect(validateSecretExpiry(inDays(0.5), now)).toBe("Choose a date at least one day from now.");
    expect(validateSecretExpiry(inDays(-3), now)).toBe("Choose a date at least one day from now.");
    expect(validateSecretExpiry(inDays(732), now)).toBe("Choose a date at most two years from now.");
  });

  it("rejects an empty or unreadable date", () => {
    expect(validateSecretExpiry("", now)).toBe("Choose a valid expiry date.");
    expect(validateSecretExpiry("next spring", now)).toBe("Choose a valid expiry date.");
  });
});

describe("a pasted client secret (bring your own app)", () => {
  it("accepts a secret value", () => {
    expect(validateClientSecret("Xy8Q~abcdefghijklmnopqrstuvwxyz0123456789")).toBeUndefined();
  });

  it.each([
    ["", "Paste the client secret's value."],
    [" Xy8Q~abcdefgh", "Remove the spaces before or after the secret."],
    ["Xy8Q~abc\u0000defgh", "The secret has control characters; copy its value again from the portal."],
    ["short", "That is too short to be a client secret; copy its Value, not its Secret ID."],
    [GUID, "That looks like the Secret ID; paste the secret's Value instead."],
  ])("rejects %j", (value, message) => {
    expect(validateClientSecret(value)).toBe(message);
  });
});
