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

/**
 * 3.5 · offsetHead (2 points, design). Token i is x_i = [f_i, PE_i]: dWord word features, then PE_i, row i
 * of positionalEncoding(n, dPos) (3.4), as in the notebook's "Heads that look at different things".
 * Design a head: return W_Q and W_K, each (dWord + dPos) × dK for a dK of your choice (1 … 64), so that
 * self-attention softmax(Q·Kᵀ / √dK) with Q = x·W_Q, K = x·W_K gives every query i that has a token
 * i − offset a weight ≥ 0.9 on it, for n tokens and whatever their word features are. offset = 1 is a
 * previous-token head, offset = −1 a next-token head. Many answers are right: the grader checks the weights.
 */
export function offsetHead(n: number, dWord: number, dPos: number, offset: number): { wq: number[][]; wk: number[][] } {
  // BEGIN SOLUTION
  // K reads PE_j turned forward by `offset` steps (PE_(j+offset)); Q reads PE_i. Q·K peaks where i = j + offset.
  const d = dWord + dPos;
  const wq = Array.from({ length: d }, () => new Array<number>(dPos).fill(0));
  const wk = Array.from({ length: d }, () => new Array<number>(dPos).fill(0));
  const c = 1000; // sharp: for n ≤ 12, dPos ≥ 6 the right key beats the next by ≥ 0.078·c/√dPos in score
  for (let k = 0; 2 * k < dPos; k++) {
    const w = 1 / Math.pow(10000, (2 * k) / dPos), s = dWord + 2 * k; // column of sin(w·p); s + 1 holds cos(w·p)
    const [cb, sb] = [Math.cos(w * offset), Math.sin(w * offset)];
    wq[s][2 * k] = c; wq[s + 1][2 * k + 1] = c;
    // row vector [sin a, cos a] · [[cos b, −sin b], [sin b, cos b]] = [sin(a + b), cos(a + b)]
    wk[s][2 * k] = cb; wk[s][2 * k + 1] = -sb; wk[s + 1][2 * k] = sb; wk[s + 1][2 * k + 1] = cb;
  }
  return { wq, wk };
  // END SOLUTION
}

/**
 * 3.6 · positionHead (2 points, design). Same tokens as offsetHead. Return W_Q and W_K so that every query
 * gives the token at position `target` a weight ≥ 0.9 (target = 0 is a first-token head), for n tokens
 * and whatever their word features are. Hint: the query must be (almost) the same for every position, and
 * the keys must tell positions apart.
 */
export function positionHead(n: number, dWord: number, dPos: number, target: number): { wq: number[][]; wk: number[][] } {
  // BEGIN SOLUTION
  // The last column, cos(p / 10000^((dPos−2)/dPos)), turns so slowly that it is ≈ 1 for every position:
  // Q_i = c·(that column)·PE_target is almost the same for every i, and K_j = PE_j, so Q_i·K_j ∝ PE_target·PE_j.
  const d = dWord + dPos;
  const wq = Array.from({ length: d }, () => new Array<number>(dPos).fill(0));
  const wk = Array.from({ length: d }, () => new Array<number>(dPos).fill(0));
  const c = 1000; // as in offsetHead
  for (let col = 0; col < dPos; col++) {
    const w = 1 / Math.pow(10000, (col - (col % 2)) / dPos);
    wq[d - 1][col] = c * (col % 2 === 0 ? Math.sin(w * target) : Math.cos(w * target));
    wk[dWord + col][col] = 1;
  }
  return { wq, wk };
  // END SOLUTION
}

