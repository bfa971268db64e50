// Exercises for notebook 02 · self-attention. Plain arrays in, plain arrays out.
// 2.4 and 2.5 are design exercises: many answers are right, and the grader checks the property they ask for.
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

/**
 * 2.4 · maskedSoftmax (2 points). Row-wise softmax where only entries with mask[i][j] === true take
 * part; masked entries get weight exactly 0. Every row has at least one true entry. Stable: subtract the
 * largest entry the mask allows in each row before exp.
 * Example: maskedSoftmax([[1, 2, 3]], [[true, true, false]]) → [[0.268…, 0.731…, 0]]
 */
export function maskedSoftmax(x: number[][], mask: boolean[][]): number[][] {
  // BEGIN SOLUTION
  return x.map((row, i) => {
    const max = Math.max(...row.filter((_, j) => mask[i][j]));
    const e = row.map((v, j) => (mask[i][j] ? Math.exp(v - max) : 0));
    const sum = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / sum);
  });
  // END SOLUTION
}

/**
 * 2.5 · itToStreet (2 points, design). Notebook 02's sentence "The animal did not cross the street because
 * it was too wide", embedded with its six hand-set features [animate, place, action, function, pronoun,
 * negation]: the hand-set head sends "it" to "animal". Choose W_Q and W_K (each 6 × dK, 1 ≤ dK ≤ 64, your
 * dK) so that, with weights = softmax(X·W_Q·(X·W_K)ᵀ / √dK), the query "it" puts its largest weight, and at
 * least 0.5, on "street". Any such pair passes; the grader runs attention with yours.
 */
export function itToStreet(): { wq: number[][]; wk: number[][] } {
  // BEGIN SOLUTION
  // the pronoun's query asks for "place"; keys are the features themselves. "wide" (place 0.5) scores half
  // of "street" (place 1), so a large enough factor c leaves street ahead: c/√6 · (1 − 0.5) ≫ 1.
  const eye = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j): number => (i === j ? 1 : 0)));
  const wq = eye.map((row) => [...row]);
  wq[4][1] = 12; // pronoun → place
  return { wq, wk: eye };
  // END SOLUTION
}

/**
 * 2.6 · packedCausalMask (2 points, design). Several sentences packed into one row of a batch, of the given
 * lengths, one after the other (Σ lengths tokens). Choose the mask (true = may attend) that gives this pattern:
 * each token attends to itself and the earlier tokens of its own sentence, and to nothing in another sentence.
 * Example: packedCausalMask([2, 1]) → [[true, false, false], [true, true, false], [false, false, true]]
 */
export function packedCausalMask(lengths: number[]): boolean[][] {
  // BEGIN SOLUTION
  const sentence = lengths.flatMap((len, s) => Array<number>(len).fill(s)); // sentence of each token
  return sentence.map((si, i) => sentence.map((sj, j) => si === sj && j <= i));
  // END SOLUTION
}
