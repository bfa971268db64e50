import { Matrix, type MatrixLike, toMatrix, toVector } from "./matrix.js";
import { product } from "./matmul.js";
import { addRowVector } from "./elementwise.js";
import { type AttentionOptions } from "./scaled_dot_product_attention.js";
import { resolveMask } from "./mask.js";
import { backend } from "./backend/index.js";

export { splitHeads, mergeHeads } from "./split_heads.js";

/** Multi-head parameters, paper layout: wq (dQin, dModel), wk (dKin, dModel), wv (dVin, dModel), wo (dModel, dOut). */
export interface MultiHeadParams {
  numHeads: number;
  wq: MatrixLike; wk: MatrixLike; wv: MatrixLike; wo: MatrixLike;
  bq?: number[]; bk?: number[]; bv?: number[]; bo?: number[];
}

/**
 * Multi-head attention: project, split d_model into `numHeads` slices of d_k = d_model / numHeads,
 * run scaled dot-product attention per head, concatenate the heads in order, project with W_O.
 * Shapes: q (nQ, dQin), k (nK, dKin), v (nK, dVin) → output (nQ, dOut), weights numHeads × (nQ, nK).
 * Matches `torch.nn.MultiheadAttention` with its weights transposed.
 *
 * @example
 * const I = [[1, 0], [0, 1]];
 * const r = multiHeadAttention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]], { numHeads: 2, wq: I, wk: I, wv: I, wo: I });
 * r.weights.map((w) => w.toArray()); // => [[[0.7310585786300049, 0.2689414213699951]], [[0.5, 0.5]]]
 * r.output.toArray(); // => [[1.5378828427399902, 3]]
 */
export function multiHeadAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, p: MultiHeadParams, opts: AttentionOptions = {}): { output: Matrix; weights: Matrix[] } {
  const fn = "multiHeadAttention";
  const [Xq, Xk, Xv] = [toMatrix(q, fn, "q"), toMatrix(k, fn, "k"), toMatrix(v, fn, "v")];
  const [WQ, WK, WV, WO] = [toMatrix(p.wq, fn, "wq"), toMatrix(p.wk, fn, "wk"), toMatrix(p.wv, fn, "wv"), toMatrix(p.wo, fn, "wo")];
  const { numHeads } = p;
  const dModel = WQ.cols;
  if (!Number.isInteger(numHeads) || numHeads < 1) throw new Error(`${fn}: numHeads must be a positive integer, got ${numHeads}`);
  if (dModel % numHeads !== 0) {
    throw new Error(`${fn}: d_model = ${dModel} (columns of wq ${WQ.shape}) is not divisible by numHeads = ${numHeads}`);
  }
  if (Xk.rows !== Xv.rows) throw new Error(`${fn}: k is ${Xk.shape} and v is ${Xv.shape}; they need the same number of rows n_k`);
  for (const [xName, X, wName, W] of [["q", Xq, "wq", WQ], ["k", Xk, "wk", WK], ["v", Xv, "wv", WV]] as const) {
    if (W.rows !== X.cols) throw new Error(`${fn}: ${xName} is ${X.shape} but ${wName} is ${W.shape}; ${wName} needs ${X.cols} rows`);
    if (W.cols !== dModel) throw new Error(`${fn}: ${wName} is ${W.shape} but wq is ${WQ.shape}; all projections need d_model = ${dModel} columns`);
  }
  if (WO.rows !== dModel) throw new Error(`${fn}: wo is ${WO.shape}; it needs d_model = ${dModel} rows (wq is ${WQ.shape})`);
  for (const [b, bName, W] of [[p.bq, "bq", WQ], [p.bk, "bk", WK], [p.bv, "bv", WV], [p.bo, "bo", WO]] as const) checkBias(fn, b, bName, W);
  const mask = resolveMask(fn, Xq.rows, Xk.rows, opts.mask, opts.causal);
  // project, split into heads, attend per head, merge, project (backend/readable/steps.ts; the wasm backend
  // fuses them, with the same bits)
  return backend().multiHead({ Xq, Xk, Xv, WQ, WK, WV, WO, bq: p.bq, bk: p.bk, bv: p.bv, bo: p.bo, numHeads, mask }, fn);
}

/** X·W + b for shapes already checked; a bias of the wrong length throws naming `fn` and `bName`. */
export function project(fn: string, X: Matrix, W: Matrix, b: number[] | undefined, bName: string): Matrix {
  const Y = product(X, W);
  if (b === undefined) return Y;
  checkBias(fn, b, bName, W);
  return addRowVector(Y, b);
}

/** A bias for W must be a vector of W.cols numbers; throws naming `fn` and `bName` otherwise. */
function checkBias(fn: string, b: number[] | undefined, bName: string, W: Matrix): void {
  if (b === undefined) return;
  toVector(b, fn, bName);
  if (b.length !== W.cols) throw new Error(`${fn}: ${bName} has length ${b.length}; it needs ${W.cols} (the columns of its weight ${W.shape})`);
}
