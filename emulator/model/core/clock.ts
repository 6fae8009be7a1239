/** A clock the tests can move. Secret and token expiry are judged against it, never against Date.now(). */
export class FakeClock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(start?: Date) {
    if (start) this.frozenAt = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  nowMs(): number {
    return (this.frozenAt ?? Date.now()) + this.offsetMs;
  }

  /** Moves time forward (or back with a negative value). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Pins the clock to an instant; time then moves only with advance(). */
  set(at: Date): void {
    this.frozenAt = at.getTime();
    this.offsetMs = 0;
  }
}
