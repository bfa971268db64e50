// Exercises for notebook 02 · self-attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose (matmul returns a Matrix: use .toArray()).
import { matmul, transpose } from "../lib/index.js";

/**
 * 2.1 · causalMask (1 point). The n × n mask where query i may attend to keys j ≤ i (true = allowed).
 * Example: causalMask(2) → [[true, false], [true, true]]
 */
export function causalMask(n: number): boolean[][] {
  // BEGIN SOLUTION
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j <= i));
  // END SOLUTION
}

/**
 * 2.2 · scaledDotProductAttention (3 points). q (nQ × dK), k (nK × dK), v (nK × dV), optional mask
 * (nQ × nK, true = may attend; every row has a true). Return weights = softmax(q·kᵀ / √dK) with masked
 * weights exactly 0, and output = weights · v.
 * Example: q = [[1, 0]], k = [[1, 0], [0, 1]], v = [[10], [20]] → weights [[0.6698, 0.3302]], output [[13.302…]]
 */
export function scaledDotProductAttention(q: number[][], k: number[][], v: number[][], mask?: boolean[][]): { output: number[][]; weights: number[][] } {
  // BEGIN SOLUTION
  const dK = q[0].length;
  const scores = matmul(q, transpose(k)).toArray().map((row) => row.map((s) => s / Math.sqrt(dK))); // (nQ, nK)
  const weights = scores.map((row, i) => {
    const keep = (j: number) => !mask || mask[i][j];
    const max = Math.max(...row.filter((_, j) => keep(j)));
    const e = row.map((s, j) => (keep(j) ? Math.exp(s - max) : 0));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
  return { output: matmul(weights, v).toArray(), weights }; // output (nQ, dV)
  // END SOLUTION
}

/**
 * 2.3 · selfAttentionProjections (2 points). Given x (n × dModel) and W_Q, W_K (dModel × dK), W_V
 * (dModel × dV), return { q: x·W_Q, k: x·W_K, v: x·W_V }.
 */
export function selfAttentionProjections(x: number[][], wq: number[][], wk: number[][], wv: number[][]): { q: number[][]; k: number[][]; v: number[][] } {
  // BEGIN SOLUTION
  return { q: matmul(x, wq).toArray(), k: matmul(x, wk).toArray(), v: matmul(x, wv).toArray() };
  // END SOLUTION
}
