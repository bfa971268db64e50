// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/03_multi_head.ts by `npm run generate`.)
// Exercises for notebook 03 · multi-head attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose (matmul returns a Matrix: use .toArray()).
import { matmul, transpose } from "../lib/index.js";

/**
 * 3.1 · splitHeads (2 points). Split the columns of x (n × numHeads·dK) into numHeads consecutive slices:
 * return an array of numHeads matrices of shape n × dK.
 * Example: splitHeads([[1, 2, 3, 4]], 2) → [[[1, 2]], [[3, 4]]]
 */
export function splitHeads(x: number[][], numHeads: number): number[][][] {
  throw new Error("not implemented yet: splitHeads (exercises/03_multi_head.ts)");
}

/**
 * 3.2 · mergeHeads (1 point). The inverse of splitHeads: put the heads side by side (n × numHeads·dK).
 * Example: mergeHeads([[[1, 2]], [[3, 4]]]) → [[1, 2, 3, 4]]
 */
export function mergeHeads(heads: number[][][]): number[][] {
  throw new Error("not implemented yet: mergeHeads (exercises/03_multi_head.ts)");
}

/**
 * 3.3 · multiHeadAttention (3 points). Self-attention of x (n × dModel) with numHeads heads:
 * Q = x·W_Q, K = x·W_K, V = x·W_V (each dModel × dModel); head h uses columns [h·dK, (h+1)·dK) with
 * dK = dModel / numHeads and computes softmax(Q_h·K_hᵀ / √dK)·V_h; concatenate the heads in order and
 * return concat·W_O (n × dModel). No mask, no biases.
 */
export function multiHeadAttention(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }): number[][] {
  throw new Error("not implemented yet: multiHeadAttention (exercises/03_multi_head.ts)");
}

/**
 * 3.4 · positionalEncoding (2 points). The (length × dModel) sinusoidal encoding:
 * PE[p][2i] = sin(p / 10000^(2i/dModel)), PE[p][2i+1] = cos(p / 10000^(2i/dModel)).
 * Example: positionalEncoding(2, 2) → [[0, 1], [0.841…, 0.540…]]
 */
export function positionalEncoding(length: number, dModel: number): number[][] {
  throw new Error("not implemented yet: positionalEncoding (exercises/03_multi_head.ts)");
}
