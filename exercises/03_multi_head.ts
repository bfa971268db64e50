// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/03_multi_head.ts by `npm run generate`.)
// Exercises for notebook 03 · multi-head attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul and transpose (matmul returns a Matrix: use .toArray()).
// 3.6 and 3.7 are design exercises: many answers are right, and the grader checks the property they ask for.
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
 * 3.4 · fixHeadScale (2 points). Debug. This multi-head layer's heads are all too flat; in each head it computes
 *   softmax(Q_h·K_hᵀ / Math.sqrt(dModel))·V_h   // dModel = the columns of x
 * Find the bug and return the right output for the same inputs as multiHeadAttention (you may call it).
 */
export function fixHeadScale(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }): number[][] {
  throw new Error("not implemented yet: fixHeadScale (exercises/03_multi_head.ts)");
}

/**
 * 3.5 · positionalEncoding (2 points). The (length × dModel) sinusoidal encoding:
 * PE[p][2i] = sin(p / 10000^(2i/dModel)), PE[p][2i+1] = cos(p / 10000^(2i/dModel)).
 * Example: positionalEncoding(2, 2) → [[0, 1], [0.841…, 0.540…]]
 */
export function positionalEncoding(length: number, dModel: number): number[][] {
  throw new Error("not implemented yet: positionalEncoding (exercises/03_multi_head.ts)");
}

/**
 * 3.6 · offsetHead (2 points, design). Token i is x_i = [f_i, PE_i]: dWord word features, then PE_i, row i
 * of positionalEncoding(n, dPos) (3.5), as in the notebook's "Heads that look at different things".
 * Design a head: return W_Q and W_K, each (dWord + dPos) × dK for a dK of your choice (1 … 64), so that
 * self-attention softmax(Q·Kᵀ / √dK) with Q = x·W_Q, K = x·W_K gives every query i that has a token
 * i − offset a weight ≥ 0.9 on it, for n tokens and whatever their word features are. offset = 1 is a
 * previous-token head, offset = −1 a next-token head. Many answers are right: the grader checks the weights.
 */
export function offsetHead(n: number, dWord: number, dPos: number, offset: number): { wq: number[][]; wk: number[][] } {
  throw new Error("not implemented yet: offsetHead (exercises/03_multi_head.ts)");
}

/**
 * 3.7 · positionHead (2 points, design). Same tokens as offsetHead. Return W_Q and W_K so that every query
 * gives the token at position `target` a weight ≥ 0.9 (target = 0 is a first-token head), for n tokens
 * and whatever their word features are. Hint: the query must be (almost) the same for every position, and
 * the keys must tell positions apart.
 */
export function positionHead(n: number, dWord: number, dPos: number, target: number): { wq: number[][]; wk: number[][] } {
  throw new Error("not implemented yet: positionHead (exercises/03_multi_head.ts)");
}

/**
 * 3.8 · headsThatChange (2 points, predict). Predict, then run (notebook 03, "Predict, then run: which heads notice a shift?"): commit
 * to your prediction there before you run the cell, then write it here as a rule for any layer. Tokens x
 * (n × dIn) go through a multi-head layer whose W_Q and W_K (each dIn × numHeads·dK) give head h the weights
 * softmax(Q_h·K_hᵀ / √dK), Q_h and K_h columns [h·dK, (h+1)·dK) of x·W_Q and x·W_K. Now add the same vector
 * delta (dIn numbers) to every token. Return one boolean per head: true when some weight of that head moves by
 * more than 1e-9, false when none does.
 * Example: headsThatChange([[1, 0], [0, 1]], { numHeads: 2, wq: [[1, 0], [0, 1]], wk: [[0, 1], [1, 1]] }, [1, 0])
 *   → [true, false]
 */
export function headsThatChange(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][] }, delta: number[]): boolean[] {
  throw new Error("not implemented yet: headsThatChange (exercises/03_multi_head.ts)");
}
