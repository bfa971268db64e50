// Exercises for notebook 05 · the Transformer. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose and multiHeadAttention.
// Why multiHeadAttention: you wrote it in exercise 3.3 and it was graded there. Here the new ideas are the
// wiring around it: residual connections, where the layer norm sits, the feed-forward layer, the causal
// mask and cross-attention. Its result is { output: Matrix; weights: Matrix[] }, and
// multiHeadAttention(q, k, v, p, { causal: true }) lets query i see keys j ≤ i only.
// layerNorm and the Transformer layers of lib are not allowed: 5.1–5.3 ask you to build them.
import { matmul, multiHeadAttention } from "../lib/index.js";

/** Multi-head parameters as lib takes them (paper layout: Q = x·wq), without biases. */
export interface Heads { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }
/** Feed-forward parameters: w1 (d × dFF), b1 (dFF), w2 (dFF × d), b2 (d). */
export interface Ffn { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] }
/** One layer norm's scale and shift, each of length d (eps is always 1e-5 in 5.2 and 5.3). */
export interface Norm { gamma: number[]; beta: number[] }

/**
 * 5.1 · layerNorm (2 points). For every row of x (n × d) on its own: subtract the row's mean, divide by
 * √(variance + eps) with the biased variance (divide by d, not d − 1), then multiply column j by gamma[j] and
 * add beta[j]. Rows near 1e4 with a spread of 1 must come out right: compute the mean first, then the
 * squared deviations from it (not mean(x²) − mean(x)²).
 * Example: layerNorm([[1, 3]], [1, 1], [0, 0], 0) → [[-1, 1]]
 */
export function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  // BEGIN SOLUTION
  return x.map((row) => {
    const d = row.length;
    const mean = row.reduce((s, v) => s + v, 0) / d;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / d;
    const inv = 1 / Math.sqrt(variance + eps);
    return row.map((v, j) => (v - mean) * inv * gamma[j] + beta[j]);
  });
  // END SOLUTION
}

/**
 * 5.2 · encoderBlock (3 points). One post-norm Transformer encoder layer on x (n × d), eps = 1e-5:
 *   h = LayerNorm1(x + MultiHead(x, x, x)),   out = LayerNorm2(h + FFN(h)),
 * where FFN(h) = relu(h·w1 + b1)·w2 + b2 acts on every row alone. No mask. Return out (n × d).
 */
export function encoderBlock(x: number[][], p: { attn: Heads; ffn: Ffn; norm1: Norm; norm2: Norm }): number[][] {
  // BEGIN SOLUTION
  const add = (a: number[][], b: number[][]) => a.map((row, i) => row.map((v, j) => v + b[i][j]));
  const ffn = (h: number[][]) => {
    const hidden = matmul(h, p.ffn.w1).toArray().map((row) => row.map((v, j) => Math.max(0, v + p.ffn.b1[j]))); // (n, dFF)
    return matmul(hidden, p.ffn.w2).toArray().map((row) => row.map((v, j) => v + p.ffn.b2[j])); // (n, d)
  };
  const attn = multiHeadAttention(x, x, x, p.attn).output.toArray(); // (n, d)
  const h = layerNorm(add(x, attn), p.norm1.gamma, p.norm1.beta, 1e-5); // (n, d)
  return layerNorm(add(h, ffn(h)), p.norm2.gamma, p.norm2.beta, 1e-5); // (n, d)
  // END SOLUTION
}

/**
 * 5.3 · decoderStep (3 points). A post-norm Transformer decoder layer writes position t of its output
 * (0 ≤ t < n) from the target rows x (n × d) and the encoder's output memory (m × d), eps = 1e-5:
 *   h1 = LayerNorm1(x + CausalSelfAttention(x)),   h2 = LayerNorm2(h1 + MultiHead(h1, memory, memory)),
 *   out = LayerNorm3(h2 + FFN(h2)).
 * Causal: position i sees positions j ≤ i only, so row t must not depend on the rows after t.
 * Return row t of out (length d).
 */
export function decoderStep(x: number[][], memory: number[][], t: number,
  p: { selfAttn: Heads; crossAttn: Heads; ffn: Ffn; norm1: Norm; norm2: Norm; norm3: Norm }): number[] {
  // BEGIN SOLUTION
  const prefix = x.slice(0, t + 1); // (t + 1, d): what position t may see
  const add = (a: number[][], b: number[][]) => a.map((row, i) => row.map((v, j) => v + b[i][j]));
  const self = multiHeadAttention(prefix, prefix, prefix, p.selfAttn, { causal: true }).output.toArray();
  const h1 = layerNorm(add(prefix, self), p.norm1.gamma, p.norm1.beta, 1e-5); // (t + 1, d)
  const cross = multiHeadAttention(h1, memory, memory, p.crossAttn).output.toArray(); // (t + 1, d)
  const h2 = layerNorm(add(h1, cross), p.norm2.gamma, p.norm2.beta, 1e-5); // (t + 1, d)
  const hidden = matmul(h2, p.ffn.w1).toArray().map((row) => row.map((v, j) => Math.max(0, v + p.ffn.b1[j])));
  const ffn = matmul(hidden, p.ffn.w2).toArray().map((row) => row.map((v, j) => v + p.ffn.b2[j])); // (t + 1, d)
  return layerNorm(add(h2, ffn), p.norm3.gamma, p.norm3.beta, 1e-5)[t];
  // END SOLUTION
}

/**
 * 5.4 · dayHead (2 points, interpretation). crossWeights[layer][head] is one cross-attention head of a date
 * translator: 10 rows, one per output character of "YYYY-MM-DD", and one column per character of `text`
 * (each row sums to 1). The output's day digits are rows 8 and 9. The input's day digits are the characters
 * of the day's field, where fields are separated by " ", "/" or ".": in a text with "/" (month/day/year) the
 * day is the second field; in a text with a letter (a month name) it is the field of one or two digits;
 * otherwise (day first) it is the first field.
 * Return the head that puts the most weight on the input's day digits when writing rows 8 and 9: the
 * largest sum of crossWeights[layer][head][i][j] over i ∈ {8, 9} and the day's columns j.
 * Example: for "5 mar 1979" the day is column 0; a head whose rows 8 and 9 put 0.9 on column 0 beats one that
 * puts 0.5 there.
 */
export function dayHead(crossWeights: number[][][][], text: string): { layer: number; head: number } {
  // BEGIN SOLUTION
  const fields: { start: number; end: number }[] = []; // [start, end) of each field
  let start = 0;
  for (let j = 0; j <= text.length; j++) {
    if (j === text.length || /[ /.]/.test(text[j])) { fields.push({ start, end: j }); start = j + 1; }
  }
  const day = text.includes("/") ? fields[1]
    : /[a-z]/i.test(text) ? fields.find((f) => /^\d{1,2}$/.test(text.slice(f.start, f.end)))!
      : fields[0];
  let best = { layer: 0, head: 0 }, bestWeight = -Infinity;
  crossWeights.forEach((heads, layer) => heads.forEach((w, head) => {
    let s = 0;
    for (const i of [8, 9]) for (let j = day.start; j < day.end; j++) s += w[i][j];
    if (s > bestWeight) { bestWeight = s; best = { layer, head }; }
  }));
  return best;
  // END SOLUTION
}
