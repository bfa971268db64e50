// Exercises for notebook 02 · self-attention. Plain arrays in, plain arrays out.
import { matmul, scale, softmax, transpose } from "../lib/index.js";
import { exercise, lesson } from "../grader/spec/declare.js";
import { int, mask as drawMask, mat, pick, vec } from "../grader/spec/draw.js";
import { checkItToStreet, streetTarget, WIDE_LEXICON } from "../grader/spec/street_check.js";

lesson({ imports: ["Matrix", "matmul", "transpose"] });

/**
 * causalMask. The n × n mask where query i may attend to keys j ≤ i (true = allowed).
 * Example: causalMask(2) → [[true, false], [true, true]]
 */
export function causalMask(n: number): boolean[][] {
  // BEGIN SOLUTION
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => j <= i));
  // END SOLUTION
}
exercise(causalMask, {
  points: 1, title: "causal mask",
  hint: { section: "Masks: padding and causality",
    text: "query i may see keys j ≤ i: row i is true up to and including column i, false after it" },
  draw: (r) => [int(r, 1, 7)], edge: [[1], [3]],
});

/**
 * scaledDotProductAttention. q (nQ × dK), k (nK × dK), v (nK × dV), optional mask
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
exercise(scaledDotProductAttention, {
  points: 3, title: "scaled dot-product attention",
  hint: { section: "Q, K and V, step by step",
    text: "weights = softmax(q·kᵀ / √dK) row by row with dK = the columns of q, masked weights exactly 0; output = weights·v",
    nonFinite: "large scores overflow `exp`: subtract the row maximum over the keys the mask allows before `exp`" },
  draw: (r) => { const nQ = int(r, 1, 4), nK = int(r, 2, 5), dK = int(r, 1, 4), dV = int(r, 1, 3); return [mat(r, nQ, dK), mat(r, nK, dK), mat(r, nK, dV), r.uniform() < 0.5 ? drawMask(r, nQ, nK) : undefined]; }, edge: [[[[1, 0]], [[1, 0], [0, 1]], [[10], [20]], undefined]],
});/**
 * fixMaskedWeights. Debug. A colleague's masked attention returns weights whose rows do not sum to 1:
 *   const w = softmax(scores[i]);              // over every key
 *   return w.map((x, j) => (mask[i][j] ? x : 0)); // masked after the softmax
 * Find the bug and return the right weights for scores (nQ × nK, already scaled) and mask (true = may attend;
 * every row has a true): masked weights exactly 0, each row summing to 1 over the keys it may attend to.
 */
export function fixMaskedWeights(scores: number[][], mask: boolean[][]): number[][] {
  // BEGIN SOLUTION
  return scores.map((row, i) => { // mask before the softmax: a masked key gets exp(−∞) = 0
    const max = Math.max(...row.filter((_, j) => mask[i][j]));
    const e = row.map((s, j) => (mask[i][j] ? Math.exp(s - max) : 0));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  });
  // END SOLUTION
}
exercise(fixMaskedWeights, {
  points: 2, title: "debug: masked after the softmax",
  hint: { section: "Masks: padding and causality",
    text: "setting weights to 0 after the softmax leaves rows that sum to less than 1; set the masked scores to −∞ (or skip them) before the softmax" },
  draw: (r) => { const nQ = int(r, 1, 4), nK = int(r, 2, 5); return [mat(r, nQ, nK, 3), drawMask(r, nQ, nK)]; }, edge: [[[[0, 0]], [[true, false]]]],
});



/**
 * selfAttentionProjections. Given x (n × dModel) and W_Q, W_K (dModel × dK), W_V
 * (dModel × dV), return { q: x·W_Q, k: x·W_K, v: x·W_V }.
 */
export function selfAttentionProjections(x: number[][], wq: number[][], wk: number[][], wv: number[][]): { q: number[][]; k: number[][]; v: number[][] } {
  // BEGIN SOLUTION
  return { q: matmul(x, wq).toArray(), k: matmul(x, wk).toArray(), v: matmul(x, wv).toArray() };
  // END SOLUTION
}
exercise(selfAttentionProjections, {
  points: 2, title: "self-attention projections",
  hint: { section: "Q, K and V, step by step",
    text: "each projection is one matrix product with x on the left: q = x·W_Q, k = x·W_K, v = x·W_V" },
  draw: (r) => { const n = int(r, 1, 4), d = int(r, 2, 5), dK = int(r, 1, 4), dV = int(r, 1, 4); return [mat(r, n, d), mat(r, d, dK), mat(r, d, dK), mat(r, d, dV)]; },
});

/**
 * maskedSoftmax. Row-wise softmax where only entries with mask[i][j] === true take
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
exercise(maskedSoftmax, {
  points: 2, title: "masked softmax",
  hint: { section: "Masks: padding and causality",
    text: "entries whose mask is false get weight exactly 0 and take no part in the row's maximum or sum",
    nonFinite: "large inputs overflow `exp`: subtract the largest entry the mask allows in that row first (masked entries take no part)" },
  draw: (r) => { const n = int(r, 1, 4), m = int(r, 2, 6); return [mat(r, n, m, 5), drawMask(r, n, m)]; }, edge: [[[[1, 2, 3]], [[true, true, false]]], [[[1e4, -1e4, 9e3]], [[false, true, true]]]],
});

/**
 * itToStreet. Notebook 02's sentence "The animal did not cross the street because
 * it was too wide", embedded with its six hand-set features [animate, place, action, function, pronoun,
 * negation]: the hand-set head sends "it" to "animal". Choose W_Q and W_K (each 6 × dK, 1 ≤ dK ≤ 64, your
 * dK) so that, with weights = softmax(X·W_Q·(X·W_K)ᵀ / √dK), the query "it" puts its largest weight, and at
 * least 0.5, on "street". Any such pair passes; the grader runs attention with yours. (Each student's copy may
 * name another query and target word: the grader checks the words named here.)
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
/** A right head for any variant's query and target: the query word's strongest feature asks for the target's. */
function headTowards({ query, target }: { query: string; target: string }): { wq: number[][]; wk: number[][] } {
  const strongest = (f: number[]) => f.indexOf(Math.max(...f));
  const eye = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j): number => (i === j ? 1 : 0)));
  const wq = eye.map((row) => [...row]);
  wq[strongest(WIDE_LEXICON[query])][strongest(WIDE_LEXICON[target])] = 40;
  return { wq, wk: eye };
}
exercise(itToStreet, {
  points: 2, title: "one word attends to another", kind: "design",
  hint: { section: "What does \"it\" refer to?",
    text: "the query word's features pick the rows of W_Q that make its query (\"it\" has only the pronoun feature: row 4); point them at a feature the target word has more of than any other word (\"wide\" has half of \"street\"'s place), large enough to win by a clear margin after the 1/√dK" },
  draw: () => [], edge: [[]], check: checkItToStreet,
  answer: (v) => headTowards(streetTarget(v)),
  wording: (v) => ({ 'the query "it"': `the query "${streetTarget(v).query}"`, 'on "street"': `on "${streetTarget(v).target}"` }),
});

/**
 * packedCausalMask. Several sentences packed into one row of a batch, of the given lengths, one
 * after the other (Σ lengths tokens). Return the mask (true = may attend) in which each token attends to itself
 * and the earlier tokens of its own sentence, and to nothing in another sentence. Only one mask does this: the
 * grader compares yours with it entry by entry.
 * Example: packedCausalMask([2, 1]) → [[true, false, false], [true, true, false], [false, false, true]]
 */
export function packedCausalMask(lengths: number[]): boolean[][] {
  // BEGIN SOLUTION
  const sentence = lengths.flatMap((len, s) => Array<number>(len).fill(s)); // sentence of each token
  return sentence.map((si, i) => sentence.map((sj, j) => si === sj && j <= i));
  // END SOLUTION
}
exercise(packedCausalMask, {
  points: 2, title: "the mask of packed sentences",
  hint: { section: "Masks: padding and causality",
    text: "give every token the number of its sentence (0 for the first lengths[0] tokens, …); token i may see token j when both are in the same sentence and j ≤ i" },
  draw: (r) => [Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 4))], edge: [[[2, 1]], [[1, 1, 1]], [[5]]],
});

/**
 * predictShifts. Predict, then run (notebook 02, "Predict, then run: which weight grows?"): commit to your
 * prediction there before you run the cell, then write it here as a rule for any case. One query q (dK numbers)
 * attends to keys k (nK × dK) with weights softmax(q·kᵀ / √dK). Now multiply every score by `factor` (> 0:
 * above 1 sharpens the softmax, below 1 flattens it, as dividing by a temperature does). Return the index of
 * the key whose weight grows the most (the first, if several grow equally), or −1 when no weight grows by more
 * than 1e-9 (all scores equal, a single key, or factor 1).
 * Example: predictShifts([1, 0], [[2, 0], [0, 0]], 2) → 0 (the top key takes weight from the other)
 */
export function predictShifts(q: number[], k: number[][], factor: number): number {
  // BEGIN SOLUTION
  const s = matmul([q], transpose(k)).toArray()[0].map((x) => x / Math.sqrt(q.length)); // (nK)
  const weightsAt = (c: number) => { // softmax of c·s, stable for either sign of c·s
    const top = Math.max(...s.map((x) => c * x)), e = s.map((x) => Math.exp(c * x - top));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / total);
  };
  const before = weightsAt(1), after = weightsAt(factor);
  let grows = -1, most = 1e-9; // a weight must grow by more than 1e-9 to count
  after.forEach((w, j) => { if (w - before[j] > most) { grows = j; most = w - before[j]; } });
  return grows;
  // END SOLUTION
}
/** The growth of each key's weight: to keep drawn cases away from ties and from the 1e-9 line. */
const growths = (q: number[], k: number[][], factor: number) => {
  const row = (c: number) => softmax(scale(matmul([q], transpose(k)), c / Math.sqrt(q.length))).row(0);
  const [before, after] = [row(1), row(factor)];
  return after.map((w, j) => w - before[j]);
};
exercise(predictShifts, {
  points: 2, title: "predict, then run: which weight grows", kind: "predict",
  hint: { section: "Predict, then run: which weight grows?",
    text: "compute the weights twice, softmax(s) and softmax(factor·s) with s = q·kᵀ/√dK, and take the key with the largest increase; sharpening feeds the top-scoring key, but flattening does not always feed the lowest one: a middle key with room to grow can gain more" },
  draw: (r) => {
    // flattening 2 cases in 3, and only 1 in 16 of those where the lowest key wins: else "top when sharpening,
    // lowest when flattening" (the guess the hint warns of) passed all 5 hidden cases of 22% of submissions
    const factor = r.uniform() < 2 / 3 ? pick(r, [0.25, 0.5, 0.8]) : pick(r, [1, 1.5, 2, 4]);
    for (;;) { // redraw until the answer is clear: the winner grows by ≥ 1e-6, 1e-6 more than the runner-up
      const nK = int(r, 2, 6), dK = int(r, 1, 4), args: [number[], number[][], number] = [vec(r, dK, 3), mat(r, nK, dK, 3), factor];
      if (factor === 1) return args; // −1: nothing moves
      const g = growths(...args), [first, second] = [...g].sort((a, b) => b - a);
      if (!(first > 1e-6 && first - second > 1e-6)) continue;
      const s = args[1].map((row) => row.reduce((a, v, i) => a + v * args[0][i], 0));
      if (factor < 1 && g.indexOf(first) === s.indexOf(Math.min(...s)) && r.uniform() >= 1 / 16) continue;
      return args;
    }
  },
  // the notebook's case (a middle key wins when flattening), sharpening, a tie (first index), and −1 three ways
  edge: [[[1, 1], [[3, 1], [1, 1], [-1, -1], [-3, -3]], 0.5], [[1, 1], [[3, 1], [1, 1], [-1, -1], [-3, -3]], 2],
    [[1, 0], [[2, 0], [2, 0], [0, 0]], 3], [[0, 0], [[1, 2], [3, 4]], 2], [[1, 2], [[1, 2]], 0.5], [[1, 2], [[1, 0], [0, 1]], 1]],
});
