/**
 * Hostile text for property-based tests and component tests: markup and script, very long strings, right-to-left text
 * and bidirectional overrides, control characters (C0 and C1), lone surrogates, and names that look like our own
 * markers. fast-check mixes them with arbitrary Unicode.
 */
import fc from "fast-check";

/** Set by every script payload below; a test asserts it stays undefined (no payload ran). */
export const PWNED = "__hostilePayloadRan";

export const HOSTILE_SAMPLES: readonly string[] = [
  `<img src=x onerror="window.${PWNED}=1">`,
  `<script>window.${PWNED}=1</script>`,
  `"><svg onload="window.${PWNED}=1">`,
  `javascript:window.${PWNED}=1`,
  `{{constructor.constructor('window.${PWNED}=1')()}}`,
  "Robert'); DROP TABLE connections;--",
  "\u202Eved\u202C-prod",
  "שירות-חיבור",
  "اتصال الخدمة",
  "line\nbreak",
  "tab\there",
  "nul\u0000byte",
  "next\u0085line",
  "para\u2029graph",
  "zero\u200Bwidth",
  "emoji 🚀🔐",
  "lone \uD800 surrogate",
  "a,b",
  "   ",
  "",
  "[azconn:00000000-0000-0000-0000-000000000000]",
  "azconn:managed",
  "x".repeat(5_000),
  "🚀".repeat(200),
];

/** Any string a person could type or paste, or a service could send back: full Unicode, hostile samples, very long ones. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SAMPLES) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", minLength: 200, maxLength: 1_200 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...HOSTILE_SAMPLES), fc.string({ unit: "grapheme", maxLength: 20 }), fc.constantFrom(...HOSTILE_SAMPLES))
        .map((parts) => parts.join("")),
    },
  );

export const guid = (): fc.Arbitrary<string> => fc.uuid({ version: [1, 2, 3, 4, 5] });

/** Control characters in the Unicode sense (C0, DEL, C1) plus the line and paragraph separators. */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

/** No half of an emoji (a lone surrogate) anywhere: the text survives UTF-8 as it is. */
export const wellFormed = (text: string): boolean => !/\p{Cs}/u.test(text);

/** A sentence for a person: starts with a capital letter, ends with a full stop, and is not a wall of text. */
export function expectSentence(message: string | undefined): void {
  expect(message).toMatch(/^[A-Z]/);
  expect(message).toMatch(/[.)]$/);
  expect(message!.length).toBeLessThan(300);
}
