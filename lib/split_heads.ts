// Heads as column slices: d_model = numHeads · d_k columns, head h owns columns [h·d_k, (h+1)·d_k).
import { Matrix } from "./matrix.js";

/**
 * Splits the columns of X into `numHeads` equal consecutive slices: (n, numHeads·dK) → numHeads × (n, dK).
 *
 * @example
 * splitHeads(Matrix.from([[1, 2, 3, 4]]), 2).map((m) => m.toArray()); // => [[[1, 2]], [[3, 4]]]
 */
export function splitHeads(X: Matrix, numHeads: number): Matrix[] {
  if (!Number.isInteger(numHeads) || numHeads < 1 || X.cols % numHeads !== 0) {
    throw new Error(`splitHeads: X is ${X.shape}; its ${X.cols} columns cannot be split into numHeads = ${numHeads} equal heads`);
  }
  const dK = X.cols / numHeads;
  return Array.from({ length: numHeads }, (_, h) => {
    const head = new Matrix(X.rows, dK);
    for (let i = 0; i < X.rows; i++) head.data.set(X.data.subarray(i * X.cols + h * dK, i * X.cols + (h + 1) * dK), i * dK);
    return head;
  });
}

/**
 * Concatenates heads side by side, the inverse of `splitHeads`: numHeads × (n, dK) → (n, numHeads·dK).
 *
 * @example
 * mergeHeads([Matrix.from([[1, 2]]), Matrix.from([[3, 4]])]).toArray(); // => [[1, 2, 3, 4]]
 */
export function mergeHeads(heads: Matrix[]): Matrix {
  if (heads.length === 0) throw new Error("mergeHeads: heads is empty (0 matrices)");
  const { rows, cols: dK } = heads[0];
  const bad = heads.find((m) => m.rows !== rows || m.cols !== dK);
  if (bad) throw new Error(`mergeHeads: all heads need shape ${heads[0].shape}, got ${bad.shape}`);
  const out = new Matrix(rows, dK * heads.length);
  heads.forEach((m, h) => {
    for (let i = 0; i < rows; i++) out.data.set(m.data.subarray(i * dK, (i + 1) * dK), i * out.cols + h * dK);
  });
  return out;
}
