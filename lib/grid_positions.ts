// Positions on a 2-D grid of patches: half the width encodes the row, half the column, each with the
// sinusoidal encoding of notebook 03, so patches in the same row share their first d/2 numbers.
import { Matrix } from "./matrix.js";
import { positionalEncoding } from "./positional_encoding.js";

/**
 * Row r·cols + c is [PE(rows, d/2)[r] | PE(cols, d/2)[c]]: (rows·cols, d). d must be even.
 *
 * @example
 * gridPositions(2, 2, 4).row(3); // => [0.8414709848078965, 0.5403023058681398, 0.8414709848078965, 0.5403023058681398]
 */
export function gridPositions(rows: number, cols: number, d: number): Matrix {
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) throw new Error(`gridPositions: d = ${d} must be even (half for the row, half for the column)`);
  for (const [name, n] of [["rows", rows], ["cols", cols]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`gridPositions: ${name} must be a positive integer, got ${n} (grid (${rows}, ${cols}))`);
  }
  const half = d / 2, peRow = positionalEncoding(rows, half), peCol = positionalEncoding(cols, half);
  const out = new Matrix(rows * cols, d);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
    const at = (r * cols + c) * d;
    out.data.set(peRow.data.subarray(r * half, (r + 1) * half), at);
    out.data.set(peCol.data.subarray(c * half, (c + 1) * half), at + half);
  }
  return out;
}
