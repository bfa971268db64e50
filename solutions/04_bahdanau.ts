// Exercises for the seq2seq lesson (notebook 04 · Bahdanau attention). Plain arrays in, plain arrays out.
// Vectors are rows: a vector times a matrix is Σ_i v_i·W[i][j].
import { matmul } from "../lib/index.js";
import { exercise, lesson } from "../grader/spec/declare.js";
import { gruParams, int, mat, vec } from "../grader/spec/draw.js";
import { OVERFLOW } from "../grader/spec/hint_text.js";

lesson({ imports: ["Matrix", "matmul", "transpose"] });

const vecMat = (v: number[], w: number[][]) => matmul([v], w).toArray()[0];

/**
 * additiveScore. Bahdanau's score of one query against one key:
 * wv · tanh(query·W_q + key·W_k), with W_q (dQ × h), W_k (dK × h), wv of length h.
 */
export function additiveScore(query: number[], key: number[], wq: number[][], wk: number[][], wv: number[]): number {
  // BEGIN SOLUTION
  const a = vecMat(query, wq), b = vecMat(key, wk);
  return wv.reduce((s, w, t) => s + w * Math.tanh(a[t] + b[t]), 0);
  // END SOLUTION
}
exercise(additiveScore, {
  points: 2, title: "additive score",
  hint: { section: "Additive (Bahdanau) against multiplicative (Luong) scores",
    text: "wv · tanh(query·W_q + key·W_k): add the two projections before tanh, then take the dot product with wv" },
  draw: (r) => { const dQ = int(r, 1, 4), dK = int(r, 1, 4), h = int(r, 1, 5); return [vec(r, dQ), vec(r, dK), mat(r, dQ, h), mat(r, dK, h), vec(r, h)]; },
});

/**
 * bahdanauContext. Score the query against every row of keys (the encoder annotations)
 * with additiveScore, softmax the scores into weights, and return { weights, context } where
 * context = Σ_j weights[j]·keys[j] (the annotations are both keys and values).
 */
export function bahdanauContext(query: number[], keys: number[][], wq: number[][], wk: number[][], wv: number[]): { weights: number[]; context: number[] } {
  // BEGIN SOLUTION
  const scores = keys.map((k) => additiveScore(query, k, wq, wk, wv));
  const max = Math.max(...scores);
  const e = scores.map((s) => Math.exp(s - max));
  const sum = e.reduce((a, b) => a + b, 0);
  const weights = e.map((x) => x / sum);
  const context = keys[0].map((_, c) => keys.reduce((s, k, j) => s + weights[j] * k[c], 0));
  return { weights, context };
  // END SOLUTION
}
exercise(bahdanauContext, {
  points: 2, title: "Bahdanau context vector",
  hint: { section: "Additive (Bahdanau) against multiplicative (Luong) scores",
    text: "score every row of keys with additiveScore, softmax the scores into weights, context = Σ_j weights[j]·keys[j]",
    nonFinite: OVERFLOW },
  draw: (r) => { const dQ = int(r, 1, 4), dK = int(r, 1, 4), h = int(r, 1, 5); return [vec(r, dQ), mat(r, int(r, 1, 6), dK), mat(r, dQ, h), mat(r, dK, h), vec(r, h)]; },
});

/**
 * gruStep.
 * Recurrent mechanics, not attention. One GRU step for input x (dIn) and state h (dH), σ the logistic function:
 *   z = σ(x·W_z + h·U_z + b_z),  r = σ(x·W_r + h·U_r + b_r),
 *   h̃ = tanh(x·W_h + (r ⊙ h)·U_h + b_h),  h' = (1 − z) ⊙ h + z ⊙ h̃.
 * W_* are dIn × dH, U_* are dH × dH, b_* have length dH. Return h'.
 */
export function gruStep(x: number[], h: number[], p: { wz: number[][]; uz: number[][]; bz: number[]; wr: number[][]; ur: number[][]; br: number[]; wh: number[][]; uh: number[][]; bh: number[] }): number[] {
  // BEGIN SOLUTION
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const gate = (w: number[][], u: number[][], b: number[], state: number[]) => {
    const xw = vecMat(x, w), hu = vecMat(state, u);
    return b.map((bi, j) => xw[j] + hu[j] + bi);
  };
  const z = gate(p.wz, p.uz, p.bz, h).map(sigmoid);
  const r = gate(p.wr, p.ur, p.br, h).map(sigmoid);
  const hTilde = gate(p.wh, p.uh, p.bh, h.map((v, j) => r[j] * v)).map(Math.tanh);
  return h.map((v, j) => (1 - z[j]) * v + z[j] * hTilde[j]);
  // END SOLUTION
}
exercise(gruStep, {
  points: 3, title: "one GRU step", kind: "stretch",
  hint: { section: "One GRU step",
    text: "z and r read the old state h, h̃ reads (r ⊙ h)·U_h, and h' = (1 − z) ⊙ h + z ⊙ h̃ with σ(v) = 1 / (1 + e^(−v))" },
  draw: (r) => { const dIn = int(r, 1, 4), dH = int(r, 1, 4); return [vec(r, dIn), vec(r, dH), gruParams(r, dIn, dH)]; },
});

/**
 * softmaxBackward.
 * Given y = softmax(x) for one vector and the gradient dy of a loss with respect to y, return the gradient
 * with respect to x: dx_i = y_i · (dy_i − Σ_j dy_j·y_j).
 */
export function softmaxBackward(y: number[], dy: number[]): number[] {
  // BEGIN SOLUTION
  const s = dy.reduce((acc, d, j) => acc + d * y[j], 0);
  return y.map((yi, i) => yi * (dy[i] - s));
  // END SOLUTION
}
exercise(softmaxBackward, {
  points: 2, title: "softmax backward", kind: "stretch",
  hint: { section: "Softmax backward: the Jacobian",
    text: "dx_i = y_i · (dy_i − Σ_j dy_j·y_j): the sum is one number, shared by every i" },
  draw: (r) => { const x = vec(r, int(r, 1, 6), 3), e = x.map(Math.exp), s = e.reduce((a, b) => a + b, 0); return [e.map((v) => v / s), vec(r, x.length)]; },
});
