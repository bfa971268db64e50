import { type MatrixLike, type Matrix, toMatrix } from "./matrix.js";
import { product } from "./matmul.js";
import { attend, type AttentionOptions, type AttentionResult } from "./scaled_dot_product_attention.js";
import { resolveMask } from "./mask.js";

/** Self-attention projections, paper layout: W_Q, W_K are (dIn, dK), W_V is (dIn, dV). */
export interface SelfAttentionParams {
  wq: MatrixLike;
  wk: MatrixLike;
  wv: MatrixLike;
}

/**
 * Self-attention: the sequence attends to itself. Q = X·W_Q, K = X·W_K, V = X·W_V, then
 * scaled dot-product attention. Shapes: x (n, dIn) → output (n, dV), weights (n, n); q, k, v are
 * returned too, so a lesson can show them.
 *
 * @example
 * const I = [[1, 0], [0, 1]];
 * selfAttention([[1, 0], [0, 1]], { wq: I, wk: I, wv: I }).weights.toArray(); // => [[0.6697615493266569, 0.3302384506733431], [0.3302384506733431, 0.6697615493266569]]
 */
export function selfAttention(x: MatrixLike, p: SelfAttentionParams, opts: AttentionOptions = {}): AttentionResult & { q: Matrix; k: Matrix; v: Matrix } {
  const fn = "selfAttention";
  const X = toMatrix(x, fn, "x");
  const WQ = toMatrix(p.wq, fn, "wq"), WK = toMatrix(p.wk, fn, "wk"), WV = toMatrix(p.wv, fn, "wv");
  for (const [name, W] of [["wq", WQ], ["wk", WK], ["wv", WV]] as const) {
    if (W.rows !== X.cols) throw new Error(`${fn}: x is ${X.shape} but ${name} is ${W.shape}; ${name} needs ${X.cols} rows`);
  }
  if (WQ.cols !== WK.cols) throw new Error(`${fn}: wq is ${WQ.shape} and wk is ${WK.shape}; they need the same number of columns d_k`);
  const q = product(X, WQ); // (n, dK)
  const k = product(X, WK); // (n, dK)
  const v = product(X, WV); // (n, dV)
  const mask = resolveMask(fn, X.rows, X.rows, opts.mask, opts.causal);
  return { ...attend(q, k, v, mask, fn), q, k, v };
}
