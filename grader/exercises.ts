// What is graded: every exercise's file, export, points, allowed imports and how to draw its inputs.
// Imports no solution, so it ships to students with the public cases; hidden cases reuse `draw` with a fresh seed.
import { Rng } from "../lib/index.js";
import { checkOffsetHead, checkPositionHead } from "./head_check.js";
import { checkItToStreet } from "./street_check.js";
import { datePairs } from "../lib/seq2seq/dates.js";

export interface Exercise {
  file: string; // e.g. "01_similarity.ts", in exercises/ or a submission folder
  name: string; // the exported function
  points: number;
  title: string;
  /** Draws one argument list from a seeded stream. */
  draw: (rng: Rng) => unknown[];
  /** Hand-picked public cases (edge cases), graded before the drawn ones. */
  edge?: unknown[][];
  /**
   * Design exercises have many right answers: then `check` grades a returned value by its property instead of
   * comparing it with the reference's output (null: right; else what is wrong). It runs in the grader's process
   * on what a submission returned, so it must never throw; the reference must pass it (tested).
   */
  check?: (args: unknown[], value: unknown) => string | null;
  /**
   * A stretch exercise (beyond the lesson's core): graded and reported like the others, but its points are
   * extra — added to the score, not to the maximum — so a student who skips it can still reach full marks.
   */
  stretch?: boolean;
}

/** Names a file may import from "../lib/index.js"; everything else in lib/ and anything in solutions/ is refused. */
export const allowedLibImports: Record<string, string[]> = {
  "00_soft_lookup.ts": [],
  "01_similarity.ts": [],
  "02_self_attention.ts": ["Matrix", "matmul", "transpose"],
  "03_multi_head.ts": ["Matrix", "matmul", "transpose"],
  "04_bahdanau.ts": ["Matrix", "matmul", "transpose"],
  // multiHeadAttention was graded in 03; 05 grades the wiring around it (see solutions/05_transformer.ts)
  "05_transformer.ts": ["Matrix", "matmul", "transpose", "multiHeadAttention"],
};

/** |got − expected| ≤ TOLERANCE · max(1, |expected|) per entry. */
export const TOLERANCE = 1e-9;

const int = (rng: Rng, lo: number, hi: number) => lo + rng.int(hi - lo + 1);
const vec = (rng: Rng, n: number, scale = 1) => Array.from({ length: n }, () => rng.uniform(-scale, scale));
const mat = (rng: Rng, r: number, c: number, scale = 1) => Array.from({ length: r }, () => vec(rng, c, scale));
/** A mask with at least one true per row. */
const mask = (rng: Rng, r: number, c: number) => Array.from({ length: r }, () => {
  const row = Array.from({ length: c }, () => rng.uniform() < 0.6);
  row[rng.int(c)] = true;
  return row;
});
const nonZero = (rng: Rng, n: number) => { const v = vec(rng, n); v[rng.int(n)] += 2; return v; };
const gruParams = (rng: Rng, dIn: number, dH: number) => ({
  wz: mat(rng, dIn, dH), uz: mat(rng, dH, dH), bz: vec(rng, dH), wr: mat(rng, dIn, dH), ur: mat(rng, dH, dH), br: vec(rng, dH),
  wh: mat(rng, dIn, dH), uh: mat(rng, dH, dH), bh: vec(rng, dH),
});

// 05: a layer's parameters (d = numHeads · dK), and cross-attention weights with planted decoys for dayHead.
const heads = (r: Rng, h: number, d: number) => ({ numHeads: h, wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) });
const norm = (r: Rng, d: number) => ({ gamma: vec(r, d).map((g) => 1 + 0.5 * g), beta: vec(r, d) });
const ffn = (r: Rng, d: number, dFF: number) => ({ w1: mat(r, d, dFF), b1: vec(r, dFF), w2: mat(r, dFF, d), b2: vec(r, d) });
const layerSize = (r: Rng) => { const h = int(r, 1, 3); return { h, d: h * int(r, 1, 3), dFF: int(r, 1, 6) }; };
const softmaxRow = (r: Rng, n: number) => { const e = vec(r, n, 1.5).map(Math.exp), s = e.reduce((a, b) => a + b, 0); return e.map((v) => v / s); };
/** Moves the share `a` of a row's weight onto the columns [from, to), evenly; the row still sums to 1. */
const pull = (row: number[], from: number, to: number, a: number) => row.map((v, j) => (1 - a) * v + (j >= from && j < to ? a / (to - from) : 0));
const DAY_FIELD = [1, 1, 1, 2, 0, 0, 0, 0, 0], MONTH_FIELD = [0, 0, 0, 1, 1, 1, 1, 1, 1]; // by format (lib/seq2seq/dates.ts)
const I2 = [[1, 0], [0, 1]], NORM2 = { gamma: [1, 1], beta: [0, 0] }, HEADS2 = { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 };
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

export const exercises: Exercise[] = [
  { file: "00_soft_lookup.ts", name: "softLookup", points: 2, title: "soft dictionary lookup",
    draw: (r) => { const n = int(r, 1, 5), d = int(r, 1, 4); return [vec(r, d, 2), mat(r, n, d, 2), mat(r, n, int(r, 1, 3), 5), [0.1, 0.5, 1, 2][r.int(4)]]; },
    edge: [[[1, 0], [[1, 0], [0, 1]], [[10], [20]], 1], [[1, 0], [[1, 0], [0, 1], [-1, 0]], [[10, 1], [20, 2], [30, 3]], 1e-6]] },
  { file: "00_soft_lookup.ts", name: "nadarayaWatson", points: 2, title: "Nadaraya–Watson kernel regression",
    draw: (r) => { const n = int(r, 1, 8); return [vec(r, n, 5), vec(r, n, 3), vec(r, int(r, 1, 5), 6), [0.2, 0.5, 1, 2][r.int(4)]]; },
    edge: [[[0, 1], [0, 10], [0.5], 1], [[0, 1, 2], [1, 2, 3], [100, -50], 0.1]] },
  { file: "01_similarity.ts", name: "dot", points: 1, title: "dot product",
    draw: (r) => { const n = int(r, 1, 6); return [vec(r, n), vec(r, n)]; }, edge: [[[1, 2, 3], [4, 5, 6]]] },
  { file: "01_similarity.ts", name: "cosineSimilarity", points: 1, title: "cosine similarity",
    draw: (r) => { const n = int(r, 1, 6); return [nonZero(r, n), nonZero(r, n)]; }, edge: [[[1, 0], [1, 1]], [[3, 4], [-6, -8]]] },
  { file: "01_similarity.ts", name: "softmax", points: 2, title: "stable softmax",
    draw: (r) => [mat(r, int(r, 1, 4), int(r, 1, 6), 5)], edge: [[[[1, 2, 3]]], [[[1e4, -1e4], [1e4, 1e4]]]] },
  { file: "02_self_attention.ts", name: "causalMask", points: 1, title: "causal mask",
    draw: (r) => [int(r, 1, 7)], edge: [[1], [3]] },
  { file: "02_self_attention.ts", name: "scaledDotProductAttention", points: 3, title: "scaled dot-product attention",
    draw: (r) => { const nQ = int(r, 1, 4), nK = int(r, 2, 5), dK = int(r, 1, 4), dV = int(r, 1, 3); return [mat(r, nQ, dK), mat(r, nK, dK), mat(r, nK, dV), r.uniform() < 0.5 ? mask(r, nQ, nK) : undefined]; },
    edge: [[[[1, 0]], [[1, 0], [0, 1]], [[10], [20]], undefined]] },
  { file: "02_self_attention.ts", name: "selfAttentionProjections", points: 2, title: "self-attention projections",
    draw: (r) => { const n = int(r, 1, 4), d = int(r, 2, 5), dK = int(r, 1, 4), dV = int(r, 1, 4); return [mat(r, n, d), mat(r, d, dK), mat(r, d, dK), mat(r, d, dV)]; } },
  { file: "02_self_attention.ts", name: "maskedSoftmax", points: 2, title: "masked softmax",
    draw: (r) => { const n = int(r, 1, 4), m = int(r, 2, 6); return [mat(r, n, m, 5), mask(r, n, m)]; }, edge: [[[[1, 2, 3]], [[true, true, false]]], [[[1e4, -1e4, 9e3]], [[false, true, true]]]] },
  // design: no inputs (the notebook's sentence is fixed); any W_Q, W_K that send "it" to "street" pass
  { file: "02_self_attention.ts", name: "itToStreet", points: 2, title: "design: \"it\" attends to \"street\"",
    draw: () => [], edge: [[]], check: checkItToStreet },
  { file: "02_self_attention.ts", name: "packedCausalMask", points: 2, title: "design: the mask of packed sentences",
    draw: (r) => [Array.from({ length: int(r, 1, 4) }, () => int(r, 1, 4))], edge: [[[2, 1]], [[1, 1, 1]], [[5]]] },
  { file: "03_multi_head.ts", name: "splitHeads", points: 2, title: "split heads",
    draw: (r) => { const h = int(r, 1, 4); return [mat(r, int(r, 1, 4), h * int(r, 1, 3)), h]; }, edge: [[[[1, 2, 3, 4]], 2]] },
  { file: "03_multi_head.ts", name: "mergeHeads", points: 1, title: "merge heads",
    draw: (r) => { const n = int(r, 1, 4), dK = int(r, 1, 3); return [Array.from({ length: int(r, 1, 4) }, () => mat(r, n, dK))]; } },
  { file: "03_multi_head.ts", name: "multiHeadAttention", points: 3, title: "multi-head attention",
    draw: (r) => { const h = int(r, 1, 3), d = h * int(r, 1, 3), n = int(r, 1, 5); return [mat(r, n, d), { numHeads: h, wq: mat(r, d, d), wk: mat(r, d, d), wv: mat(r, d, d), wo: mat(r, d, d) }]; } },
  { file: "03_multi_head.ts", name: "positionalEncoding", points: 2, title: "positional encoding",
    draw: (r) => [int(r, 1, 12), int(r, 1, 9)], edge: [[2, 2], [50, 16]] },
  // design: n tokens [word features (dWord), PE (dPos)]; any W_Q, W_K whose head has the property passes
  { file: "03_multi_head.ts", name: "offsetHead", points: 2, title: "design: a previous-token head, any offset",
    draw: (r) => [int(r, 4, 12), int(r, 1, 4), [6, 8, 12, 16][r.int(4)], [1, 1, 2, 3, -1, -2][r.int(6)]],
    edge: [[9, 3, 8, 1], [9, 3, 8, -1]],
    check: checkOffsetHead },
  { file: "03_multi_head.ts", name: "positionHead", points: 2, title: "design: a first-token head, any position",
    draw: (r) => { const n = int(r, 4, 12); return [n, int(r, 1, 4), [6, 8, 12, 16][r.int(4)], r.uniform() < 0.5 ? 0 : r.int(n)]; },
    edge: [[9, 3, 8, 0], [9, 3, 8, 8]],
    check: checkPositionHead },
  { file: "04_bahdanau.ts", name: "additiveScore", points: 2, title: "additive score",
    draw: (r) => { const dQ = int(r, 1, 4), dK = int(r, 1, 4), h = int(r, 1, 5); return [vec(r, dQ), vec(r, dK), mat(r, dQ, h), mat(r, dK, h), vec(r, h)]; } },
  { file: "04_bahdanau.ts", name: "bahdanauContext", points: 2, title: "Bahdanau context vector",
    draw: (r) => { const dQ = int(r, 1, 4), dK = int(r, 1, 4), h = int(r, 1, 5); return [vec(r, dQ), mat(r, int(r, 1, 6), dK), mat(r, dQ, h), mat(r, dK, h), vec(r, h)]; } },
  { file: "04_bahdanau.ts", name: "gruStep", points: 3, title: "one GRU step (stretch)", stretch: true,
    draw: (r) => { const dIn = int(r, 1, 4), dH = int(r, 1, 4); return [vec(r, dIn), vec(r, dH), gruParams(r, dIn, dH)]; } },
  { file: "04_bahdanau.ts", name: "softmaxBackward", points: 2, title: "softmax backward (stretch)", stretch: true,
    draw: (r) => { const x = vec(r, int(r, 1, 6), 3), e = x.map(Math.exp), s = e.reduce((a, b) => a + b, 0); return [e.map((v) => v / s), vec(r, x.length)]; } },
  { file: "05_transformer.ts", name: "layerNorm", points: 2, title: "layer norm",
    draw: (r) => { const d = int(r, 1, 6), shift = [0, 0, 1e4, -1e4][r.int(4)], g = norm(r, d); return [mat(r, int(r, 1, 4), d, 3).map((row) => row.map((v) => v + shift)), g.gamma, g.beta, [1e-5, 1e-3, 0.1, 1][r.int(4)]]; },
    edge: [[[[1, 3]], [1, 1], [0, 0], 0], [[[2, 2, 2], [1, 2, 4]], [1, 2, 3], [0.5, 0, -0.5], 1e-5], [[[10000.1, 10000.4, 9999.3, 10001.7]], [1, 1, 1, 1], [0, 0, 0, 0], 1e-5]] },
  { file: "05_transformer.ts", name: "encoderBlock", points: 3, title: "encoder block (post-norm)",
    draw: (r) => { const { h, d, dFF } = layerSize(r); return [mat(r, int(r, 1, 5), d), { attn: heads(r, h, d), ffn: ffn(r, d, dFF), norm1: norm(r, d), norm2: norm(r, d) }]; },
    edge: [[I2, { attn: { numHeads: 1, wq: I2, wk: I2, wv: I2, wo: I2 }, ffn: { w1: I2, b1: [0, 0], w2: I2, b2: [0, 0] }, norm1: NORM2, norm2: NORM2 }]] },
  { file: "05_transformer.ts", name: "decoderStep", points: 3, title: "causal decoder step",
    draw: (r) => {
      const { h, d, dFF } = layerSize(r), n = int(r, 2, 5);
      return [mat(r, n, d), mat(r, int(r, 1, 5), d), int(r, 0, n - 1), { selfAttn: heads(r, h, d), crossAttn: heads(r, h, d), ffn: ffn(r, d, dFF), norm1: norm(r, d), norm2: norm(r, d), norm3: norm(r, d) }];
    },
    edge: [[[[1, 0], [0, 1], [1, 1]], [[5, 5]], 0, { selfAttn: HEADS2, crossAttn: HEADS2, ffn: { w1: I2, b1: [0, 0], w2: I2, b2: [0, 0] }, norm1: NORM2, norm2: NORM2, norm3: NORM2 }]] },
  { file: "05_transformer.ts", name: "dayHead", points: 2, title: "which head reads the day", draw: dayHeadCase,
    edge: [[[[flat(10), reads(10, 0, 1, 0.9)]], "5 mar 1979"], [[[reads(6, 0, 1, 0.9), flat(6)], [reads(6, 2, 3, 0.6), flat(6)]], "3/5/79"],
      [[[reads(8, 3, 5, 0.95), reads(8, 0, 2, 0.7), flat(8)]], "05.03.79"]] },
];

export const exerciseFiles = [...new Set(exercises.map((e) => e.file))];

/** Argument lists for one exercise: its edge cases, then `count` drawn from `rng`. */
export function drawCases(ex: Exercise, rng: Rng, count: number, withEdge: boolean): unknown[][] {
  return [...(withEdge ? ex.edge ?? [] : []), ...Array.from({ length: count }, () => ex.draw(rng))];
}
