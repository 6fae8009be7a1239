import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** One figure of `npm run bench`, with its budget; gates fail the bench, reports only inform. */
export interface Figure {
  name: string;
  value: string;
  budget: string;
  /** undefined: a report without a budget verdict. */
  withinBudget?: boolean;
  notes?: string;
}

export const BENCH_RESULTS = path.resolve("test-results/bench");

export function writeFigures(file: string, figures: Figure[]): void {
  mkdirSync(BENCH_RESULTS, { recursive: true });
  writeFileSync(path.join(BENCH_RESULTS, `${file}.json`), JSON.stringify(figures, null, 2));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
