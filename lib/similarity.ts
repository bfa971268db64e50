import { toVector } from "./matrix.js";

/**
 * Dot product Σ a_i b_i of two vectors of the same length: (d) · (d) → scalar.
 *
 * @example
 * dot([1, 2, 3], [4, 5, 6]); // => 32
 */
export function dot(a: number[], b: number[]): number {
  checkPair("dot", a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Cosine similarity a·b / (‖a‖‖b‖), in [−1, 1]: the dot product with length taken out.
 * Throws on a zero vector, whose direction is undefined.
 *
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // => 0.7071067811865475
 */
export function cosineSimilarity(a: number[], b: number[]): number {
  checkPair("cosineSimilarity", a, b);
  const sa = maxAbs(a), sb = maxAbs(b);
  if (sa === 0 || sb === 0) {
    const which = sa === 0 ? "a" : "b";
    throw new Error(`cosineSimilarity: ${which} is a zero vector (length ${a.length}); its direction is undefined`);
  }
  // Divide by the largest entry first so squares of huge or tiny entries neither overflow nor underflow.
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] / sa, y = b[i] / sb;
    ab += x * y; aa += x * x; bb += y * y;
  }
  // Clamp: rounding can push |cos| a hair past 1 for parallel vectors.
  return Math.max(-1, Math.min(1, ab / Math.sqrt(aa * bb)));
}

/** Euclidean length ‖a‖, scaled to avoid overflow for huge entries. `norm([3, 4])` → `5`. */
export function norm(a: number[]): number {
  const big = maxAbs(a);
  if (big === 0) return 0;
  let s = 0;
  for (const v of a) s += (v / big) * (v / big);
  return big * Math.sqrt(s);
}

function checkPair(fn: string, a: number[], b: number[]): void {
  toVector(a, fn, "a");
  toVector(b, fn, "b");
  if (a.length !== b.length) throw new Error(`${fn}: a has length ${a.length} but b has length ${b.length}`);
}

function maxAbs(a: number[]): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}
