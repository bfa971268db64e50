// Exercises for notebook 00 · attention as a soft lookup. Plain arrays in, plain arrays out.
import { exercise, lesson } from "../grader/spec/declare.js";
import { int, mat, pick, vec } from "../grader/spec/draw.js";

lesson({ imports: [] });

/**
 * softLookup. A dictionary lookup made soft: score the query against every key with the
 * dot product, divide by the temperature, softmax the scores into weights, and return the weighted mix of
 * the values, Σ_i w_i·values[i] (a vector as long as one value). keys: n × d, values: n × dV, temperature > 0.
 * Stable: subtract the largest scaled score before exp (a temperature of 1e-6 must not give NaN).
 * Example: softLookup([1, 0], [[1, 0], [0, 1]], [[10], [20]], 1) → [12.689…]
 */
export function softLookup(query: number[], keys: number[][], values: number[][], temperature: number): number[] {
  // BEGIN SOLUTION
  const scores = keys.map((k) => k.reduce((s, kj, j) => s + kj * query[j], 0) / temperature);
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return values[0].map((_, c) => values.reduce((s, v, i) => s + (e[i] / sum) * v[c], 0));
  // END SOLUTION
}
exercise(softLookup, {
  points: 2, title: "soft dictionary lookup",
  hint: { section: "A dictionary lookup, made soft",
    text: "score_i = query·keys[i] / temperature, weights = softmax of the scores (they sum to 1), result = Σ_i weights[i]·values[i], one number per column of values",
    nonFinite: "a small temperature makes the scores huge and `exp` overflows: subtract the largest score before `exp`" },
  draw: (r) => { const n = int(r, 1, 5), d = int(r, 1, 4); return [vec(r, d, 2), mat(r, n, d, 2), mat(r, n, int(r, 1, 3), 5), pick(r, [0.1, 0.5, 1, 2])]; }, edge: [[[1, 0], [[1, 0], [0, 1]], [[10], [20]], 1], [[1, 0], [[1, 0], [0, 1], [-1, 0]], [[10, 1], [20, 2], [30, 3]], 1e-6]],
});

/**
 * nadarayaWatson. Kernel regression as attention: for each query x in xQuery, the weights
 * are softmax_i(−(x − xTrain[i])² / (2·bandwidth²)) and the estimate is Σ_i w_i·yTrain[i]. Return one
 * estimate per query. Stable: a query far from every training point (all kernels underflow to 0 when
 * computed naively) still gets the y of its nearest training points.
 * Example: nadarayaWatson([0, 1], [0, 10], [0.5], 1) → [5]
 */
export function nadarayaWatson(xTrain: number[], yTrain: number[], xQuery: number[], bandwidth: number): number[] {
  // BEGIN SOLUTION
  return xQuery.map((x) => {
    const scores = xTrain.map((xi) => -((x - xi) ** 2) / (2 * bandwidth ** 2));
    const max = Math.max(...scores);
    const e = scores.map((s) => Math.exp(s - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.reduce((s, w, i) => s + (w / sum) * yTrain[i], 0);
  });
  // END SOLUTION
}
exercise(nadarayaWatson, {
  points: 2, title: "Nadaraya–Watson kernel regression",
  hint: { section: "The oldest attention: Nadaraya–Watson kernel regression",
    text: "for each query x: score_i = −(x − xTrain[i])² / (2·bandwidth²), weights = softmax of the scores, estimate = Σ_i weights[i]·yTrain[i]",
    nonFinite: "far from every training point all e^score underflow to 0 and 0/0 = NaN: subtract the largest score (the nearest point's) before `exp`" },
  draw: (r) => { const n = int(r, 1, 8); return [vec(r, n, 5), vec(r, n, 3), vec(r, int(r, 1, 5), 6), pick(r, [0.2, 0.5, 1, 2])]; }, edge: [[[0, 1], [0, 10], [0.5], 1], [[0, 1, 2], [1, 2, 3], [100, -50], 0.1]],
});
