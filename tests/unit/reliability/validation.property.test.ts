// @vitest-environment node
/**
 * Property-based tests of every input rule (src/workflows/provisioning/validation.ts): for any string at all — markup,
 * script, very long, right-to-left, control characters, lone surrogates — each rule answers without throwing, with
 * either nothing or one clear sentence that does not echo the input, and what it accepts really has the shape the
 * services need.
 */
import fc from "fast-check";
import {
  isGuid,
  validateAppName,
  validateClientSecret,
  validateConnectionName,
  validateDescription,
  validateGuid,
  validateSecretDescription,
  validateSecretExpiry,
} from "../../../src/workflows/provisioning/validation";
import { CONTROL_CHARACTERS, expectSentence, guid, hostileString, wellFormed } from "./hostileStrings";
import { acceptance, clientSecretValue, mostlyValid, typedText } from "./support/acceptance";

const RUNS = { numRuns: 400 };
const NOW = new Date("2026-03-01T12:00:00Z");

const RULES: Array<[string, (value: string) => string | undefined]> = [
  ["validateConnectionName", validateConnectionName],
  ["validateAppName", validateAppName],
  ["validateGuid", validateGuid("Directory (tenant) ID")],
  ["validateDescription", validateDescription(1024)],
  ["validateSecretDescription", validateSecretDescription],
  ["validateClientSecret", validateClientSecret],
];

describe.each(RULES)("%s, for any input", (_name, rule) => {
  it("answers nothing or one clear sentence, never the input itself", () => {
    fc.assert(
      fc.property(hostileString(), (value) => {
        const message = rule(value);
        if (message === undefined) return;
        expectSentence(message);
        if (value.trim().length >= 4) expect(message.includes(value.trim())).toBe(false);
      }),
      RUNS,
    );
  });
});

describe("what the rules accept", () => {
  it("a connection name: not blank, at most 256 characters, no comma, no control character or line separator", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(
        mostlyValid(
          typedText(250).map((n) => n.replace(/,/g, " ")),
          hostileString(),
        ),
        (value) => {
          seen.saw(validateConnectionName(value) === undefined);
          if (validateConnectionName(value) !== undefined) return;
          const name = value.trim();
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(256);
          expect(name).not.toContain(",");
          expect(name).not.toMatch(CONTROL_CHARACTERS);
          expect(wellFormed(name)).toBe(true);
        },
      ),
      RUNS,
    );
    seen.expectHigh();
  });

  it("an app name: not blank, at most 120 characters, no control character or line separator", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(mostlyValid(typedText(118), hostileString()), (value) => {
        seen.saw(validateAppName(value) === undefined);
        if (validateAppName(value) !== undefined) return;
        const name = value.trim();
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(120);
        expect(name).not.toMatch(CONTROL_CHARACTERS);
        expect(wellFormed(name)).toBe(true);
      }),
      RUNS,
    );
    seen.expectHigh();
  });

  it("a description: at most its length, line breaks allowed, no other control character", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(
        mostlyValid(
          fc.array(typedText(40), { maxLength: 8 }).map((lines) => lines.join("\n")),
          hostileString(),
        ),
        fc.integer({ min: 400, max: 2_000 }),
        (value, max) => {
          seen.saw(validateDescription(max)(value) === undefined);
          if (validateDescription(max)(value) !== undefined) return;
          expect(value.length).toBeLessThanOrEqual(max);
          expect(value.replace(/\r\n|\r|\n/g, "")).not.toMatch(CONTROL_CHARACTERS);
        },
      ),
      RUNS,
    );
    seen.expectHigh();
  });

  it("a GUID: exactly the GUIDs, with or without surrounding spaces, in any case", () => {
    fc.assert(
      fc.property(guid(), fc.constantFrom("", " ", "\t"), fc.boolean(), (id, pad, upper) => {
        const value = `${pad}${upper ? id.toUpperCase() : id}${pad}`;
        expect(isGuid(value)).toBe(true);
        expect(validateGuid("Subscription Id")(value)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(hostileString(), (value) => {
        expect(validateGuid("Subscription Id")(value) === undefined).toBe(
          /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(value.trim()),
        );
      }),
      RUNS,
    );
  });

  it("a client secret: no surrounding space, no control character, long enough, and not a Secret ID", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(mostlyValid(clientSecretValue(), hostileString()), (value) => {
        seen.saw(validateClientSecret(value) === undefined);
        if (validateClientSecret(value) !== undefined) return;
        expect(value).toBe(value.trim());
        expect(value).not.toMatch(CONTROL_CHARACTERS);
        expect(value.length).toBeGreaterThanOrEqual(8);
        expect(isGuid(value)).toBe(false);
      }),
      RUNS,
    );
    seen.expectHigh();
  });

  it("a secret expiry: any text at all, and only dates from one day to two years ahead pass", () => {
    const seen = acceptance(0.5);
    fc.assert(
      fc.property(
        mostlyValid(
          // A date one day to two years ahead, at any time of day, built from the day count.
          fc
            .tuple(fc.integer({ min: 1, max: 729 }), fc.integer({ min: 0, max: 86_399_999 }))
            .map(([days, ms]) => new Date(NOW.getTime() + days * 86_400_000 + ms).toISOString()),
          fc.oneof(
            hostileString(),
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          ),
        ),
        (value) => {
          const message = validateSecretExpiry(value, NOW);
          seen.saw(message === undefined);
          if (message !== undefined) return expectSentence(message);
          const days = (Date.parse(value) - NOW.getTime()) / 86_400_000;
          expect(days).toBeGreaterThanOrEqual(1);
          expect(days).toBeLessThanOrEqual(731);
        },
      ),
      RUNS,
    );
    seen.expectHigh();
  });
});
