// translateWithAttention: model.translate bit for bit when the weights are left alone, and otherwise the weights
// it is given, and only on the text's own characters (padding of a batch takes no part).
import test from "ava";
import { readFileSync } from "node:fs";
import { Rng, Seq2Seq, translateWithAttention, type Attend } from "../../lib/index.js";
import { datePairs, FORMATS } from "../../lib/seq2seq/dates.js";
import type { Seq2SeqConfig } from "../../lib/seq2seq/model.js";

const shipped = ["date_translator.json", "date_translator_luong.json"].map((f) =>
  JSON.parse(readFileSync(new URL(`../../notebooks/data/${f}`, import.meta.url), "utf8")) as ReturnType<Seq2Seq["toJSON"]>);
const small = (kind: Seq2SeqConfig["kind"], seed: number) =>
  new Seq2Seq({ embed: 3, encoder: 2, decoder: kind === "luong-dot" ? 4 : 5, attention: 3, kind }, new Rng(seed));
const models = [...shipped.map((j) => Seq2Seq.fromJSON(j)), small("bahdanau", 1), small("luong-dot", 2), small("luong-general", 3)];
// every format, lengths 6 to 29: a batch pads all but its longest text; 36 texts are two passes of at most 32
// (model.translate runs them as one batch: the bit-for-bit test covers the split too)
const texts = FORMATS.flatMap((_, f) => datePairs(4, { seed: 40 + f }, f)).map((p) => p.human);
const uniform: Attend = (w) => w.map(() => 1 / w.length);

test("without attend, and with attend returning its weights, it is model.translate bit for bit (isos and weights)", (t) => {
  for (const m of models) {
    const own = m.translate(texts);
    t.deepEqual(translateWithAttention(m, texts), own, m.config.kind);
    // identity: the context is mixed again here, in the fused op's own order
    t.deepEqual(translateWithAttention(m, texts, (w) => [...w]), own, m.config.kind);
  }
});

test("a saved model (its JSON) translates as the loaded one", (t) => {
  shipped.forEach((j, i) => t.deepEqual(translateWithAttention(j, texts.slice(0, 6), uniform), translateWithAttention(models[i], texts.slice(0, 6), uniform)));
});

test("attend sees each text's weights (one per character, summing to 1) at steps 0–9, and what it returns is used and reported", (t) => {
  const calls: [number, number, number, number][] = [];
  const out = translateWithAttention(models[0], texts, (w, step, b) => { calls.push([step, b, w.length, w.reduce((s, x) => s + x, 0)]); return uniform(w, step, b); });
  t.is(calls.length, 10 * texts.length);
  // 36 texts: two passes of at most 32, so the text index counts across passes
  texts.forEach((_, b) => t.deepEqual(calls.filter((c) => c[1] === b).map((c) => c[0]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  for (const [, b, n, sum] of calls) {
    t.is(n, texts[b].length);
    t.true(Math.abs(sum - 1) < 1e-12);
  }
  out.forEach((o, b) => t.deepEqual(o.attention, Array.from({ length: 10 }, () => uniform(new Array(texts[b].length).fill(0), 0, b))));
});

test("replaced weights change the translation, and padding takes no part: one text alone = the same text in a batch", (t) => {
  for (const m of models) {
    const batched = translateWithAttention(m, texts, uniform);
    texts.forEach((s, b) => t.deepEqual(translateWithAttention(m, [s], uniform)[0].iso, batched[b].iso, `${m.config.kind}: ${s}`));
  }
  // the trained Bahdanau model reads its way to the right date; the mean of its annotations does not get it there
  const isos = translateWithAttention(models[0], texts, uniform).map((o) => o.iso);
  t.true(isos.filter((iso, b) => iso === models[0].translate([texts[b]])[0].iso).length < texts.length / 4);
});

test("bad attend results and texts are refused with the function's name, the text and the step", (t) => {
  const m = models[2];
  t.throws(() => translateWithAttention(m, ["3/5/79"], () => [1]), { message: /^translateWithAttention: attend must return 6 finite numbers for text 0 \("3\/5\/79"\) at step 0, got length 1/ });
  t.throws(() => translateWithAttention(m, ["3/5/79"], (w) => w.map(() => NaN)), { message: /translateWithAttention: attend must return 6 finite numbers/ });
  t.throws(() => translateWithAttention(m, [3 as unknown as string]), { message: /translateWithAttention: texts must be an array of strings/ });
  t.deepEqual(translateWithAttention(m, []), []);
});

test("a malformed saved model is refused by name: its config, a parameter's shape, an unknown parameter", (t) => {
  const [saved] = shipped;
  const texts1 = ["3/5/79"];
  t.throws(() => translateWithAttention({ ...saved, config: { ...saved.config, kind: "dot" as "bahdanau" } }, texts1), { message: /^translateWithAttention: model must be a Seq2Seq or its JSON .*"kind":"dot"/ });
  t.throws(() => translateWithAttention({ ...saved, config: { ...saved.config, kind: "luong-dot" } }, texts1), { message: /^translateWithAttention: model must be/ }); // decoder ≠ 2·encoder
  const wo = saved.params.Wo; // (96, 11)
  t.throws(() => translateWithAttention({ ...saved, params: { ...saved.params, Wo: { ...wo, rows: wo.cols, cols: wo.rows } } }, texts1), { message: /^translateWithAttention: parameter Wo is missing or not/ });
  t.throws(() => translateWithAttention({ ...saved, params: { ...saved.params, Wa: wo } }, texts1), { message: /^translateWithAttention: unknown parameters Wa/ });
});
