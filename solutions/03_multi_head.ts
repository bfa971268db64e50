// Exercises for notebook 03 · multi-head attention. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose (matmul returns a Matrix: use .toArray()).
import { matmul, transpose } from "../lib/index.js";

/**
 * 3.1 · splitHeads (2 points). Split the columns of x (n × numHeads·dK) into numHeads consecutive slices:
 * return an array of numHeads matrices of shape n × dK.
 * Example: splitHeads([[1, 2, 3, 4]], 2) → [[[1, 2]], [[3, 4]]]
 */
export function splitHeads(x: number[][], numHeads: number): number[][][] {
  // BEGIN SOLUTION
  const dK = x[0].length / numHeads;
  return Array.from({ length: numHeads }, (_, h) => x.map((row) => row.slice(h * dK, (h + 1) * dK)));
  // END SOLUTION
}

/**
 * 3.2 · mergeHeads (1 point). The inverse of splitHeads: put the heads side by side (n × numHeads·dK).
 * Example: mergeHeads([[[1, 2]], [[3, 4]]]) → [[1, 2, 3, 4]]
 */
export function mergeHeads(heads: number[][][]): number[][] {
  // BEGIN SOLUTION
  return heads[0].map((_, i) => heads.flatMap((h) => h[i]));
  // END SOLUTION
}

/**
 * 3.3 · multiHeadAttention (3 points). Self-attention of x (n × dModel) with numHeads heads:
 * Q = x·W_Q, K = x·W_K, V = x·W_V (each dModel × dModel); head h uses columns [h·dK, (h+1)·dK) with
 * dK = dModel / numHeads and computes softmax(Q_h·K_hᵀ / √dK)·V_h; concatenate the heads in order and
 * return concat·W_O (n × dModel). No mask, no biases.
 */
export function multiHeadAttention(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }): number[][] {
  // BEGIN SOLUTION
  const [Q, K, V] = [p.wq, p.wk, p.wv].map((w) => splitHeads(matmul(x, w).toArray(), p.numHeads)); // numHeads × (n, dK)
  const dK = Q[0][0].length;
  const heads = Q.map((q, h) => {
    const w = matmul(q, transpose(K[h])).toArray().map((row) => {
      const s = row.map((v) => v / Math.sqrt(dK));
      const max = Math.max(...s);
      const e = s.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    }); // (n, n)
    return matmul(w, V[h]).toArray(); // (n, dK)
  });
  return matmul(mergeHeads(heads), p.wo).toArray(); // (n, dModel)
  // END SOLUTION
}

/**
 * 3.4 · positionalEncoding (2 points). The (length × dModel) sinusoidal encoding:
 * PE[p][2i] = sin(p / 10000^(2i/dModel)), PE[p][2i+1] = cos(p / 10000^(2i/dModel)).
 * Example: positionalEncoding(2, 2) → [[0, 1], [0.841…, 0.540…]]
 */
export function positionalEncoding(length: number, dModel: number): number[][] {
  // BEGIN SOLUTION
  return Array.from({ length }, (_, p) => Array.from({ length: dModel }, (_, c) => {
    const angle = p / Math.pow(10000, (c - (c % 2)) / dModel);
    return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  }));
  // END SOLUTION
}
