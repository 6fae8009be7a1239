/**
 * Secret hygiene for unit and component tests: every secret a test's world hands out (Graph's addPassword answers, or
 * a secret a test types) is registered here, every console call of the test is recorded with its arguments serialized
 * (nested values, errors with their fields), and the test fails when any of them holds a registered secret.
 * tests/unit/setup.ts installs it for every unit test.
 */
const issued = new Set<string>();
const output: string[] = [];

/** Registers a secret that must never reach the console. */
export function watchSecret(secret: string): void {
  if (secret) issued.add(secret);
}

function serialize(value: unknown): string {
  if (typeof value === "string") return value;
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (v instanceof Error) return { ...v, name: v.name, message: v.message, stack: v.stack, cause: v.cause };
        if (typeof v === "object" && v !== null) {
          if (seen.has(v)) return "[cycle]";
          seen.add(v);
        }
        return typeof v === "bigint" ? String(v) : v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

const METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;

/** Wraps the console (the calls still print) and checks, after each test, that no output held a watched secret. */
export function installSecretWatch(): void {
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      output.push(`${method}: ${args.map(serialize).join(" ")}`);
      original(...args);
    };
  }
  beforeEach(() => {
    issued.clear();
    output.length = 0;
  });
  afterEach(() => {
    const secrets = [...issued];
    const leaks = output.filter((line) => secrets.some((secret) => line.includes(secret) || line.includes(encodeURIComponent(secret))));
    const redact = (line: string) => secrets.reduce((text, secret) => text.split(secret).join("[the secret]"), line);
    issued.clear();
    output.length = 0;
    if (leaks.length > 0) throw new Error(`A secret reached the console:\n  ${leaks.map((l) => redact(l).slice(0, 300)).join("\n  ")}`);
  });
}
