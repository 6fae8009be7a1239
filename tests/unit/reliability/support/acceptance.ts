/**
 * For property tests: valid inputs built from their parts (never filtered out of random ones), and a tally of how many
 * generated inputs a rule accepted, so a property whose "accept" branch stopped running fails instead of passing
 * vacuously.
 */
import fc from "fast-check";

export interface Acceptance {
  saw(accepted: boolean): void;
  /** Fails unless at least `minimumRatio` of the generated inputs were accepted. */
  expectHigh(): void;
}

export function acceptance(minimumRatio: number): Acceptance {
  let generated = 0;
  let accepted = 0;
  return {
    saw: (wasAccepted) => {
      generated += 1;
      if (wasAccepted) accepted += 1;
    },
    expectHigh: () => {
      expect(generated).toBeGreaterThan(0);
      expect(accepted / generated, `${accepted} of ${generated} accepted`).toBeGreaterThanOrEqual(minimumRatio);
    },
  };
}

/** Mostly valid inputs, some hostile ones: three in five from `valid`. */
export const mostlyValid = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile });

/** Text a person would type into a name: letters of several scripts, digits, punctuation and inner spaces. */
export const typedText = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(..."AbcZ9éЖ中ع"),
      fc.array(fc.constantFrom(..."abcXYZ019 -_.()[]'éßЖ中🚀"), { maxLength: Math.max(0, maxLength - 2) }),
      fc.constantFrom(..."xyz7ß"),
    )
    .map(([first, middle, last]) => `${first}${middle.join("")}${last}`);

/** A client secret's value as the portal shows it once: 40 characters with "Q~" in it. */
export const clientSecretValue = (): fc.Arbitrary<string> => fc.stringMatching(/^[A-Za-z0-9_.~-]{3}[0-9]Q~[A-Za-z0-9_.~-]{34}$/);
