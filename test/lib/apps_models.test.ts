// Lesson 06's models: output shapes, attention rows that sum to 1, the masks that make GPT causal and BERT
// bidirectional, and every parameter's gradient against central finite differences (test/gradcheck.ts:
// relative error ≤ 1e-6, h = 1e-6) on tiny configurations.
import test from "ava";
import { Rng } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import {
  VisionTransformer, Captioner, CharTransformer, PatchEncoder, gptLoss, bertLoss, bertFill, gptGenerate, maskTexts,
  shapeImages, pairImages, MASK, TEXT_LENGTH, WORDS,
} from "../../lib/apps/index.js";
import { checkGrads } from "../gradcheck.js";
import { throwsWith } from "../helpers.js";

const small = (img: number[][]) => img.slice(0, 6).map((r) => r.slice(0, 6)); // 6 × 6: four 3 × 3 patches
const tinyVit = () => new VisionTransformer({ size: 6, patch: 3, dModel: 4, numHeads: 2, dFF: 4, layers: 1, classes: 4 }, new Rng(11));
const tinyCaptioner = () => new Captioner({ size: 6, patch: 3, dModel: 4, numHeads: 2, dFF: 4, layers: 1 }, new Rng(12));
const tinyChar = (causal: boolean) => new CharTransformer({ dModel: 4, numHeads: 2, dFF: 4, layers: 1, causal }, new Rng(13));
const texts = ["05.03.79>1979-03-05", "31.12.01>2001-12-31"];

/**
 * Gradients of every parameter but the key biases against finite differences, after moving every parameter
 * off its initial value (zero biases and unit gains would hide a wrong term). bk adds q·bk to every score of a
 * row, which softmax ignores: its true gradient is 0, where a relative error means nothing, so it is checked
 * to be 0 (≤ 1e-12) instead.
 */
function checkModelGrads(t: import("ava").ExecutionContext, params: Record<string, ad.Node>, heads: ad.MhaNodes[], loss: (g: ad.Graph) => ad.Node): void {
  const rng = new Rng(77), bks = new Set(heads.map((h) => h.bk));
  for (const n of Object.values(params)) for (let i = 0; i < n.value.data.length; i++) n.value.data[i] += 0.3 * rng.uniform(-1, 1);
  const named = Object.entries(params).filter(([, n]) => !bks.has(n));
  checkGrads(t, named.map(([, n]) => n), loss, named.map(([k]) => k));
  for (const b of bks) b.grad = null;
  const g = new ad.Graph();
  g.backward(loss(g));
  for (const b of bks) t.true(Array.from(b.grad ?? [0]).every((v) => Math.abs(v) <= 1e-12), `bk gradient ${b.grad}`);
}

test("patch encoder: the class token sits at row b·length without a position; patches follow with theirs", (t) => {
  const enc = new PatchEncoder(6, 3, 4, true, new Rng(2));
  const zero = Array.from({ length: 6 }, () => Array(6).fill(0));
  const x = enc.encode(new ad.Graph(false), [zero, zero]).value; // (2·5, 4)
  t.is(x.shape, "(10, 4)");
  t.deepEqual(x.row(5), Array.from(enc.nodes.cls!.value.data)); // image 1's class token: cls only
  for (let k = 0; k < 4; k++) t.deepEqual(x.row(1 + k), enc.positions.row(k)); // blank patches: b = 0, so the position only
});

test("vision Transformer: logits (B, classes), class-token attention over the (grid, grid) patches summing to 1", (t) => {
  const vit = tinyVit(), imgs = shapeImages(3, { seed: 1 }).map((x) => small(x.image));
  const out = vit.forward(new ad.Graph(false), imgs);
  t.is(out.logits.value.shape, "(3, 4)");
  t.is(out.weights[0][2][1].shape, "(5, 5)"); // class token + 4 patches
  const r = vit.classify(imgs);
  t.is(r.classAttention[2][0][1].shape, "(2, 2)");
  for (const perImage of r.classAttention) for (const w of perImage[0]) { // the rest of 1 goes to the class token itself
    const onPatches = Array.from(w.data).reduce((a, b) => a + b, 0);
    t.true(onPatches > 0 && onPatches < 1 && w.data.every((v) => v > 0));
  }
  for (let b = 0; b < 3; b++) for (let h = 0; h < 2; h++) {
    const row = out.weights[0][b][h].row(0);
    t.true(Math.abs(row.reduce((a, c) => a + c, 0) - 1) < 1e-12);
    t.deepEqual(r.classAttention[b][0][h].toArray().flat(), row.slice(1));
  }
});

test("vision Transformer: every parameter's gradient matches finite differences", (t) => {
  const vit = tinyVit(), data = shapeImages(2, { seed: 2 });
  checkModelGrads(t, vit.params, vit.layers.map((l) => l.attn), (g) => vit.loss(g, data.map((x) => small(x.image)), data.map((x) => x.label)));
});

test("captioner: logits (B·n, |WORDS|), cross-attention (n, patches) per head; gradients match finite differences", (t) => {
  const c = tinyCaptioner(), data = pairImages(2, { seed: 3 });
  const imgs = data.map((x) => small(x.image)), caps = data.map((x) => `${x.caption} .`);
  const g0 = new ad.Graph(false);
  const out = c.forward(g0, c.patches.encode(g0, imgs), [0, 1, 5, 2, 0, 3, 5, 4], 2);
  t.is(out.logits.value.shape, `(8, ${WORDS.length})`);
  t.is(out.crossWeights[0][1][1].shape, "(4, 4)");
  const r = c.caption(imgs);
  t.deepEqual(r.words.map((w) => w.length), [4, 4]);
  t.true(r.words.flat().every((w) => WORDS.includes(w as (typeof WORDS)[number])));
  checkModelGrads(t, c.params, c.layers.flatMap((l) => [l.selfAttn, l.crossAttn]), (g) => c.loss(g, imgs, caps));
  throwsWith(t, () => c.loss(new ad.Graph(false), imgs, ["ring and dog .", "bar and bar ."]), "captionIds", "dog");
});

test("GPT's mask is causal: changing a later character leaves every earlier position's logits unchanged; BERT's is not", (t) => {
  for (const causal of [true, false]) {
    const m = tinyChar(causal);
    const ids = (s: string) => [...s].map((ch) => "0123456789.->_^".indexOf(ch));
    const a = m.forward(new ad.Graph(false), ids(texts[0]), 1).logits.value;
    const b = m.forward(new ad.Graph(false), ids(texts[0].slice(0, 12) + "7" + texts[0].slice(13)), 1).logits.value;
    const earlierSame = Array.from({ length: 12 }, (_, i) => a.row(i).every((v, j) => v === b.get(i, j)));
    t.is(earlierSame.every(Boolean), causal, causal ? "GPT" : "BERT");
  }
});

test("GPT and BERT losses: gradients of every parameter match finite differences", (t) => {
  const gpt = tinyChar(true), bert = tinyChar(false);
  checkModelGrads(t, gpt.params, gpt.layers.map((l) => l.attn), (g) => gptLoss(g, gpt, texts));
  // the masks are drawn inside the loss: a fresh Rng per call keeps them the same for every evaluation
  checkModelGrads(t, bert.params, bert.layers.map((l) => l.attn), (g) => bertLoss(g, bert, texts, new Rng(5), 0.3));
});

test("GPT writes left to right from a prompt; BERT fills only its masks; each refuses the other's mask", (t) => {
  const gpt = tinyChar(true), bert = tinyChar(false);
  const out = gptGenerate(gpt, ["05.03.79>", "31.12.01>"]);
  t.true(out.every((s, i) => s.length === TEXT_LENGTH && s.startsWith(["05.03.79>", "31.12.01>"][i])));
  t.deepEqual(gptGenerate(gpt, ["05"], new Rng(3)), gptGenerate(gpt, ["05"], new Rng(3))); // seeded sampling
  const { masked, positions } = maskTexts(texts, 0.3, new Rng(9));
  t.true(positions.every((p) => p.length > 0));
  const filled = bertFill(bert, masked);
  filled.forEach((f, b) => [...f].forEach((ch, i) => (positions[b].includes(i) ? t.not(ch, MASK) : t.is(ch, texts[b][i]))));
  throwsWith(t, () => gptLoss(new ad.Graph(false), bert, texts), "gptLoss", "causal");
  throwsWith(t, () => bertFill(gpt, masked), "bertFill", "causal");
});
