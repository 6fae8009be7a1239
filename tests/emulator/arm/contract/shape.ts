/**
 * Compares the model's answer with a spec example by shape: every property the example has, the answer has too, with
 * the same JSON type (null, array, object, string, number, boolean), recursively. Array elements compare by position,
 * so an answer must have at least as many elements as the example shows.
 */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

export function shapeMismatches(expected: unknown, actual: unknown, at = "$"): string[] {
  const want = jsonType(expected);
  const got = jsonType(actual);
  if (want !== got) return [`${at}: expected ${want}, got ${got}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (actual.length < expected.length) return [`${at}: expected at least ${expected.length} elements, got ${actual.length}`];
    return expected.flatMap((item, i) => shapeMismatches(item, actual[i], `${at}[${i}]`));
  }
  if (want === "object") {
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) =>
      key in a ? shapeMismatches(value, a[key], `${at}.${key}`) : [`${at}.${key}: missing`],
    );
  }
  return [];
}
