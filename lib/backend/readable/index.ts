// The readable backend: every kernel a plain TypeScript loop (the tiled product, the row softmax of
// softmax_row.ts, attention step by step, autodiff's fused attention in attend_heads.ts). The reference the
// WebAssembly backend is tested against.
import { Matrix } from "../../matrix.js";
import { NoKeyError } from "../../errors.js";
import { softmaxRow } from "../../softmax_row.js";
import type { Backend } from "../backend.js";
import { matmulTiled } from "./matmul.js";
import { attentionWeightsSteps, multiHeadSteps } from "./steps.js";
import { attendForwardReadable, attendBackwardReadable } from "./attend_heads.js";

/**
 * Row-wise softmax under `mask`, one row at a time.
 *
 * @example
 * softmaxReadable(Matrix.from([[0, Math.log(3)]]), undefined, "f").toArray(); // => [[0.25, 0.75]]
 */
export function softmaxReadable(X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix {
  const n = X.rows, m = X.cols, out = new Matrix(n, m);
  for (let i = 0; i < n; i++) if (!softmaxRow(X.data, out.data, i * m, m, mask?.[i], 0)) throw new NoKeyError(fn, i, n, m);
  return out;
}

/** Xᵀ, entries copied as they are: products of non-finite values give IEEE results, as on the wasm backend. */
function transposed(X: Matrix): Matrix {
  const out = new Matrix(X.cols, X.rows);
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < X.cols; j++) out.data[j * X.rows + i] = X.data[i * X.cols + j];
  return out;
}

/** out = P + bias on every row, or out += P with `accumulate`: P (·, m) row-major. */
export function addProductTo(out: Float64Array, P: Float64Array, m: number, accumulate: boolean, bias?: Float64Array): void {
  if (accumulate) for (let i = 0; i < out.length; i++) out[i] += P[i];
  else if (bias) for (let i = 0; i < out.length; i += m) for (let j = 0; j < m; j++) out[i + j] = P[i + j] + bias[j];
  else out.set(P);
}

/** out[j] += X[i][j] for every row i in order. */
function addColumnSums(X: Matrix, out: Float64Array): void {
  const x = X.data, m = X.cols;
  for (let i = 0; i < X.rows; i++) for (let j = 0; j < m; j++) out[j] += x[i * m + j];
}

export const readable: Backend = {
  name: "readable",
  product: (A, B, transA = false, transB = false) => matmulTiled(transA ? transposed(A) : A, transB ? transposed(B) : B),
  productTo: (A, B, transA, transB, out, accumulate, bias) => {
    const P = readable.product(A, B, transA, transB);
    // a bias inside out is read whole before out is written, as the wasm backend (which copies it in) does
    addProductTo(out, P.data, P.cols, accumulate, bias?.buffer === out.buffer ? bias.slice() : bias);
  },
  addColumnSums,
  matmul: (A, B) => matmulTiled(A, B),
  softmaxRows: softmaxReadable,
  attentionWeights: (Q, K, s, mask, fn) => attentionWeightsSteps(readable, Q, K, s, mask, fn),
  multiHead: (p, fn) => multiHeadSteps(readable, p, fn),
  attendForward: attendForwardReadable,
  attendBackward: attendBackwardReadable,
};
