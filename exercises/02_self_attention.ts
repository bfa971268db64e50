// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/02_self_attention.ts by `npm run generate`.)
// Exercises for notebook 02 · self-attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose (matmul returns a Matrix: use .toArray()).
import { matmul, transpose } from "../lib/index.js";

/**
 * 2.1 · causalMask (1 point). The n × n mask where query i may attend to keys j ≤ i (true = allowed).
 * Example: causalMask(2) → [[true, false], [true, true]]
 */
export function causalMask(n: number): boolean[][] {
  throw new Error("not implemented yet: causalMask (exercises/02_self_attention.ts)");
}

/**
 * 2.2 · scaledDotProductAttention (3 points). q (nQ × dK), k (nK × dK), v (nK × dV), optional mask
 * (nQ × nK, true = may attend; every row has a true). Return weights = softmax(q·kᵀ / √dK) with masked
 * weights exactly 0, and output = weights · v.
 * Example: q = [[1, 0]], k = [[1, 0], [0, 1]], v = [[10], [20]] → weights [[0.6698, 0.3302]], output [[13.302…]]
 */
export function scaledDotProductAttention(q: number[][], k: number[][], v: number[][], mask?: boolean[][]): { output: number[][]; weights: number[][] } {
  throw new Error("not implemented yet: scaledDotProductAttention (exercises/02_self_attention.ts)");
}

/**
 * 2.3 · selfAttentionProjections (2 points). Given x (n × dModel) and W_Q, W_K (dModel × dK), W_V
 * (dModel × dV), return { q: x·W_Q, k: x·W_K, v: x·W_V }.
 */
export function selfAttentionProjections(x: number[][], wq: number[][], wk: number[][], wv: number[][]): { q: number[][]; k: number[][]; v: number[][] } {
  throw new Error("not implemented yet: selfAttentionProjections (exercises/02_self_attention.ts)");
}
