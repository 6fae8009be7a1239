/** One cell of a fault matrix: a step, a fault, and what happened. "FAIL" until the cell's test finished. */
export interface Cell {
  row: string;
  column: string;
  outcome: string;
}

/** The matrix as a Markdown table (rows: steps, columns: faults), for the test log and the report. */
export function matrixTable(rows: string[], columns: string[], cells: Cell[]): string {
  const outcome = (row: string, column: string) => cells.find((c) => c.row === row && c.column === column)?.outcome ?? "(not run)";
  const lines = [`| step | ${columns.join(" | ")} |`, `| --- | ${columns.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row} | ${columns.map((c) => outcome(row, c)).join(" | ")} |`);
  return lines.join("\n");
}

/** Prints the table once the cells have run; the cells' own tests are what pass or fail. */
export function printMatrix(title: string, rows: string[], columns: string[], cells: Cell[]): void {
  const failed = cells.filter((c) => c.outcome === "FAIL").length;
  console.log(`\n${title} (${cells.length} cells, ${failed} failed)\n${matrixTable(rows, columns, cells)}\n`);
}
