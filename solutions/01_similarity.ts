// Exercises for notebook 01 · dot-product similarity. Plain arrays in, plain arrays out.
// Allowed imports: none — write these from scratch.

/**
 * 1.1 · dot (1 point). Return Σ a_i·b_i for two vectors of the same length.
 * Example: dot([1, 2, 3], [4, 5, 6]) → 32
 */
export function dot(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
  // END SOLUTION
}

/**
 * 1.2 · cosineSimilarity (1 point). Return a·b / (‖a‖·‖b‖). Inputs are never zero vectors.
 * Example: cosineSimilarity([1, 0], [1, 1]) → 0.7071…
 */
export function cosineSimilarity(a: number[], b: number[]): number {
  // BEGIN SOLUTION
  const norm = (v: number[]) => Math.sqrt(dot(v, v));
  return dot(a, b) / (norm(a) * norm(b));
  // END SOLUTION
}

/**
 * 1.3 · softmax (2 points). Row-wise softmax of a matrix (n × m). It must be numerically stable:
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
