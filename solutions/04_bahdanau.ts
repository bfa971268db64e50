// Exercises for the seq2seq lesson (notebook 04 · Bahdanau attention). Plain arrays in, plain arrays out.
// Vectors are rows: a vector times a matrix is Σ_i v_i·W[i][j].
// 4.6 may use translateWithAttention: the exercise is the measurement, not the translator's forward pass.
import { matmul, Rng, Seq2Seq, translateWithAttention } from "../lib/index.js";
import { datePairs } from "../lib/seq2seq/dates.js";
import { exercise, lesson } from "../grader/spec/declare.js";
import { gruParams, int, mat, pick, vec } from "../grader/spec/draw.js";
import { OVERFLOW } from "../grader/spec/hint_text.js";

lesson({ imports: ["Matrix", "matmul", "transpose", "translateWithAttention"] });

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

/**
 * fixAnnotations. Debug. A colleague's bidirectional encoder runs one GRU left to right over the n input
 * characters, keeping forward[j] (the state after reading x_0 … x_j), and another right to left, keeping its
 * states in the order it computed them: backward[k] is the state after reading x_(n−1) … x_(n−1−k). Then
 *   return forward.map((f, j) => [...f, ...backward[j]]);   // h_j = [forward ; backward]
 * Yet its h_j pairs the forward state after x_j with a backward state that has read another part of the text.
 * Find the bug and return the right annotations (n × 2d): h_j = [the forward state after x_j ; the backward
 * state after x_j], the text up to x_j and the text from x_j on.
 */
export function fixAnnotations(forward: number[][], backward: number[][]): number[][] {
  // BEGIN SOLUTION
  // the backward run reached x_j at its step n − 1 − j: its list is reversed against the positions
  const n = forward.length;
  return forward.map((f, j) => [...f, ...backward[n - 1 - j]]); // (n, 2d)
  // END SOLUTION
}
exercise(fixAnnotations, {
  points: 2, title: "debug: annotations out of order",
  hint: { section: "The model",
    text: "backward[k] was computed after reading x_(n−1) … x_(n−1−k), so the state that has just read x_j is backward[n − 1 − j], not backward[j]: pair forward[j] with backward[n − 1 − j]" },
  draw: (r) => { const n = int(r, 2, 7), d = int(r, 1, 4); return [mat(r, n, d), mat(r, n, d)]; },
  edge: [[[[1], [2], [3]], [[30], [20], [10]]], [[[1, 2]], [[3, 4]]]],
});

/** A translator as Seq2Seq.toJSON saves it (notebooks/data/date_translator*.json); pass it to translateWithAttention as it is. */
export interface SavedTranslator { config: { embed: number; encoder: number; decoder: number; attention: number; kind: "bahdanau" | "luong-dot" | "luong-general" }; params: Record<string, { rows: number; cols: number; data: number[] }> }
/** A date text and its ISO translation. */
export interface DatePair { human: string; iso: string }

/**
 * uniformAttention. Ablate, then measure. translateWithAttention(model, texts, attend) translates like the
 * model (greedy), except that at every output step the context is mixed with attend(weights, step, text)
 * instead of the weights the model chose (weights: one per character of that text, summing to 1).
 * Return the share (0 … 1) of `pairs` whose human text the model translates exactly to its iso
 * { trained: with the model's own weights, uniform: with every weight 1/n over the text's n characters }.
 * The graded cases use tiny untrained translators; notebook 04 runs your answer on its two trained ones.
 */
export function uniformAttention(model: SavedTranslator, pairs: DatePair[]): { trained: number; uniform: number } {
  // BEGIN SOLUTION
  const texts = pairs.map((p) => p.human);
  const share = (isos: string[]) => isos.filter((iso, i) => iso === pairs[i].iso).length / pairs.length;
  const trained = translateWithAttention(model, texts).map((t) => t.iso);
  const uniform = translateWithAttention(model, texts, (w) => w.map(() => 1 / w.length)).map((t) => t.iso);
  return { trained: share(trained), uniform: share(uniform) };
  // END SOLUTION
}
/**
 * A tiny untrained translator (cheap: the shipped ones need more memory than the grader's sandbox allows) and
 * 3–8 dates whose iso is, for each date, what it writes with its own weights (`own`), what it writes with
 * uniform ones (`flat`) or the true date; drawn at random unless `isos` says which.
 */
function uniformCase(r: Rng, isos?: "own" | "flat"): unknown[] {
  for (;;) {
    const kind = pick<SavedTranslator["config"]["kind"]>(r, ["bahdanau", "luong-dot", "luong-general"]), encoder = int(r, 1, 3);
    const model = new Seq2Seq({ embed: int(r, 1, 3), encoder, decoder: kind === "luong-dot" ? 2 * encoder : int(r, 1, 4), attention: int(r, 1, 3), kind }, r);
    // ×3: an untrained model's weights are nearly uniform already; sharper, its two translations differ more often
    for (const p of Object.values(model.params)) p.value.data.forEach((v, i, a) => { a[i] = 3 * v; });
    const dates = datePairs(int(r, 3, 8), { rng: r }), texts = dates.map((p) => p.human);
    const own = translateWithAttention(model, texts), flat = translateWithAttention(model, texts, (w) => w.map(() => 1 / w.length));
    const pairs = (iso: (i: number) => string) => [model.toJSON(), dates.map((p, i) => ({ human: p.human, iso: iso(i) }))];
    if (isos) return pairs((i) => (isos === "own" ? own[i] : flat[i]).iso);
    // Weights that do not sum to 1 (1/(n+1), 1/longest text) must not pass by luck: keep a case where such a
    // weight writes another iso than uniform on some text whose iso is the uniform one (the attack found 5.5 %).
    const T = Math.max(...texts.map((t) => t.length));
    const off = [(w: number[]) => w.map(() => 1 / (w.length + 1)), (w: number[]) => w.map(() => 1 / T)].map((a) => translateWithAttention(model, texts, a));
    const tells = off.map((o) => texts.findIndex((_, i) => o[i].iso !== flat[i].iso));
    if (tells.some((i) => i < 0)) continue;
    return pairs((i) => (tells.includes(i) ? flat[i].iso : [own[i].iso, flat[i].iso, dates[i].iso][r.int(3)]));
  }
}
exercise(uniformAttention, {
  points: 2, title: "what the attention contributes", kind: "interpretation",
  hint: { section: "What the attention contributes",
    text: "translate all the texts twice with translateWithAttention: once without attend (the model's weights), once with attend = (w) => w.map(() => 1 / w.length); each share is the number of exact isos over pairs.length" },
  draw: (r) => uniformCase(r),
  // every iso the model's own translation (trained = 1), then every iso its translation with uniform weights
  edge: () => [uniformCase(new Rng(4061), "own"), uniformCase(new Rng(4064), "flat")],
});
