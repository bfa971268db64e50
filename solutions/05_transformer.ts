// Exercises for notebook 05 · the Transformer. Plain arrays in, plain arrays out.
// Why multiHeadAttention: you wrote it in exercise 3.3 and it was graded there. Here the new ideas are the
// wiring around it: residual connections, where the layer norm sits, the feed-forward layer, the causal
// mask and cross-attention. Its result is { output: Matrix; weights: Matrix[] }, and
// multiHeadAttention(q, k, v, p, { causal: true }) lets query i see keys j ≤ i only.
// layerNorm and the Transformer layers of lib are not allowed: 5.1–5.3 ask you to build them.
import { matmul, multiHeadAttention, type Rng } from "../lib/index.js";
import { datePairs } from "../lib/seq2seq/dates.js";
import { exercise, lesson } from "../grader/spec/declare.js";
import { ffn as drawFfn, heads as drawHeads, int, layerSize, mat, norm as drawNorm, pick, vec } from "../grader/spec/draw.js";

// multiHeadAttention was graded in 03; 05 grades the wiring around it
lesson({ imports: ["Matrix", "matmul", "transpose", "multiHeadAttention"] });

/** Multi-head parameters as lib takes them (paper layout: Q = x·wq), without biases. */
export interface Heads { numHeads: number; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][] }
/** Feed-forward parameters: w1 (d × dFF), b1 (dFF), w2 (dFF × d), b2 (d). */
export interface Ffn { w1: number[][]; b1: number[]; w2: number[][]; b2: number[] }
/** One layer norm's scale and shift, each of length d (eps is always 1e-5 in 5.2, 5.3 and 5.6). */
export interface Norm { gamma: number[]; beta: number[] }

/**
 * layerNorm. For every row of x (n × d) on its own: subtract the row's mean, divide by
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
exercise(layerNorm, {
  points: 2, title: "layer norm",
  hint: { section: "Residual connections and layer norm",
    text: "each row alone: mean first, then the mean of the squared deviations (divide by d, not d − 1); (x − mean) / √(variance + eps), then · gamma[j] + beta[j]" },
  draw: (r) => { const d = int(r, 1, 6), shift = pick(r, [0, 0, 1e4, -1e4]), g = drawNorm(r, d); return [mat(r, int(r, 1, 4), d, 3).map((row) => row.map((v) => v + shift)), g.gamma, g.beta, pick(r, [1e-5, 1e-3, 0.1, 1])]; }, edge: [[[[1, 3]], [1, 1], [0, 0], 0], [[[2, 2, 2], [1, 2, 4]], [1, 2, 3], [0.5, 0, -0.5], 1e-5], [[[10000.1, 10000.4, 9999.3, 10001.7]], [1, 1, 1, 1], [0, 0, 0, 0], 1e-5]],
});

/**
 * encoderBlock. One post-norm Transformer encoder layer on x (n × d), eps = 1e-5:
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
// Identity weights, for an edge case that can be worked by hand.
const I2 = [[1, 0], [0, 1]], NORM2 = { gamma: [1, 1], beta: [0, 0] }, HEADS2 = { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 };
exercise(encoderBlock, {
  points: 3, title: "encoder block (post-norm)",
  hint: { section: "The encoder block",
    text: "post-norm: add first, normalise after — h = LayerNorm1(x + MultiHead(x, x, x)), out = LayerNorm2(h + FFN(h)), FFN(h) = relu(h·w1 + b1)·w2 + b2, eps 1e-5" },
  draw: (r) => { const { h, d, dFF } = layerSize(r); return [mat(r, int(r, 1, 5), d), { attn: drawHeads(r, h, d), ffn: drawFfn(r, d, dFF), norm1: drawNorm(r, d), norm2: drawNorm(r, d) }]; }, edge: [[I2, { attn: { numHeads: 1, wq: I2, wk: I2, wv: I2, wo: I2 }, ffn: { w1: I2, b1: [0, 0], w2: I2, b2: [0, 0] }, norm1: NORM2, norm2: NORM2 }]],
});

/**
 * decoderStep. A post-norm Transformer decoder layer writes position t of its output
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
exercise(decoderStep, {
  points: 3, title: "causal decoder step",
  hint: { section: "The decoder block: causal self-attention, then cross-attention",
    text: "row t may only see rows 0…t of x (a causal mask, or x.slice(0, t + 1)); then the queries come from h1 and the keys and values from memory; each sub-layer is LayerNorm(input + sub-layer(input))" },
  draw: (r) => { const { h, d, dFF } = layerSize(r), n = int(r, 2, 5); return [mat(r, n, d), mat(r, int(r, 1, 5), d), int(r, 0, n - 2), { selfAttn: drawHeads(r, h, d), crossAttn: drawHeads(r, h, d), ffn: drawFfn(r, d, dFF), norm1: drawNorm(r, d), norm2: drawNorm(r, d), norm3: drawNorm(r, d) }]; }, edge: [[[[1, 0], [0, 1], [1, 1]], [[5, 5]], 0, { selfAttn: HEADS2, crossAttn: HEADS2, ffn: { w1: I2, b1: [0, 0], w2: I2, b2: [0, 0] }, norm1: NORM2, norm2: NORM2, norm3: NORM2 }]],
});

/**
 * dayHead. crossWeights[layer][head] is one cross-attention head of a date
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
// dayHead's cases: cross-attention weights of a date translator with planted decoys.
const softmaxRow = (r: Rng, n: number) => { const e = vec(r, n, 1.5).map(Math.exp), s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); };
/** Moves the share `a` of a row's weight onto the columns [from, to), evenly; the row still sums to 1. */
const pull = (row: number[], from: number, to: number, a: number) => row.map((v, j) => (1 - a) * v + (j >= from && j < to ? a / (to - from) : 0));
const DAY_FIELD = [1, 1, 1, 2, 0, 0, 0, 0, 0], MONTH_FIELD = [0, 0, 0, 1, 1, 1, 1, 1, 1]; // by format (lib/seq2seq/dates.ts)
/** 10 uniform rows over n columns (`flat`), and the same with rows 8–9 reading the columns [from, to) (`reads`). */
const flat = (n: number) => Array.from({ length: 10 }, () => Array<number>(n).fill(1 / n));
const reads = (n: number, from: number, to: number, a: number) => flat(n).map((row, i) => (i >= 8 ? pull(row, from, to, a) : row));
/**
 * [weights (layers × heads × 10 × text length), text]: one head reads the day digits for rows 8–9; decoys read
 * them for rows 0–7 (caught if all rows are summed), for row 9 alone and harder (caught if one row is used),
 * or read the month for rows 8–9 (caught if the wrong field is taken).
 */
function dayHeadCase(r: Rng): unknown[] {
  const [{ human: text, format }] = datePairs(1, { rng: r });
  const starts = [0, ...[...text].flatMap((c, k) => (/[ /.]/.test(c) ? [k + 1] : []))];
  const field = (f: number) => [starts[f], (starts[f + 1] ?? text.length + 1) - 1];
  const [d0, d1] = field(DAY_FIELD[format]), [m0, m1] = field(MONTH_FIELD[format]);
  const layers = int(r, 1, 2), perLayer = layers === 1 ? int(r, 4, 5) : int(r, 2, 3);
  const w = Array.from({ length: layers }, () => Array.from({ length: perLayer }, () => Array.from({ length: 10 }, () => softmaxRow(r, text.length))));
  const slots = r.shuffle(Array.from({ length: layers * perLayer }, (_, k) => k)).map((k) => w[Math.floor(k / perLayer)][k % perLayer]);
  const a = r.uniform(0.6, 0.85);
  for (const i of [8, 9]) slots[0][i] = pull(slots[0][i], d0, d1, a); // the day head
  for (let i = 0; i < 8; i++) slots[1][i] = pull(slots[1][i], d0, d1, 0.95); // reads the day, but not for rows 8–9
  slots[2][9] = pull(slots[2][9], d0, d1, 0.98); // row 9 only
  for (const i of [8, 9]) slots[3][i] = pull(slots[3][i], m0, m1, 0.95); // the month
  return [w, text];
}
exercise(dayHead, {
  points: 2, title: "which head reads the day", kind: "interpretation",
  hint: { section: "Cross-attention, head by head",
    text: "find the day's characters in the text first (which field depends on the format), then for every layer and head add the weights of rows 8 and 9 on those columns, and return the largest sum" },
  draw: dayHeadCase, edge: [[[[flat(10), reads(10, 0, 1, 0.9)]], "5 mar 1979"], [[[reads(6, 0, 1, 0.9), flat(6)], [reads(6, 2, 3, 0.6), flat(6)]], "3/5/79"], [[[reads(8, 3, 5, 0.95), reads(8, 0, 2, 0.7), flat(8)]], "05.03.79"]],
});

/** Multi-head parameters with their biases, as a trained layer has them: bq, bk, bv, bo (each of length d). */
export interface HeadsWithBias extends Heads { bq: number[]; bk: number[]; bv: number[]; bo: number[] }

/**
 * fixSilencedHead. Debug. The notebook's intervention silences one cross-attention head to see what the model
 * loses without it. This version was meant to return MultiHead(q, kv, kv) with head `head` silenced (nothing it
 * reads reaches the output; the other heads unchanged):
 *   dK = d / numHeads; cols = head·dK … (head + 1)·dK − 1            // the head's slice
 *   wq, wk = copies of p.wq, p.wk with those columns set to 0
 *   return multiHeadAttention(q, kv, kv, { ...p, wq, wk }).output
 * Yet the output still carries what the head reads from kv. Find why, and return the output (nQ × d) of the
 * truly silenced head, biases included (multiHeadAttention takes p with its biases as it is).
 */
export function fixSilencedHead(q: number[][], kv: number[][], p: HeadsWithBias, head: number): number[][] {
  // BEGIN SOLUTION
  // Zero scores are not zero weights: softmax makes them uniform and the head returns the mean of its values.
  // Silence is a zero slice of the concatenated heads, i.e. zero rows of W_O (its V columns are not enough: bv).
  const dK = p.wo.length / p.numHeads;
  const wo = p.wo.map((row, i) => (Math.floor(i / dK) === head ? row.map(() => 0) : row)); // (d, d)
  return multiHeadAttention(q, kv, kv, { ...p, wo }).output.toArray(); // (nQ, d)
  // END SOLUTION
}
// Biased heads for the cases: the bias of V is what a fix that zeroes the head's V columns leaves behind.
const biasedHeads = (r: Rng, h: number, d: number) => ({ ...drawHeads(r, h, d), bq: vec(r, d), bk: vec(r, d), bv: vec(r, d), bo: vec(r, d) });
const ZERO2 = [0, 0];
exercise(fixSilencedHead, {
  points: 2, title: "debug: a silenced head that still speaks",
  hint: { section: "Attention weights are not an explanation",
    text: "zero scores are not zero weights: softmax turns them into uniform weights and the head returns the mean of its values; the head's slice of the concatenation must be zero before W_O — zero its rows of W_O (its columns of W_V leave bv)" },
  draw: (r) => { const h = int(r, 2, 4), d = h * int(r, 1, 3); return [mat(r, int(r, 1, 4), d), mat(r, int(r, 2, 5), d), biasedHeads(r, h, d), int(r, 0, h - 1)]; },
  edge: [[I2, [[1, 2], [3, 4]], { ...HEADS2, bq: ZERO2, bk: ZERO2, bv: ZERO2, bo: ZERO2 }, 0],
    [I2, [[1, 2], [3, 4]], { ...HEADS2, bq: ZERO2, bk: ZERO2, bv: [5, -1], bo: [0.5, 0.5] }, 1]],
});

/** One trained decoder layer: 5.3's layer with biased heads. */
export interface DecoderLayer { selfAttn: HeadsWithBias; crossAttn: HeadsWithBias; ffn: Ffn; norm1: Norm; norm2: Norm; norm3: Norm }

/**
 * ablationDrop. Ablate, then measure. A decoder under teacher forcing: y (n × d) holds its n input rows (START
 * and the right characters before each position, embedded, positions added), memory (m × d) the encoder's
 * output. Run y through every layer of `layers` in turn (each one is 5.3's post-norm decoder layer, for all n
 * rows, eps = 1e-5), then logits = h·out.w + out.b (n × V). targets[i] (0 … V − 1) is the character row i
 * must write, and log p_i the log-softmax of row i of the logits at targets[i].
 * Return, for every row i, log p_i of the whole model minus log p_i with cross-attention head `head` of layer
 * `layer` silenced as in 5.5 (the later layers still run). Positive: the head helped write character i.
 */
export function ablationDrop(y: number[][], memory: number[][], layers: DecoderLayer[], out: { w: number[][]; b: number[] },
  targets: number[], layer: number, head: number): number[] {
  // BEGIN SOLUTION
  const logP = (stack: DecoderLayer[]) => {
    let h = y;
    for (const L of stack) { const x = h; h = x.map((_, t) => decoderStep(x, memory, t, L)); } // (n, d): 5.3 row by row
    const logits = matmul(h, out.w).toArray().map((row) => row.map((v, c) => v + out.b[c])); // (n, V)
    return logits.map((row, i) => {
      const top = Math.max(...row);
      return row[targets[i]] - top - Math.log(row.reduce((s, v) => s + Math.exp(v - top), 0));
    });
  };
  const { crossAttn } = layers[layer], dK = crossAttn.wo.length / crossAttn.numHeads;
  const wo = crossAttn.wo.map((row, i) => (Math.floor(i / dK) === head ? row.map(() => 0) : row)); // 5.5: rows of W_O
  const silenced = layers.map((L, l) => (l === layer ? { ...L, crossAttn: { ...crossAttn, wo } } : L));
  const whole = logP(layers), without = logP(silenced);
  return whole.map((v, i) => v - without[i]);
  // END SOLUTION
}
/** A decoder stack of 2–3 heads, its input rows, memory, output map and targets (small: a case takes about 1 ms). */
function ablationCase(r: Rng): unknown[] {
  const h = int(r, 2, 3), d = h * int(r, 2, 3), dFF = int(r, 1, 4), n = int(r, 2, 4), V = int(r, 2, 5), numLayers = int(r, 1, 2); // d ≥ 4: a layer norm of 2 numbers is ±1
  const layers = Array.from({ length: numLayers }, () => ({ selfAttn: biasedHeads(r, h, d), crossAttn: biasedHeads(r, h, d), ffn: drawFfn(r, d, dFF), norm1: drawNorm(r, d), norm2: drawNorm(r, d), norm3: drawNorm(r, d) }));
  const out = { w: mat(r, d, V, 2), b: vec(r, V) };
  return [mat(r, n, d), mat(r, int(r, 1, 4), d), layers, out, Array.from({ length: n }, () => int(r, 0, V - 1)), int(r, 0, numLayers - 1), int(r, 0, h - 1)];
}
// A hand-made layer of width 4 (two heads of 2): the identity everywhere, V's bias pointing at output 0.
const I4 = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], Z4 = [0, 0, 0, 0], NORM4 = { gamma: [1, 1, 1, 1], beta: Z4 };
const HEADS4 = { numHeads: 2, wq: I4, wk: I4, wv: I4, wo: I4, bq: Z4, bk: Z4, bv: Z4, bo: Z4 };
const LAYER4 = { selfAttn: HEADS4, crossAttn: { ...HEADS4, bv: [1, 0, 0, 0] }, ffn: { w1: I4, b1: Z4, w2: I4, b2: Z4 }, norm1: NORM4, norm2: NORM4, norm3: NORM4 };
const Y3 = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], MEMORY2 = [[2, -1, 0, 1], [0, 3, 1, -1]];
exercise(ablationDrop, {
  points: 3, title: "ablate a head, measure what it cost", kind: "interpretation",
  hint: { section: "Attention weights are not an explanation",
    text: "run the whole stack twice, once as it is and once with the head's rows of W_O zeroed in that layer only (a silenced head in layer 0 changes what layer 1 reads); each layer is 5.3's decoder layer for every row; log p_i = logit of targets[i] − log Σ exp(logits of row i); return whole − silenced" },
  draw: ablationCase,
  edge: [[Y3, MEMORY2, [LAYER4], { w: I4, b: Z4 }, [0, 1, 2], 0, 0], [Y3, MEMORY2, [LAYER4, LAYER4], { w: I4, b: [0, 0.5, 0, 0] }, [1, 1, 3], 0, 1]],
});
