// Exercises of lesson 05: the reference solutions agree with lib's independent Transformer layers, and the
// graded cases (public and freshly drawn) catch each typical wrong answer.
import test from "ava";
import { readFileSync } from "node:fs";
import { Matrix, Rng, layerNorm as libLayerNorm, multiHeadAttention, scaledDotProductAttention, transformerDecoderLayer, transformerEncoderLayer } from "../../lib/index.js";
import { DateTransformer } from "../../lib/seq2seq/transformer_model.js";
import { datePairs, heldOutPairs } from "../../lib/seq2seq/dates.js";
import { LUONG_TRAINING, TRAINING, TRANSFORMER_TRAINING } from "../../lib/seq2seq/recipe.js";
import { makeBatch } from "../../lib/seq2seq/model.js";
import { START, encodeOutput } from "../../lib/seq2seq/vocab.js";
import { Graph, ffnParams, mhaParams, normParams } from "../../lib/autodiff/index.js";
import { exercises, type Exercise } from "../../grader/exercises.js";
import { drawCases } from "../../grader/reference.js";
import { loadPublicCases } from "../../grader/cases.js";
import { checkImports } from "../../grader/static_check.js";
import { allowedLibImports } from "../../grader/exercises.js";
import { type F, fails, mutantTest } from "./grading.js";
import * as s05 from "../../solutions/05_transformer.js";

const ex = (name: string) => exercises.find((e) => e.file === "05_transformer.ts" && e.name === name)!;
const drawn = (e: Exercise, seed: number, count = 40) => drawCases(e, new Rng(seed), count, true);
const close = (a: number[][], b: number[][]) => Math.max(...a.flatMap((r, i) => r.map((v, j) => Math.abs(v - b[i][j]))));

// lib's layer norm keeps the rounding remainder of the mean; the plain two-pass one differs by ~5e-12 on rows
// near 1e4, far inside the grader's 1e-9.
test("5.1 layerNorm equals lib's layerNorm (1e-10) on every drawn case, rows near ±1e4 included", (t) => {
  for (const [x, gamma, beta, eps] of drawn(ex("layerNorm"), 1) as [number[][], number[], number[], number][]) {
    t.true(close(s05.layerNorm(x, gamma, beta, eps), libLayerNorm(x, { gamma, beta, eps }).toArray()) < 1e-10);
  }
});

test("5.2 encoderBlock equals lib's transformerEncoderLayer (post-norm, 1e-12)", (t) => {
  for (const [x, p] of drawn(ex("encoderBlock"), 2) as [number[][], Parameters<typeof s05.encoderBlock>[1]][]) {
    t.true(close(s05.encoderBlock(x, p), transformerEncoderLayer(x, p).output.toArray()) < 1e-12);
  }
});

test("5.3 decoderStep is row t of lib's transformerDecoderLayer (1e-12), and row t ignores the rows after t", (t) => {
  for (const [x, m, step, p] of drawn(ex("decoderStep"), 3) as [number[][], number[][], number, Parameters<typeof s05.decoderStep>[3]][]) {
    const full = transformerDecoderLayer(x, m, p).output.toArray();
    t.true(close([s05.decoderStep(x, m, step, p)], [full[step]]) < 1e-12);
    const changed = x.map((row, i) => (i > step ? row.map((v) => v + 1) : row));
    t.true(close([s05.decoderStep(changed, m, step, p)], [full[step]]) < 1e-12);
  }
});

test("5.4 dayHead: the answer puts more weight on the day digits (rows 8-9) than any other head, found from the format", (t) => {
  const DAY = [1, 1, 1, 2, 0, 0, 0, 0, 0];
  const formatOf = (text: string) => (text.includes("/") ? 0 : /[a-z]/.test(text) ? -1 : 8);
  for (const [w, text] of drawn(ex("dayHead"), 4) as [number[][][][], string][]) {
    const fields = [...text.matchAll(/[^ /.]+/g)].map((m) => [m.index!, m.index! + m[0].length]);
    const f = formatOf(text);
    const [a, b] = f === -1 ? fields.find(([s, e]) => e - s <= 2)! : fields[DAY[f]];
    const mass = w.map((heads) => heads.map((rows) => [8, 9].reduce((s, i) => s + rows[i].slice(a, b).reduce((x, y) => x + y, 0), 0)));
    const { layer, head } = s05.dayHead(w, text);
    const best = Math.max(...mass.flat());
    t.is(mass[layer][head], best);
    t.is(mass.flat().filter((v) => v > best - 1e-6).length, 1, "no near tie");
  }
});

// 5.5 by subtraction, not by zeroing W_O: the whole layer's output minus head h's own share, head_h·W_O[rows of h].
const headShare = (q: number[][], kv: number[][], p: s05.HeadsWithBias, h: number) => {
  const dK = p.wo.length / p.numHeads, cols = (w: number[][]) => w.map((r) => r.slice(h * dK, (h + 1) * dK));
  const proj = (x: number[][], w: number[][], b: number[]) => x.map((r) => cols(w)[0].map((_, c) => r.reduce((s, v, i) => s + v * cols(w)[i][c], b[h * dK + c])));
  const out = scaledDotProductAttention(proj(q, p.wq, p.bq), proj(kv, p.wk, p.bk), proj(kv, p.wv, p.bv)).output.toArray(); // (nQ, dK)
  return out.map((r) => p.wo[0].map((_, j) => r.reduce((s, v, c) => s + v * p.wo[h * dK + c][j], 0))); // (nQ, d)
};

test("5.5 fixSilencedHead is the layer's output minus the head's own share (1e-12), and the head's W_Q, W_K, W_V, biases no longer matter", (t) => {
  for (const [q, kv, p, h] of drawn(ex("fixSilencedHead"), 5) as [number[][], number[][], s05.HeadsWithBias, number][]) {
    const full = multiHeadAttention(q, kv, kv, p).output.toArray(), share = headShare(q, kv, p, h);
    const silenced = s05.fixSilencedHead(q, kv, p, h);
    t.true(close(silenced, full.map((r, i) => r.map((v, j) => v - share[i][j]))) < 1e-12);
    t.true(close(share, share.map((r) => r.map(() => 0))) > 1e-6, "the head had something to silence");
    const dK = p.wo.length / p.numHeads, scramble = (w: number[][]) => w.map((r) => r.map((v, c) => (Math.floor(c / dK) === h ? 3 * v - 1 : v)));
    const other = { ...p, wq: scramble(p.wq), wk: scramble(p.wk), wv: scramble(p.wv), bv: scramble([p.bv])[0] };
    t.true(close(s05.fixSilencedHead(q, kv, other, h), silenced) < 1e-12);
  }
});

// 5.6 against lib's whole-matrix decoder layer (transformerDecoderLayer, causal) and a log-softmax of its own.
const logProbs = (y: number[][], m: number[][], layers: s05.DecoderLayer[], out: { w: number[][]; b: number[] }, targets: number[]) => {
  const h = layers.reduce((x, L) => transformerDecoderLayer(x, m, L).output.toArray(), y);
  return h.map((row, i) => {
    const logits = out.b.map((b, c) => row.reduce((s, v, k) => s + v * out.w[k][c], b));
    return Math.log(Math.exp(logits[targets[i]]) / logits.reduce((s, v) => s + Math.exp(v), 0));
  });
};
const silence = (layers: s05.DecoderLayer[], layer: number, head: number) => layers.map((L, l) => (l !== layer ? L : { ...L, crossAttn: { ...L.crossAttn,
  wo: L.crossAttn.wo.map((r, i) => (Math.floor(i / (L.crossAttn.wo.length / L.crossAttn.numHeads)) === head ? r.map(() => 0) : r)) } }));
type Ablation = [number[][], number[][], s05.DecoderLayer[], { w: number[][]; b: number[] }, number[], number, number];

test("5.6 ablationDrop equals lib's decoder layers run with and without the head (1e-9), on every drawn case", (t) => {
  for (const [y, m, layers, out, targets, layer, head] of drawn(ex("ablationDrop"), 6) as Ablation[]) {
    const whole = logProbs(y, m, layers, out, targets), without = logProbs(y, m, silence(layers, layer, head), out, targets);
    const got = s05.ablationDrop(y, m, layers, out, targets, layer, head);
    t.true(close([got], [whole.map((v, i) => v - without[i])]) < 1e-9);
    t.true(got.some((v) => Math.abs(v) > 1e-6), "the head mattered somewhere");
  }
});

// The trained Transformer, as notebook 05 hands it to ablationDrop: its own embedding, encoder and layers.
const trained = DateTransformer.fromJSON(JSON.parse(readFileSync(new URL("../../notebooks/data/date_transformer.json", import.meta.url), "utf8")));
const plain = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v instanceof Matrix ? v.toArray() : v]));
const trainedLayers = trained.decoder.map((L) => ({ selfAttn: plain(mhaParams(L.selfAttn)), crossAttn: plain(mhaParams(L.crossAttn)),
  ffn: plain(ffnParams(L.ffn)), norm1: normParams(L.norm1), norm2: normParams(L.norm2), norm3: normParams(L.norm3) })) as unknown as s05.DecoderLayer[];
const trainedOut = { w: trained.out.w.value.toArray(), b: trained.out.b.value.row(0) };
const teacherForced = (model: DateTransformer, human: string, iso: string) => {
  const g = new Graph(false), b = makeBatch([human]), ys = encodeOutput(iso), prev = Int32Array.from([START, ...ys.slice(0, 9)]);
  const memory = model.encode(g, b).memory;
  return { ys, y: model.embed(g, model.embOut, prev, 10).value.toArray(), memory: memory.value.toArray(), logits: model.decode(g, memory, b, prev).logits.value };
};

test("5.6 on the trained Transformer: ablationDrop equals the model's own teacher-forced log-probabilities with W_O's rows zeroed in its saved file (1e-9)", (t) => {
  const saved = trained.toJSON() as { params: Record<string, { rows: number; cols: number; data: number[] }> };
  for (const [k, { human, iso }] of datePairs(3, { seed: 7 }).entries()) {
    const [layer, head] = [[0, 1], [1, 2], [1, 0]][k];
    const copy = structuredClone(saved), wo = copy.params[`dec${layer}.crossAttn.wo`];
    for (let i = head * 8; i < (head + 1) * 8; i++) wo.data.fill(0, i * wo.cols, (i + 1) * wo.cols); // dK = 32 / 4
    const lp = (logits: Matrix, ys: number[]) => ys.map((c, i) => { const row = logits.row(i); return row[c] - Math.log(row.reduce((s, v) => s + Math.exp(v), 0)); });
    const whole = teacherForced(trained, human, iso), without = teacherForced(DateTransformer.fromJSON(copy), human, iso);
    const expected = lp(whole.logits, whole.ys).map((v, i) => v - lp(without.logits, without.ys)[i]);
    t.true(close([s05.ablationDrop(whole.y, whole.memory, trainedLayers, trainedOut, whole.ys, layer, head)], [expected]) < 1e-9, human);
  }
});

// What notebook 05's last cell shows a student whose 5.6 passes, on the same 45 unseen dates (its `unseen`, every
// eighth), measured here with lib's layers: the heads the day digits need are not the heads whose weights read the day.
test("5.6's answer on the trained Transformer: layer 0, head 1 reads the day yet costs the day digits nothing; layer 1, head 2 costs the most", (t) => {
  const seen = new Set<string>();
  for (const R of [TRAINING, LUONG_TRAINING, TRANSFORMER_TRAINING]) {
    const mine = new Set(datePairs(R.pairs, { seed: R.seed }).map((p) => p.human));
    heldOutPairs(R.validationPerFormat, R.seed + 1, mine);
    for (const text of mine) seen.add(text);
  }
  const dates = heldOutPairs(40, 2026, seen).filter((_, i) => i % 8 === 0);
  t.is(dates.length, 45);
  const forced = dates.map((p) => teacherForced(trained, p.human, p.iso));
  const dayDrop = (layer: number, head: number) => [8, 9].map((i) => forced.reduce((s, f) =>
    s + logProbs(f.y, f.memory, trainedLayers, trainedOut, f.ys)[i] - logProbs(f.y, f.memory, silence(trainedLayers, layer, head), trainedOut, f.ys)[i], 0) / forced.length);
  const drops = [0, 1].flatMap((l) => [0, 1, 2, 3].map((h) => dayDrop(l, h))); // 8 heads × [first, last digit]
  const readsDay = trained.translate(dates.map((p) => p.human)).filter((r, k) => {
    const row = r.crossWeights[0][1].row(9), j = row.indexOf(Math.max(...row)), field = [...dates[k].human.matchAll(/[^ /.]+/g)][[1, 1, 1, 2, 0, 0, 0, 0, 0][dates[k].format]];
    return j >= field.index! && j < field.index! + field[0].length;
  }).length / 45;
  t.true(readsDay > 0.9, `layer 0, head 1 reads the day in ${readsDay}`);
  t.true(drops[1].every((d) => Math.abs(d) < 1e-3), `layer 0, head 1 costs ${drops[1]}`);
  t.true(drops[6].every((d) => d > 0.1), `layer 1, head 2 costs ${drops[6]}`);
  for (const digit of [0, 1]) t.is(drops.map((d) => d[digit]).indexOf(Math.max(...drops.map((d) => d[digit]))), 6);
});

// Each wrong answer a student is likely to give, as a change of the reference.
const add = (a: number[][], b: number[][]) => a.map((r, i) => r.map((v, j) => v + b[i][j]));
const ln = (x: number[][], n: { gamma: number[]; beta: number[] }) => s05.layerNorm(x, n.gamma, n.beta, 1e-5);
const ffn = (h: number[][], p: s05.Ffn, act = (v: number) => Math.max(0, v)) => {
  const hid = h.map((row) => p.b1.map((b, k) => act(row.reduce((s, v, i) => s + v * p.w1[i][k], b))));
  return hid.map((row) => p.b2.map((b, j) => row.reduce((s, v, k) => s + v * p.w2[k][j], b)));
};
const mha = (q: number[][], kv: number[][], p: s05.Heads, causal = false) => multiHeadAttention(q, kv, kv, p, { causal }).output.toArray();
const stats = (row: number[], unbiased = false) => {
  const mean = row.reduce((s, v) => s + v, 0) / row.length;
  return { mean, v: row.reduce((s, x) => s + (x - mean) ** 2, 0) / (unbiased && row.length > 1 ? row.length - 1 : row.length) };
};
type Enc = Parameters<typeof s05.encoderBlock>[1];
type Dec = Parameters<typeof s05.decoderStep>[3];
const decoder = (x: number[][], m: number[][], p: Dec, o: { causal?: boolean; kv?: "memory" | "self"; preNorm?: boolean } = {}) => {
  if (o.preNorm) {
    const h1 = add(x, mha(ln(x, p.norm1), ln(x, p.norm1), p.selfAttn, true));
    const h2 = add(h1, mha(ln(h1, p.norm2), m, p.crossAttn));
    return add(h2, ffn(ln(h2, p.norm3), p.ffn));
  }
  const h1 = ln(add(x, mha(x, x, p.selfAttn, o.causal ?? true)), p.norm1);
  const h2 = ln(add(h1, mha(h1, o.kv === "self" ? h1 : m, p.crossAttn)), p.norm2);
  return ln(add(h2, ffn(h2, p.ffn)), p.norm3);
};
const dayWrong = (rows: number[], rule: "sum" | "max", firstShort = false) => (w: number[][][][], text: string) => {
  const fields = [...text.matchAll(/[^ /.]+/g)].map((m) => [m.index!, m.index! + m[0].length]);
  const short = fields.find(([s, e]) => e - s <= 2 && /^\d+$/.test(text.slice(s, e)))!;
  const day = firstShort ? short : text.includes("/") ? fields[1] : /[a-z]/.test(text) ? short : fields[0];
  let best = { layer: 0, head: 0 }, top = -Infinity;
  w.forEach((heads, layer) => heads.forEach((h, head) => {
    const vals = rows.flatMap((i) => h[i].slice(day[0], day[1]));
    const s = rule === "sum" ? vals.reduce((a, b) => a + b, 0) : Math.max(...vals);
    if (s > top) { top = s; best = { layer, head }; }
  }));
  return best;
};

/** w with head h's columns set to 0 (the head's slice of a projection's output). */
const zeroCols = (w: number[][], p: { numHeads: number; wo: number[][] }, h: number) => w.map((r) => r.map((v, c) => (Math.floor(c / (p.wo.length / p.numHeads)) === h ? 0 : v)));

const mutants: [string, string, F][] = [
  ["layerNorm", "unbiased variance (d − 1)", (x: number[][], g: number[], b: number[], eps: number) =>
    x.map((row) => { const { mean, v } = stats(row, true); return row.map((y, j) => ((y - mean) / Math.sqrt(v + eps)) * g[j] + b[j]); })],
  ["layerNorm", "variance as mean(x²) − mean(x)²", (x: number[][], g: number[], b: number[], eps: number) =>
    x.map((row) => { const { mean } = stats(row); const v = row.reduce((s, y) => s + y * y, 0) / row.length - mean * mean; return row.map((y, j) => ((y - mean) / Math.sqrt(v + eps)) * g[j] + b[j]); })],
  ["layerNorm", "eps outside the square root", (x: number[][], g: number[], b: number[], eps: number) =>
    x.map((row) => { const { mean, v } = stats(row); return row.map((y, j) => ((y - mean) / (Math.sqrt(v) + eps)) * g[j] + b[j]); })],
  ["layerNorm", "beta before gamma", (x: number[][], g: number[], b: number[], eps: number) =>
    x.map((row) => { const { mean, v } = stats(row); return row.map((y, j) => ((y - mean) / Math.sqrt(v + eps) + b[j]) * g[j]); })],
  ["encoderBlock", "pre-norm", (x: number[][], p: Enc) => { const h = add(x, mha(ln(x, p.norm1), ln(x, p.norm1), p.attn)); return add(h, ffn(ln(h, p.norm2), p.ffn)); }],
  ["encoderBlock", "no residual around attention", (x: number[][], p: Enc) => { const h = ln(mha(x, x, p.attn), p.norm1); return ln(add(h, ffn(h, p.ffn)), p.norm2); }],
  ["encoderBlock", "no residual around the FFN", (x: number[][], p: Enc) => ln(ffn(ln(add(x, mha(x, x, p.attn)), p.norm1), p.ffn), p.norm2)],
  ["encoderBlock", "no ReLU", (x: number[][], p: Enc) => { const h = ln(add(x, mha(x, x, p.attn)), p.norm1); return ln(add(h, ffn(h, p.ffn, (v) => v)), p.norm2); }],
  ["encoderBlock", "the two norms swapped", (x: number[][], p: Enc) => s05.encoderBlock(x, { ...p, norm1: p.norm2, norm2: p.norm1 })],
  ["decoderStep", "no causal mask", (x: number[][], m: number[][], t: number, p: Dec) => decoder(x, m, p, { causal: false })[t]],
  ["decoderStep", "the last row instead of row t", (x: number[][], m: number[][], _t: number, p: Dec) => decoder(x, m, p).at(-1)],
  ["decoderStep", "cross-attention over the targets, not the memory", (x: number[][], m: number[][], t: number, p: Dec) => decoder(x, m, p, { kv: "self" })[t]],
  ["decoderStep", "pre-norm", (x: number[][], m: number[][], t: number, p: Dec) => decoder(x, m, p, { preNorm: true })[t]],
  ["decoderStep", "self- and cross-attention parameters swapped", (x: number[][], m: number[][], t: number, p: Dec) => decoder(x, m, { ...p, selfAttn: p.crossAttn, crossAttn: p.selfAttn })[t]],
  ["dayHead", "sums all ten rows", dayWrong([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], "sum")],
  ["dayHead", "row 9 only", dayWrong([9], "sum")],
  ["dayHead", "the largest single weight", dayWrong([8, 9], "max")],
  ["dayHead", "takes the first field of one or two digits in every format", dayWrong([8, 9], "sum", true)],
  ["fixSilencedHead", "the given code: the head's columns of W_Q and W_K zeroed (uniform weights)", (q: number[][], kv: number[][], p: s05.HeadsWithBias, h: number) =>
    multiHeadAttention(q, kv, kv, { ...p, wq: zeroCols(p.wq, p, h), wk: zeroCols(p.wk, p, h) }).output.toArray()],
  ["fixSilencedHead", "the head's columns of W_V zeroed (bv still flows)", (q: number[][], kv: number[][], p: s05.HeadsWithBias, h: number) =>
    multiHeadAttention(q, kv, kv, { ...p, wv: zeroCols(p.wv, p, h) }).output.toArray()],
  ["fixSilencedHead", "the head's columns of W_O zeroed, not its rows", (q: number[][], kv: number[][], p: s05.HeadsWithBias, h: number) =>
    multiHeadAttention(q, kv, kv, { ...p, wo: zeroCols(p.wo, p, h) }).output.toArray()],
  ["fixSilencedHead", "bo zeroed as well", (q: number[][], kv: number[][], p: s05.HeadsWithBias, h: number) => s05.fixSilencedHead(q, kv, { ...p, bo: p.bo.map(() => 0) }, h)],
  ["ablationDrop", "silenced minus whole (the sign)", (...a: Ablation) => s05.ablationDrop(...a).map((v) => -v)],
  ["ablationDrop", "the drop in probability, not in log-probability", (y: number[][], m: number[][], layers: s05.DecoderLayer[], out: { w: number[][]; b: number[] }, targets: number[], layer: number, head: number) => {
    const whole = logProbs(y, m, layers, out, targets), without = logProbs(y, m, silence(layers, layer, head), out, targets);
    return whole.map((v, i) => Math.exp(v) - Math.exp(without[i]));
  }],
  ["ablationDrop", "silenced by zeroing W_Q and W_K (uniform weights)", (y: number[][], m: number[][], layers: s05.DecoderLayer[], out: { w: number[][]; b: number[] }, targets: number[], layer: number, head: number) => {
    const uniform = layers.map((L, l) => (l !== layer ? L : { ...L, crossAttn: { ...L.crossAttn, wq: zeroCols(L.crossAttn.wq, L.crossAttn, head), wk: zeroCols(L.crossAttn.wk, L.crossAttn, head) } }));
    const whole = logProbs(y, m, layers, out, targets), without = logProbs(y, m, uniform, out, targets);
    return whole.map((v, i) => v - without[i]);
  }],
  ["ablationDrop", "the head silenced in every layer", (y: number[][], m: number[][], layers: s05.DecoderLayer[], out: { w: number[][]; b: number[] }, targets: number[], _layer: number, head: number) => {
    const all = layers.reduce((ls, _L, l) => silence(ls, l, head), layers);
    const whole = logProbs(y, m, layers, out, targets), without = logProbs(y, m, all, out, targets);
    return whole.map((v, i) => v - without[i]);
  }],
  ["ablationDrop", "self-attention without the causal mask", (y: number[][], m: number[][], layers: s05.DecoderLayer[], out: { w: number[][]; b: number[] }, targets: number[], layer: number, head: number) => {
    const lp = (ls: s05.DecoderLayer[]) => {
      const h = ls.reduce((x, L) => {
        const h1 = ln(add(x, mha(x, x, L.selfAttn)), L.norm1), h2 = ln(add(h1, mha(h1, m, L.crossAttn)), L.norm2);
        return ln(add(h2, ffn(h2, L.ffn)), L.norm3);
      }, y);
      return h.map((row, i) => { const z = out.b.map((b, c) => row.reduce((s, v, k) => s + v * out.w[k][c], b)); return z[targets[i]] - Math.log(z.reduce((s, v) => s + Math.exp(v), 0)); });
    };
    const without = lp(silence(layers, layer, head));
    return lp(layers).map((v, i) => v - without[i]);
  }],
];

for (const [name, what, f] of mutants) mutantTest(5, ex(name), what, f, s05[name as keyof typeof s05] as F);

test("05 may import multiHeadAttention (graded in 03) but not lib's layer norm or Transformer layers; 03 may not", (t) => {
  const use = (names: string) => `import { ${names} } from "../lib/index.js";`;
  t.is(checkImports(use("matmul, multiHeadAttention"), "05_transformer.ts", allowedLibImports["05_transformer.ts"]), null);
  for (const name of ["layerNorm", "feedForward", "transformerEncoderLayer", "transformerDecoderLayer"]) {
    t.regex(checkImports(use(name), "05_transformer.ts", allowedLibImports["05_transformer.ts"]) ?? "", new RegExp(`refused: line 1 imports ${name}`));
  }
  t.regex(checkImports(use("multiHeadAttention"), "03_multi_head.ts", allowedLibImports["03_multi_head.ts"]) ?? "", /refused: line 1 imports multiHeadAttention/);
});

test("a mutant that crashes (a typo in it) is not counted as caught: the check throws", (t) => {
  const pub = loadPublicCases().cases["05_transformer.ts#layerNorm"];
  const typo: F = (x: number[][]) => x.map((row) => (row as unknown as { mapp: () => number[] }).mapp());
  t.throws(() => fails(typo, pub), { instanceOf: TypeError });
});
