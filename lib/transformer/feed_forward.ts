import { Matrix, type MatrixLike, toMatrix } from "../matrix.js";
import { map } from "../elementwise.js";
import { project } from "../multi_head_attention.js";

/** Position-wise feed-forward parameters, paper layout: w1 (d, dFF), b1 (dFF), w2 (dFF, d), b2 (d). */
export interface FeedForwardParams { w1: MatrixLike; b1?: number[]; w2: MatrixLike; b2?: number[] }

/**
 * The position-wise feed-forward network: relu(x·w1 + b1)·w2 + b2, the same two layers on every row.
 * Shapes: x (n, d), w1 (d, dFF), w2 (dFF, dOut) → (n, dOut).
 *
 * @example
 * feedForward([[1, -1]], { w1: [[1, 0], [0, 1]], w2: [[1], [1]] }).toArray(); // => [[1]]
 * feedForward([[1, -1]], { w1: [[1, 0], [0, 1]], b1: [0, 3], w2: [[1], [1]], b2: [0.5] }).toArray(); // => [[3.5]]
 */
export function feedForward(x: MatrixLike, p: FeedForwardParams): Matrix {
  return feedForwardRows(toMatrix(x, "feedForward", "x"), p, "feedForward", "");
}

/** The kernel on a validated X; `fn` and `prefix` (e.g. "ffn.") name the caller's function and argument in errors. */
export function feedForwardRows(X: Matrix, p: FeedForwardParams, fn: string, prefix: string): Matrix {
  if (p === null || typeof p !== "object") throw new Error(`${fn}: ${prefix.replace(/\.$/, "") || "p"} must be { w1, b1?, w2, b2? }, got ${p === null ? "null" : typeof p}`);
  const W1 = toMatrix(p.w1, fn, `${prefix}w1`), W2 = toMatrix(p.w2, fn, `${prefix}w2`);
  if (W1.rows !== X.cols) throw new Error(`${fn}: x is ${X.shape} but ${prefix}w1 is ${W1.shape}; ${prefix}w1 needs ${X.cols} rows`);
  if (W2.rows !== W1.cols) throw new Error(`${fn}: ${prefix}w1 is ${W1.shape} but ${prefix}w2 is ${W2.shape}; ${prefix}w2 needs ${W1.cols} rows`);
  const hidden = map(project(fn, X, W1, p.b1, `${prefix}b1`), (v) => (v > 0 ? v : 0)); // (n, dFF)
  return project(fn, hidden, W2, p.b2, `${prefix}b2`); // (n, dOut)
}

