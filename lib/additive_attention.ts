import { Matrix, type MatrixLike, toMatrix, toVector } from "./matrix.js";
import { product } from "./matmul.js";
import { checkMaskShape } from "./mask.js";
import { softmaxRows } from "./softmax.js";

/** Bahdanau parameters: wq (dQ, h), wk (dK, h), wv of length h. */
export interface AdditiveParams {
  wq: MatrixLike;
  wk: MatrixLike;
  wv: number[];
}

/**
 * Additive (Bahdanau) attention: score(i, j) = wv · tanh(q_i·W_q + k_j·W_k), weights = row-softmax
 * of the scores with the mask, output = weights · V. Queries and keys may have different widths.
 * Shapes: q (nQ, dQ), k (nK, dK), v (nK, dV) → output (nQ, dV), weights (nQ, nK).
 *
 * @example
 * const p = { wq: [[1]], wk: [[1]], wv: [1] };
 * additiveAttention([[1]], [[1], [-1]], [[10], [20]], p).weights.toArray(); // => [[0.7239274686640463, 0.27607253133595366]] (scores tanh(2), tanh(0))
 */
export function additiveAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, p: AdditiveParams, opts: { mask?: boolean[][] } = {}): { output: Matrix; weights: Matrix } {
  const fn = "additiveAttention";
  const Q = toMatrix(q, fn, "q"), K = toMatrix(k, fn, "k"), V = toMatrix(v, fn, "v");
  const WQ = toMatrix(p.wq, fn, "wq"), WK = toMatrix(p.wk, fn, "wk");
  const wv = toVector(p.wv, fn, "wv");
  if (WQ.rows !== Q.cols) throw new Error(`${fn}: q is ${Q.shape} but wq is ${WQ.shape}; wq needs ${Q.cols} rows`);
  if (WK.rows !== K.cols) throw new Error(`${fn}: k is ${K.shape} but wk is ${WK.shape}; wk needs ${K.cols} rows`);
  if (WQ.cols !== WK.cols || wv.length !== WQ.cols) {
    throw new Error(`${fn}: wq ${WQ.shape}, wk ${WK.shape} and wv (length ${wv.length}) must share the hidden size h`);
  }
  if (K.rows !== V.rows) throw new Error(`${fn}: k is ${K.shape} and v is ${V.shape}; they need the same number of rows n_k`);
  if (opts.mask !== undefined) checkMaskShape(fn, opts.mask, Q.rows, K.rows);
  const scores = additiveScores(product(Q, WQ), product(K, WK), wv); // (nQ, nK)
  const weights = softmaxRows(scores, opts.mask, fn); // (nQ, nK)
  return { output: product(weights, V), weights }; // output (nQ, dV)
}

/** scores[i][j] = Σ_h wv[h] · tanh(Qp[i][h] + Kp[j][h]) for projected Qp (nQ, h), Kp (nK, h) → (nQ, nK). */
export function additiveScores(Qp: Matrix, Kp: Matrix, wv: number[]): Matrix {
  const h = wv.length;
  const scores = new Matrix(Qp.rows, Kp.rows);
  for (let i = 0; i < Qp.rows; i++) {
    for (let j = 0; j < Kp.rows; j++) {
      let s = 0;
      for (let t = 0; t < h; t++) s += wv[t] * Math.tanh(Qp.data[i * h + t] + Kp.data[j * h + t]);
      scores.data[i * Kp.rows + j] = s;
    }
  }
  return scores;
}
