// How many charts a notebook should draw: one per `show(` call in its code cells (markdown does not count).
import { readFileSync } from "node:fs";

interface Cell { cell_type: string; source: string | string[] }

/** Charts expected from each code cell of the notebook at `file`, in order. */
export function chartsPerCodeCell(file: string): number[] {
  const nb = JSON.parse(readFileSync(file, "utf8")) as { cells: Cell[] };
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => ([c.source].flat().join("").match(/\bshow\(/g) ?? []).length);
}

export const chartsIn = (file: string) => chartsPerCodeCell(file).reduce((a, b) => a + b, 0);
