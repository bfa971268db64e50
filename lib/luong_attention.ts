import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { product } from "./matmul.js";
import { checkMaskShape } from "./mask.js";
import { softmaxRows } from "./softmax.js";

/** Luong's multiplicative scores: `dot` is q_i·k_j; `general` is q_i·W·k_j with W (dQ, dK). */
export type LuongScore = { score: "dot" } | { score: "general"; w: MatrixLike };

/**
 * Luong (multiplicative) attention (Luong et al., 2015): weights = row-softmax of the scores with the
 * mask, output = weights · V. Unlike scaled dot-product attention there is no 1/√d_k.
 * Shapes: q (nQ, dQ), k (nK, dK), v (nK, dV) → output (nQ, dV), weights (nQ, nK); `dot` needs dQ = dK.
 *
 * @example
 * luongAttention([[1, 0]], [[1, 0], [0, 1]], [[10], [20]], { score: "dot" }).weights.toArray(); // => [[0.7310585786300049, 0.2689414213699951]]
 */
export function luongAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, p: LuongScore, opts: { mask?: boolean[][] } = {}): { output: Matrix; weights: Matrix } {
  const fn = "luongAttention";
  const Q = toMatrix(q, fn, "q"), K = toMatrix(k, fn, "k"), V = toMatrix(v, fn, "v");
  if (K.rows !== V.rows) throw new Error(`${fn}: k is ${K.shape} and v is ${V.shape}; they need the same number of rows n_k`);
  const scores = luongScores(Q, K, p, fn); // (nQ, nK)
  if (opts.mask !== undefined) checkMaskShape(fn, opts.mask, Q.rows, K.rows);
  const weights = softmaxRows(scores, opts.mask, fn); // (nQ, nK)
  return { output: product(weights, V), weights }; // output (nQ, dV)
}

/**
 * The raw Luong scores (nQ, nK) before softmax.
 *
 * @example
 * luongScores([[1, 2]], [[3, 4]], { score: "general", w: [[1, 0], [0, 0]] }).toArray(); // => [[3]]
 */
export function luongScores(q: MatrixLike, k: MatrixLike, p: LuongScore, fn = "luongScores"): Matrix {
  const Q = toMatrix(q, fn, "q"), K = toMatrix(k, fn, "k");
  if (p.score === "dot") {
    if (Q.cols !== K.cols) throw new Error(`${fn}: "dot" score needs q and k of equal width; q is ${Q.shape}, k is ${K.shape}`);
    return product(Q, K, false, true); // Q·Kᵀ (nQ, nK)
  }
  if (p.score !== "general") throw new Error(`${fn}: score must be "dot" or "general", got ${JSON.stringify((p as { score: unknown }).score)}`);
  const W = toMatrix(p.w, fn, "w");
  if (W.rows !== Q.cols || W.cols !== K.cols) {
    throw new Error(`${fn}: "general" score needs w of shape (${Q.cols}, ${K.cols}) for q ${Q.shape} and k ${K.shape}, got ${W.shape}`);
  }
  return product(product(Q, W), K, false, true); // (nQ, dK) · (dK, nK) → (nQ, nK)
}
