// Exercises for notebook 01 · dot-product similarity. Plain arrays in, plain arrays out.
import { exercise, lesson } from "../grader/spec/declare.js";
import { int, mat, nonZero, vec } from "../grader/spec/draw.js";
import { OVERFLOW } from "../grader/spec/hint_text.js";

lesson({ imports: [] });

/**
 * dot. Return Σ a_i·b_i for two vectors of the same length.
 * Example: dot([1, 2, 3], [4, 5, 6]) → 32
 */
export function dot(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
  // END SOLUTION
}
exercise(dot, {
  points: 1, title: "dot product",
  hint: { section: "Two ways to score",
    text: "multiply the entries pair by pair and add the products: Σ a_i·b_i is one number" },
  draw: (r) => { const n = int(r, 1, 6); return [vec(r, n), vec(r, n)]; }, edge: [[[1, 2, 3], [4, 5, 6]]],
});

/**
 * cosineSimilarity. Return a·b / (‖a‖·‖b‖). Inputs are never zero vectors.
 * Example: cosineSimilarity([1, 0], [1, 1]) → 0.7071…
 */
export function cosineSimilarity(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  const norm = (v: number[]) => Math.sqrt(dot(v, v));
  return dot(a, b) / (norm(a) * norm(b));
  // END SOLUTION
}
exercise(cosineSimilarity, {
  points: 1, title: "cosine similarity",
  hint: { section: "Two ways to score",
    text: "divide a·b by the product of the two lengths, ‖a‖ = √(a·a) and ‖b‖ = √(b·b)",
    nonFinite: "NaN or Infinity means a division by zero: the inputs are never zero vectors, so check the lengths √(a·a) and √(b·b)" },
  draw: (r) => { const n = int(r, 1, 6); return [nonZero(r, n), nonZero(r, n)]; }, edge: [[[1, 0], [1, 1]], [[3, 4], [-6, -8]]],
});

/**
 * softmax. Row-wise softmax of a matrix (n × m). It must be numerically stable:
 * entries of ±1e4 must not give NaN or Infinity (subtract each row's maximum first).
 * Example: softmax([[1, 2, 3]]) → [[0.090…, 0.244…, 0.665…]]
 */
export function softmax(x: number[][]): number[][] {
  // BEGIN SOLUTION
  return x.map((row) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    return e.map((v) => v / sum);
  });
  // END SOLUTION
}
exercise(softmax, {
  points: 2, title: "stable softmax",
  hint: { section: "From scores to weights: softmax",
    text: "each row on its own: e^x divided by the sum of that row's e^x, so every row sums to 1", nonFinite: OVERFLOW },
  draw: (r) => [mat(r, int(r, 1, 4), int(r, 1, 6), 5)], edge: [[[[1, 2, 3]]], [[[1e4, -1e4], [1e4, 1e4]]]],
});
