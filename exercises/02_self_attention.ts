// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/02_self_attention.ts by `npm run generate`.)
// Exercises for notebook 02 · self-attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul and transpose (matmul returns a Matrix: use .toArray()).
// 2.6 is a design exercise: many answers are right, and the grader checks the property it asks for.
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
 * 2.3 · fixMaskedWeights (2 points). Debug. A colleague's masked attention returns weights whose rows do not sum to 1:
 *   const w = softmax(scores[i]);              // over every key
 *   return w.map((x, j) => (mask[i][j] ? x : 0)); // masked after the softmax
 * Find the bug and return the right weights for scores (nQ × nK, already scaled) and mask (true = may attend;
 * every row has a true): masked weights exactly 0, each row summing to 1 over the keys it may attend to.
 */
export function fixMaskedWeights(scores: number[][], mask: boolean[][]): number[][] {
  throw new Error("not implemented yet: fixMaskedWeights (exercises/02_self_attention.ts)");
}

/**
 * 2.4 · selfAttentionProjections (2 points). Given x (n × dModel) and W_Q, W_K (dModel × dK), W_V
 * (dModel × dV), return { q: x·W_Q, k: x·W_K, v: x·W_V }.
 */
export function selfAttentionProjections(x: number[][], wq: number[][], wk: number[][], wv: number[][]): { q: number[][]; k: number[][]; v: number[][] } {
  throw new Error("not implemented yet: selfAttentionProjections (exercises/02_self_attention.ts)");
}

/**
 * 2.5 · maskedSoftmax (2 points). Row-wise softmax where only entries with mask[i][j] === true take
 * part; masked entries get weight exactly 0. Every row has at least one true entry. Stable: subtract the
 * largest entry the mask allows in each row before exp.
 * Example: maskedSoftmax([[1, 2, 3]], [[true, true, false]]) → [[0.268…, 0.731…, 0]]
 */
export function maskedSoftmax(x: number[][], mask: boolean[][]): number[][] {
  throw new Error("not implemented yet: maskedSoftmax (exercises/02_self_attention.ts)");
}

/**
 * 2.6 · itToStreet (2 points, design). Notebook 02's sentence "The animal did not cross the street because
 * it was too wide", embedded with its six hand-set features [animate, place, action, function, pronoun,
 * negation]: the hand-set head sends "it" to "animal". Choose W_Q and W_K (each 6 × dK, 1 ≤ dK ≤ 64, your
 * dK) so that, with weights = softmax(X·W_Q·(X·W_K)ᵀ / √dK), the query "it" puts its largest weight, and at
 * least 0.5, on "street". Any such pair passes; the grader runs attention with yours. (Each student's copy may
 * name another query and target word: the grader checks the words named here.)
 */
export function itToStreet(): { wq: number[][]; wk: number[][] } {
  throw new Error("not implemented yet: itToStreet (exercises/02_self_attention.ts)");
}

/**
 * 2.7 · packedCausalMask (2 points). Several sentences packed into one row of a batch, of the given lengths, one
 * after the other (Σ lengths tokens). Return the mask (true = may attend) in which each token attends to itself
 * and the earlier tokens of its own sentence, and to nothing in another sentence. Only one mask does this: the
 * grader compares yours with it entry by entry.
 * Example: packedCausalMask([2, 1]) → [[true, false, false], [true, true, false], [false, false, true]]
 */
export function packedCausalMask(lengths: number[]): boolean[][] {
  throw new Error("not implemented yet: packedCausalMask (exercises/02_self_attention.ts)");
}

/**
 * 2.8 · predictShifts (2 points, predict). Predict, then run (notebook 02, "Predict, then run: which weight grows?"): commit to your
 * prediction there before you run the cell, then write it here as a rule for any case. One query q (dK numbers)
 * attends to keys k (nK × dK) with weights softmax(q·kᵀ / √dK). Now multiply every score by `factor` (> 0:
 * above 1 sharpens the softmax, below 1 flattens it, as dividing by a temperature does). Return the index of
 * the key whose weight grows the most (the first, if several grow equally), or −1 when no weight grows by more
 * than 1e-9 (all scores equal, a single key, or factor 1).
 * Example: predictShifts([1, 0], [[2, 0], [0, 0]], 2) → 0 (the top key takes weight from the other)
 */
export function predictShifts(q: number[], k: number[][], factor: number): number {
  throw new Error("not implemented yet: predictShifts (exercises/02_self_attention.ts)");
}
