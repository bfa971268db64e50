import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { product } from "./matmul.js";
import { resolveMask } from "./mask.js";
import { backend } from "./backend/index.js";

/** Options shared by the attention functions. `mask[i][j] === true`: query i may attend to key j. */
export interface AttentionOptions {
  mask?: boolean[][];
  /** Query i sees keys j ≤ i (top-left aligned). Combined with `mask` when both are given. */
  causal?: boolean;
}

/** What every attention function returns: the context vectors and the weights that mixed them. */
export interface AttentionResult {
  output: Matrix; // (nQ, dV)
  weights: Matrix; // (nQ, nK), rows sum to 1
}

/**
 * Scaled dot-product attention (Vaswani et al., 2017):
 * weights = softmax(Q Kᵀ / √d_k) with the mask, output = weights · V.
 * Shapes: q (nQ, dK), k (nK, dK), v (nK, dV) → output (nQ, dV), weights (nQ, nK).
 *
 * @example
 * const { output, weights } = scaledDotProductAttention([[1, 0]], [[1, 0], [0, 1]], [[10], [20]]);
 * weights.toArray(); // => [[0.6697615493266569, 0.3302384506733431]]
 * output.toArray(); // => [[13.30238450673343]]
 */
export function scaledDotProductAttention(q: MatrixLike, k: MatrixLike, v: MatrixLike, opts: AttentionOptions = {}): AttentionResult {
  const fn = "scaledDotProductAttention";
  const Q = toMatrix(q, fn, "q");
  const K = toMatrix(k, fn, "k");
  const V = toMatrix(v, fn, "v");
  if (Q.cols !== K.cols) throw new Error(`${fn}: q is ${Q.shape} and k is ${K.shape}; they need the same number of columns d_k`);
  if (K.rows !== V.rows) throw new Error(`${fn}: k is ${K.shape} and v is ${V.shape}; they need the same number of rows n_k`);
  const mask = resolveMask(fn, Q.rows, K.rows, opts.mask, opts.causal);
  return attend(Q, K, V, mask, fn);
}

/** The kernel on validated inputs; reused by self-attention so errors name their caller. */
export function attend(Q: Matrix, K: Matrix, V: Matrix, mask: boolean[][] | undefined, fn: string): AttentionResult {
  const weights = backend().attentionWeights(Q, K, 1 / Math.sqrt(Q.cols), mask, fn); // softmax(Q·Kᵀ/√d_k) (nQ, nK)
  const output = product(weights, V); // (nQ, dV)
  return { output, weights };
}
