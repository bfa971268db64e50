// Exercises for notebook 03 · multi-head attention. Plain arrays in, plain arrays out.
import { matmul, multiHeadAttention as libMultiHead, transpose } from "../lib/index.js";
import { exercise, lesson } from "../grader/spec/declare.js";
import { int, mat, nonZero, pick } from "../grader/spec/draw.js";
import { checkOffsetHead, checkPositionHead } from "../grader/spec/head_check.js";
import { OVERFLOW } from "../grader/spec/hint_text.js";

lesson({ imports: ["Matrix", "matmul", "transpose"] });

/**
 * splitHeads. Split the columns of x (n × numHeads·dK) into numHeads consecutive slices:
 * return an array of numHeads matrices of shape n × dK.
 * Example: splitHeads([[1, 2, 3, 4]], 2) → [[[1, 2]], [[3, 4]]]
 */
export function splitHeads(x: number[][], numHeads: number): number[][][] {
  // BEGIN SOLUTION
  const dK = x[0].length / numHeads;
  return Array.from({ length: numHeads }, (_, h) => x.map((row) => row.slice(h * dK, (h + 1) * dK)));
  // END SOLUTION
}
exercise(splitHeads, {
  points: 2, title: "split heads",
  hint: { section: "Splitting $d_{model}$ into heads",
    text: "head h holds columns h·dK … (h+1)·dK − 1 of every row, with dK = columns / numHeads" },
  draw: (r) => { const h = int(r, 1, 4); return [mat(r, int(r, 1, 4), h * int(r, 1, 3)), h]; }, edge: [[[[1, 2, 3, 4]], 2]],
});

/**
 * mergeHeads. The inverse of splitHeads: put the heads side by side (n × numHeads·dK).
 * Example: mergeHeads([[[1, 2]], [[3, 4]]]) → [[1, 2, 3, 4]]
 */
export function mergeHeads(heads: number[][][]): number[][] {
  // BEGIN SOLUTION
  return heads[0].map((_, i) => heads.flatMap((h) => h[i]));
  // END SOLUTION
}
exercise(mergeHeads, {
  points: 1, title: "merge heads",
  hint: { section: "Concatenation and $W_O$",
    text: "row i of the result is row i of head 0, then row i of head 1, and so on, side by side" },
  draw: (r) => { const n = int(r, 1, 4), dK = int(r, 1, 3); return [Array.from({ length: int(r, 1, 4) }, () => mat(r, n, dK))]; },
});

/**
 * multiHeadAttention. Self-attention of x (n × dModel) with numHeads heads:
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
exercise(multiHeadAttention, {
  points: 3, title: "multi-head attention",
  hint: { section: "Concatenation and $W_O$",
    text: "project with W_Q, W_K, W_V, split the columns into heads, attend in each head with √dK (dK = dModel / numHeads), merge, then multiply by W_O",
    nonFinite: OVERFLOW },
  draw: (r) => { const h = int(r, 1, 3), d = h * int(r, 1, 3), n = int(r, 1, 5); return [mat(r, n, d), { numHeads: h, wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) }]; },
});/**
 * fixHeadScale. Debug. This multi-head layer's heads are all too flat; in each head it computes
 *   softmax(Q_h·K_hᵀ / Math.sqrt(dModel))·V_h   // dModel = the columns of x
 * Find the bug and return the right output for the same inputs as multiHeadAttention (you may call it).
 */
export function fixHeadScale(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }): number[][] {
  // BEGIN SOLUTION
  return multiHeadAttention(x, p); // each head scales by √dK, dK = dModel / numHeads: its own width
  // END SOLUTION
}
exercise(fixHeadScale, {
  points: 2, title: "debug: a head scaled by √d_model",
  hint: { section: "Concatenation and $W_O$",
    text: "a head's scores are dot products of dK = dModel / numHeads numbers, so divide by √dK, not √dModel; with one head both are the same" },
  draw: (r) => { const h = int(r, 2, 4), d = h * int(r, 1, 3), n = int(r, 2, 5); return [mat(r, n, d, 2), { numHeads: h, wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) }]; },
});



/**
 * positionalEncoding. The (length × dModel) sinusoidal encoding:
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
exercise(positionalEncoding, {
  points: 2, title: "positional encoding",
  hint: { section: "Sinusoidal positional encoding",
    text: "column 2i holds sin(p / 10000^(2i/dModel)) and column 2i+1 the cos of the same angle; positions p start at 0" },
  draw: (r) => [int(r, 1, 12), int(r, 1, 9)], edge: [[2, 2], [50, 16]],
});

/**
 * offsetHead. Token i is x_i = [f_i, PE_i]: dWord word features, then PE_i, row i
 * of positionalEncoding(n, dPos) (3.5), as in the notebook's "Heads that look at different things".
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
exercise(offsetHead, {
  points: 2, title: "a previous-token head, any offset", kind: "design",
  hint: { section: "Heads that look at different things",
    text: "leave the word features out (zero rows), let K read PE_j turned by `offset` steps (one 2 × 2 rotation per sin/cos pair) and Q read PE_i, then scale Q up until the softmax is sharp" },
  draw: (r) => [int(r, 4, 12), int(r, 1, 4), pick(r, [6, 8, 12, 16]), pick(r, [1, 1, 2, 3, -1, -2])], edge: [[9, 3, 8, 1], [9, 3, 8, -1]], check: checkOffsetHead,
});

/**
 * positionHead. Same tokens as offsetHead. Return W_Q and W_K so that every query
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
exercise(positionHead, {
  points: 2, title: "a first-token head, any position", kind: "design",
  hint: { section: "Heads that look at different things",
    text: "K_j = PE_j tells positions apart; the query must be the same for every i and point at PE_target: the last PE column is ≈ 1 at every position, so build Q from it, and scale it up" },
  draw: (r) => { const n = int(r, 4, 12); return [n, int(r, 1, 4), pick(r, [6, 8, 12, 16]), r.uniform() < 0.5 ? 0 : r.int(n)]; }, edge: [[9, 3, 8, 0], [9, 3, 8, 8]], check: checkPositionHead,
});


/**
 * headsThatChange. Predict, then run (notebook 03, "Predict, then run: which heads notice a shift?"): commit
 * to your prediction there before you run the cell, then write it here as a rule for any layer. Tokens x
 * (n × dIn) go through a multi-head layer whose W_Q and W_K (each dIn × numHeads·dK) give head h the weights
 * softmax(Q_h·K_hᵀ / √dK), Q_h and K_h columns [h·dK, (h+1)·dK) of x·W_Q and x·W_K. Now add the same vector
 * delta (dIn numbers) to every token. Return one boolean per head: true when some weight of that head moves by
 * more than 1e-9, false when none does.
 * Example: headsThatChange([[1, 0], [0, 1]], { numHeads: 2, wq: [[1, 0], [0, 1]], wk: [[0, 1], [1, 1]] }, [1, 0])
 *   → [true, false]
 */
export function headsThatChange(x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][] }, delta: number[]): boolean[] {
  // BEGIN SOLUTION
  const headWeights = (tokens: number[][]) => { // numHeads × (n, n)
    const [Q, K] = [p.wq, p.wk].map((w) => splitHeads(matmul(tokens, w).toArray(), p.numHeads));
    return Q.map((q, h) => matmul(q, transpose(K[h])).toArray().map((row) => {
      const s = row.map((v) => v / Math.sqrt(q[0].length)), top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top)), sum = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / sum);
    }));
  };
  const before = headWeights(x), after = headWeights(x.map((row) => row.map((v, c) => v + delta[c])));
  // a shift every key shares adds one number to a whole row of scores, which the softmax ignores: only a
  // change of the queries (delta·W_Q^h ≠ 0) can move a head's weights
  return before.map((w, h) => w.some((row, i) => row.some((v, j) => Math.abs(after[h][i][j] - v) > 1e-9)));
  // END SOLUTION
}
/** By how much each head's weights move at most (lib's multiHeadAttention, not the reference): to keep drawn cases clear of 1e-9. */
const largestMoves = (x: number[][], p: { numHeads: number; wq: number[][]; wk: number[][] }, delta: number[]) => {
  const eye = p.wq[0].map((_, i) => p.wq[0].map((_, j) => (i === j ? 1 : 0)));
  const weights = (t: number[][]) => libMultiHead(t, t, t, { ...p, wv: p.wq, wo: eye }).weights;
  const [before, after] = [weights(x), weights(x.map((row) => row.map((v, c) => v + delta[c])))];
  return before.map((w, h) => Math.max(...w.data.map((v, i) => Math.abs(after[h].data[i] - v))));
};
/** `w` with the columns from..to−1 made orthogonal to `d`: d·W then reads nothing of them. */
const blind = (w: number[][], d: number[], from: number, to: number) => {
  const dd = d.reduce((s, v) => s + v * v, 0);
  for (let c = from; c < to; c++) {
    const along = w.reduce((s, row, i) => s + row[c] * d[i], 0) / dd;
    w.forEach((row, i) => { row[c] -= along * d[i]; });
  }
};
exercise(headsThatChange, {
  points: 2, title: "predict, then run: which heads notice a shift", kind: "predict",
  hint: { section: "Predict, then run: which heads notice a shift?",
    text: "compute each head's weights for x and for x with delta added to every row; a head whose keys all move by the same delta·W_K^h keeps its weights (softmax ignores what a whole row of scores gains), so only heads whose queries move (delta·W_Q^h ≠ 0) can change" },
  draw: (r) => {
    for (;;) { // each head plain, blind to delta in its queries (it keeps its weights) or in its keys (it does not)
      const h = int(r, 1, 4), dK = int(r, 1, 3), dIn = int(r, 2, 6), n = int(r, 2, 5);
      const p = { numHeads: h, wq: mat(r, dIn, h * dK), wk: mat(r, dIn, h * dK) }, x = mat(r, n, dIn), delta = nonZero(r, dIn);
      const seen = new Set<string>();
      for (let head = 0; head < h; head++) {
        const which = pick(r, ["plain", "queries", "keys"]);
        if (which !== "plain") blind(which === "queries" ? p.wq : p.wk, delta, head * dK, (head + 1) * dK);
        seen.add(which);
      }
      // 3 in 4 layers without a query-blind head (which keeps) or without a key-blind one (which changes) are
      // redrawn: "every head true" and "true when both its queries and keys move" passed 2% of submissions
      if ((!seen.has("queries") && r.uniform() < 0.75) || (!seen.has("keys") && r.uniform() < 0.75)) continue;
      if (largestMoves(x, p, delta).every((m) => m < 1e-12 || m > 1e-6)) return [x, p, delta];
    }
  },
  // the doc's example; a query-blind head (keeps) beside a key-blind one (changes); one token; no shift; identical tokens (uniform weights stay)
  edge: [[[[1, 0], [0, 1]], { numHeads: 2, wq: [[1, 0], [0, 1]], wk: [[0, 1], [1, 1]] }, [1, 0]],
    [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], { numHeads: 2, wq: [[0, 1], [1, 0], [0, 1]], wk: [[1, 0], [1, 1], [0, 1]] }, [1, 0, 0]],
    [[[1, 2]], { numHeads: 1, wq: [[1], [1]], wk: [[1], [-1]] }, [3, 1]],
    [[[1, 2], [3, 4]], { numHeads: 2, wq: [[1, 0], [0, 1]], wk: [[1, 0], [0, 1]] }, [0, 0]],
    [[[1, 2], [1, 2], [1, 2]], { numHeads: 1, wq: [[1], [2]], wk: [[2], [1]] }, [1, -1]]],
});
