import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { checkMaskShape } from "./mask.js";
import { backend } from "./backend/index.js";

/**
 * Row-wise softmax: (n, m) → (n, m), each row non-negative and summing to 1.
 * Stable: the row maximum is subtracted before `exp`, so entries of ±1e4 do not overflow (softmax_row.ts).
 * With `mask` (shape (n, m), true = keep), masked entries get weight exactly 0; a row with
 * nothing kept throws a NoKeyError, because its weights would be 0/0.
 *
 * @example
 * softmax([[1, 2, 3]]).toArray(); // => [[0.09003057317038046, 0.24472847105479764, 0.6652409557748219]]
 * softmax([[1, 2, 3]], { mask: [[true, true, false]] }).toArray(); // => [[0.2689414213699951, 0.7310585786300049, 0]]
 */
export function softmax(x: MatrixLike, opts: { mask?: boolean[][] } = {}): Matrix {
  const X = toMatrix(x, "softmax", "x");
  const { mask } = opts;
  if (mask !== undefined) checkMaskShape("softmax", mask, X.rows, X.cols);
  return softmaxRows(X, mask, "softmax");
}

/** Softmax of validated X and mask on the active backend; `fn` names the caller in errors. */
export const softmaxRows = (X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix => backend().softmaxRows(X, mask, fn);
