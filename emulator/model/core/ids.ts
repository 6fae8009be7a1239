import { createHash } from "node:crypto";

/**
 * Ids the model hands out. Seeded so that a scenario produces the same ids on every run, which keeps test
 * failures reproducible; GUID-shaped because every service we emulate uses GUIDs.
 */
export class IdGenerator {
  private counter = 0;
  constructor(private readonly seed = "azure-in-a-box") {}

  guid(): string {
    this.counter += 1;
    return guidFrom(`${this.seed}:${this.counter}`);
  }
}

/** A GUID derived from text (v5-like layout, not RFC-exact), stable across runs. */
export function guidFrom(text: string): string {
  const h = createHash("sha256").update(text).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Secrets are stored hashed, as a real service would. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
