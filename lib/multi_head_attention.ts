import { Matrix, type MatrixLike, toMatrix, toVector } from "./matrix.js";
import { product } from "./matmul.js";
import { addRowVector } from "./elementwise.js";
import { attend, type AttentionOptions } from "./scaled_dot_product_attention.js";
import { resolveMask } from "./mask.js";
import { noKeyError } from "./softmax.js";
import { multiHeadWasm, headsFit, type HeadsInput } from "./gemm/heads.js";

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
  // toMatrix checks every entry (~0.9 ms for x three times and four 256² weights); when all seven are
  // Matrix objects the fused path checks them on its own copies instead, and any error below first reruns
  // these checks in order, so a NaN is still reported before any other problem, exactly as without it.
  const ordered = () => [toMatrix(q, fn, "q"), toMatrix(k, fn, "k"), toMatrix(v, fn, "v"),
    toMatrix(p.wq, fn, "wq"), toMatrix(p.wk, fn, "wk"), toMatrix(p.wv, fn, "wv"), toMatrix(p.wo, fn, "wo")];
  const raw = [q, k, v, p.wq, p.wk, p.wv, p.wo];
  const lazy = raw.every((x) => x instanceof Matrix);
  try {
    return attendAll(fn, (lazy ? raw : ordered()) as Matrix[], p, opts, lazy ? ordered : null);
  } catch (e) {
    if (lazy) ordered(); // throws the entry error if there is one
    throw e;
  }
}

/** multiHeadAttention on matrices whose entries `check` (when given) has not checked yet. */
function attendAll(fn: string, [Xq, Xk, Xv, WQ, WK, WV, WO]: Matrix[], p: MultiHeadParams, opts: AttentionOptions, check: (() => unknown) | null): { output: Matrix; weights: Matrix[] } {
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
  const mask = resolveMask(fn, Xq.rows, Xk.rows, opts.mask, opts.causal);
  const input: HeadsInput = { Xq, Xk, Xv, WQ, WK, WV, WO, bq: p.bq, bk: p.bk, bv: p.bv, numHeads, mask, unchecked: check !== null };
  if (Xq.rows * Xk.rows * dModel >= 4096 && headsFit(input)) {
    // the fused path (lib/gemm/heads.ts): same bits as the steps below, without the per-head copies
    for (const [b, bName, W] of [[p.bq, "bq", WQ], [p.bk, "bk", WK], [p.bv, "bv", WV]] as const) checkBias(fn, b, bName, W);
    const r = multiHeadWasm(input);
    if (r === "nonfinite") throw new Error(`${fn}: an entry is not finite`); // the caller's checks name it
    if (typeof r === "number") throw noKeyError(fn, r, Xq.rows, Xk.rows);
    checkBias(fn, p.bo, "bo", WO);
    return { output: p.bo === undefined ? r.output : addRowVector(r.output, p.bo), weights: r.weights };
  }
  check?.();
  return multiHeadSteps(fn, input, p.bo);
}

/**
 * The readable path, step by step (validated inputs): project, split, attend per head, merge, project.
 * The reference for the fused path; tests check they agree bit for bit.
 */
export function multiHeadSteps(fn: string, p: HeadsInput, bo: number[] | undefined): { output: Matrix; weights: Matrix[] } {
  const Q = project(fn, p.Xq, p.WQ, p.bq, "bq"); // (nQ, dModel)
  const K = project(fn, p.Xk, p.WK, p.bk, "bk"); // (nK, dModel)
  const V = project(fn, p.Xv, p.WV, p.bv, "bv"); // (nK, dModel)
  const [Qh, Kh, Vh] = [Q, K, V].map((X) => splitHeads(X, p.numHeads)); // numHeads × (n, dK)
  const heads = Qh.map((_, h) => attend(Qh[h], Kh[h], Vh[h], p.mask, fn)); // numHeads × {output (nQ, dK), weights (nQ, nK)}
  const concat = mergeHeads(heads.map((r) => r.output)); // (nQ, dModel)
  const output = project(fn, concat, p.WO, bo, "bo"); // (nQ, dOut)
  return { output, weights: heads.map((r) => r.weights) };
}

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
