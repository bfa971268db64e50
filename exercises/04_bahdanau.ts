// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/04_bahdanau.ts by `npm run generate`.)
// Exercises for the seq2seq lesson (notebook 04 · Bahdanau attention). Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose and translateWithAttention (matmul returns a Matrix: use .toArray()).
// Vectors are rows: a vector times a matrix is Σ_i v_i·W[i][j].
// 4.6 may use translateWithAttention: the exercise is the measurement, not the translator's forward pass.
import { matmul, translateWithAttention } from "../lib/index.js";

const vecMat = (v: number[], w: number[][]) => matmul([v], w).toArray()[0];

/**
 * 4.1 · additiveScore (2 points). Bahdanau's score of one query against one key:
 * wv · tanh(query·W_q + key·W_k), with W_q (dQ × h), W_k (dK × h), wv of length h.
 */
export function additiveScore(query: number[], key: number[], wq: number[][], wk: number[][], wv: number[]): number {
  throw new Error("not implemented yet: additiveScore (exercises/04_bahdanau.ts)");
}

/**
 * 4.2 · bahdanauContext (2 points). Score the query against every row of keys (the encoder annotations)
 * with additiveScore, softmax the scores into weights, and return { weights, context } where
 * context = Σ_j weights[j]·keys[j] (the annotations are both keys and values).
 */
export function bahdanauContext(query: number[], keys: number[][], wq: number[][], wk: number[][], wv: number[]): { weights: number[]; context: number[] } {
  throw new Error("not implemented yet: bahdanauContext (exercises/04_bahdanau.ts)");
}

/**
 * 4.3 · gruStep (3 points, stretch: its points are extra, added to your score but not to the maximum).
 * Recurrent mechanics, not attention. One GRU step for input x (dIn) and state h (dH), σ the logistic function:
 *   z = σ(x·W_z + h·U_z + b_z),  r = σ(x·W_r + h·U_r + b_r),
 *   h̃ = tanh(x·W_h + (r ⊙ h)·U_h + b_h),  h' = (1 − z) ⊙ h + z ⊙ h̃.
 * W_* are dIn × dH, U_* are dH × dH, b_* have length dH. Return h'.
 */
export function gruStep(x: number[], h: number[], p: { wz: number[][]; uz: number[][]; bz: number[]; wr: number[][]; ur: number[][]; br: number[]; wh: number[][]; uh: number[][]; bh: number[] }): number[] {
  throw new Error("not implemented yet: gruStep (exercises/04_bahdanau.ts)");
}

/**
 * 4.4 · softmaxBackward (2 points, stretch: its points are extra, added to your score but not to the maximum).
 * Given y = softmax(x) for one vector and the gradient dy of a loss with respect to y, return the gradient
 * with respect to x: dx_i = y_i · (dy_i − Σ_j dy_j·y_j).
 */
export function softmaxBackward(y: number[], dy: number[]): number[] {
  throw new Error("not implemented yet: softmaxBackward (exercises/04_bahdanau.ts)");
}

/**
 * 4.5 · fixAnnotations (2 points). Debug. A colleague's bidirectional encoder runs one GRU left to right over the n input
 * characters, keeping forward[j] (the state after reading x_0 … x_j), and another right to left, keeping its
 * states in the order it computed them: backward[k] is the state after reading x_(n−1) … x_(n−1−k). Then
 *   return forward.map((f, j) => [...f, ...backward[j]]);   // h_j = [forward ; backward]
 * Yet its h_j pairs the forward state after x_j with a backward state that has read another part of the text.
 * Find the bug and return the right annotations (n × 2d): h_j = [the forward state after x_j ; the backward
 * state after x_j], the text up to x_j and the text from x_j on.
 */
export function fixAnnotations(forward: number[][], backward: number[][]): number[][] {
  throw new Error("not implemented yet: fixAnnotations (exercises/04_bahdanau.ts)");
}

/** A translator as Seq2Seq.toJSON saves it (notebooks/data/date_translator*.json); pass it to translateWithAttention as it is. */
export interface SavedTranslator { config: { embed: number; encoder: number; decoder: number; attention: number; kind: "bahdanau" | "luong-dot" | "luong-general" }; params: Record<string, { rows: number; cols: number; data: number[] }> }
/** A date text and its ISO translation. */
export interface DatePair { human: string; iso: string }

/**
 * 4.6 · uniformAttention (2 points, interpretation). Ablate, then measure. translateWithAttention(model, texts, attend) translates like the
 * model (greedy), except that at every output step the context is mixed with attend(weights, step, text)
 * instead of the weights the model chose (weights: one per character of that text, summing to 1).
 * Return the share (0 … 1) of `pairs` whose human text the model translates exactly to its iso
 * { trained: with the model's own weights, uniform: with every weight 1/n over the text's n characters }.
 * The graded cases use tiny untrained translators; notebook 04 runs your answer on its two trained ones.
 */
export function uniformAttention(model: SavedTranslator, pairs: DatePair[]): { trained: number; uniform: number } {
  throw new Error("not implemented yet: uniformAttention (exercises/04_bahdanau.ts)");
}
