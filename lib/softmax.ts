import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { checkMaskShape } from "./mask.js";
import { softmaxWasm } from "./gemm/softmax.js";

/**
 * Row-wise softmax: (n, m) → (n, m), each row non-negative and summing to 1.
 * Stable: the row maximum is subtracted before `exp`, so entries of ±1e4 do not overflow.
 * With `mask` (shape (n, m), true = keep), masked entries get weight exactly 0; a row with
 * nothing kept throws, because its weights would be 0/0.
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

/**
 * The kernel, for callers that already validated X and mask; `fn` names them in the error. From 64 entries
 * it runs in WebAssembly (lib/gemm/softmax.ts), which gives the same bits as `softmaxReadable` (tested).
 */
export function softmaxRows(X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix {
  const fast = X.rows * X.cols >= 64 ? softmaxWasm(X, mask) : null;
  if (typeof fast === "number") throw noKeyError(fn, fast, X.rows, X.cols);
  return fast ?? softmaxReadable(X, mask, fn);
}

/** The error for row i of the (n, m) scores when it keeps no key. */
export const noKeyError = (fn: string, i: number, n: number, m: number): Error =>
  new Error(`${fn}: row ${i} of the scores (shape (${n}, ${m})) has no key it may attend to (mask row all false)`);

/**
 * The readable loop: max, exp(x − max), sum in order, divide. The reference for the WebAssembly path.
 *
 * @example
 * softmaxReadable(Matrix.from([[0, Math.log(3)]]), undefined, "f").toArray(); // => [[0.25, 0.75]]
 */
export function softmaxReadable(X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix {
  const n = X.rows, m = X.cols;
  const out = new Matrix(n, m);
  for (let i = 0; i < n; i++) {
    const keep = mask?.[i];
    let max = -Infinity;
    for (let j = 0; j < m; j++) if (!keep || keep[j]) max = Math.max(max, X.data[i * m + j]);
    if (max === -Infinity) throw noKeyError(fn, i, n, m);
    let sum = 0;
    for (let j = 0; j < m; j++) {
      const e = !keep || keep[j] ? Math.exp(X.data[i * m + j] - max) : 0;
      out.data[i * m + j] = e;
      sum += e;
    }
    for (let j = 0; j < m; j++) out.data[i * m + j] /= sum;
  }
  return out;
}
