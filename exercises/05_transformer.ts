// Your exercise file: replace each `throw new Error("not implemented yet: …")` with your code.
// Check your work with `npm run grade`. (Generated from solutions/05_transformer.ts by `npm run generate`.)
// Exercises for notebook 05 · the Transformer. Plain arrays in, plain arrays out.
// Allowed imports from "../lib/index.js": Matrix, matmul, transpose and multiHeadAttention (matmul returns a Matrix: use .toArray()).
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
/** One layer norm's scale and shift, each of length d (eps is always 1e-5 in 5.2, 5.3 and 5.6). */
export interface Norm { gamma: number[]; beta: number[] }

/**
 * 5.1 · layerNorm (2 points). For every row of x (n × d) on its own: subtract the row's mean, divide by
 * √(variance + eps) with the biased variance (divide by d, not d − 1), then multiply column j by gamma[j] and
 * add beta[j]. Rows near 1e4 with a spread of 1 must come out right: compute the mean first, then the
 * squared deviations from it (not mean(x²) − mean(x)²).
 * Example: layerNorm([[1, 3]], [1, 1], [0, 0], 0) → [[-1, 1]]
 */
export function layerNorm(x: number[][], gamma: number[], beta: number[], eps: number): number[][] {
  throw new Error("not implemented yet: layerNorm (exercises/05_transformer.ts)");
}

/**
 * 5.2 · encoderBlock (3 points). One post-norm Transformer encoder layer on x (n × d), eps = 1e-5:
 *   h = LayerNorm1(x + MultiHead(x, x, x)),   out = LayerNorm2(h + FFN(h)),
 * where FFN(h) = relu(h·w1 + b1)·w2 + b2 acts on every row alone. No mask. Return out (n × d).
 */
export function encoderBlock(x: number[][], p: { attn: Heads; ffn: Ffn; norm1: Norm; norm2: Norm }): number[][] {
  throw new Error("not implemented yet: encoderBlock (exercises/05_transformer.ts)");
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
  throw new Error("not implemented yet: decoderStep (exercises/05_transformer.ts)");
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
  throw new Error("not implemented yet: dayHead (exercises/05_transformer.ts)");
}

/** Multi-head parameters with their biases, as a trained layer has them: bq, bk, bv, bo (each of length d). */
export interface HeadsWithBias extends Heads { bq: number[]; bk: number[]; bv: number[]; bo: number[] }

/**
 * 5.5 · fixSilencedHead (2 points). Debug. The notebook's intervention silences one cross-attention head to see what the model
 * loses without it. This version was meant to return MultiHead(q, kv, kv) with head `head` silenced (nothing it
 * reads reaches the output; the other heads unchanged):
 *   dK = d / numHeads; cols = head·dK … (head + 1)·dK − 1            // the head's slice
 *   wq, wk = copies of p.wq, p.wk with those columns set to 0
 *   return multiHeadAttention(q, kv, kv, { ...p, wq, wk }).output
 * Yet the output still carries what the head reads from kv. Find why, and return the output (nQ × d) of the
 * truly silenced head, biases included (multiHeadAttention takes p with its biases as it is).
 */
export function fixSilencedHead(q: number[][], kv: number[][], p: HeadsWithBias, head: number): number[][] {
  throw new Error("not implemented yet: fixSilencedHead (exercises/05_transformer.ts)");
}

/** One trained decoder layer: 5.3's layer with biased heads. */
export interface DecoderLayer { selfAttn: HeadsWithBias; crossAttn: HeadsWithBias; ffn: Ffn; norm1: Norm; norm2: Norm; norm3: Norm }

/**
 * 5.6 · ablationDrop (3 points, interpretation). Ablate, then measure. A decoder under teacher forcing: y (n × d) holds its n input rows (START
 * and the right characters before each position, embedded, positions added), memory (m × d) the encoder's
 * output. Run y through every layer of `layers` in turn (each one is 5.3's post-norm decoder layer, for all n
 * rows, eps = 1e-5), then logits = h·out.w + out.b (n × V). targets[i] (0 … V − 1) is the character row i
 * must write, and log p_i the log-softmax of row i of the logits at targets[i].
 * Return, for every row i, log p_i of the whole model minus log p_i with cross-attention head `head` of layer
 * `layer` silenced as in 5.5 (the later layers still run). Positive: the head helped write character i.
 */
export function ablationDrop(y: number[][], memory: number[][], layers: DecoderLayer[], out: { w: number[][]; b: number[] },
  targets: number[], layer: number, head: number): number[] {
  throw new Error("not implemented yet: ablationDrop (exercises/05_transformer.ts)");
}
