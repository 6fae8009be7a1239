import type { FakeClock } from "./core/clock";
import type { IdGenerator } from "./core/ids";
import type { Knobs } from "./core/knobs";
import type { State } from "./state";

/** What every service handler gets: the shared state and the scenario's knobs, clock and ids. */
export interface World {
  state: State;
  knobs: Knobs;
  clock: FakeClock;
  ids: IdGenerator;
}
