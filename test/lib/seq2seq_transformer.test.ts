// The Transformer date translator (lib/seq2seq/transformer_model.ts) and the Luong-trained GRU: the
// translate() interface, saving and loading, bad files, the batched forward against lib's readable layers
// (tol 1e-12), a short deterministic training run, and the shipped weights on dates training never saw.
import test from "ava";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { Rng } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { DateTransformer, transformerParameterCount, type TransformerConfig } from "../../lib/seq2seq/transformer_model.js";
import { readableTranslate } from "../../lib/seq2seq/transformer_readable.js";
import { Seq2Seq } from "../../lib/seq2seq/model.js";
import { FORMATS, datePairs, heldOutPairs } from "../../lib/seq2seq/dates.js";
import { accuracy, train } from "../../lib/seq2seq/train.js";
import { TRAINING, TRANSFORMER_TRAINING } from "../../lib/seq2seq/recipe.js";
import { defaultThreads } from "../../lib/threads.js";
import { assertClose, throwsWith } from "../helpers.js";

const root = path.resolve(import.meta.dirname, "../..");
const data = (f: string) => path.join(root, "notebooks", "data", f);
const shipped = () => DateTransformer.fromJSON(JSON.parse(readFileSync(data("date_transformer.json"), "utf8")));
const TINY: TransformerConfig = { dModel: 8, numHeads: 2, dFF: 16, encoderLayers: 1, decoderLayers: 2 };
const TEXTS = ["3/5/79", "monday march 5 1979", "05.03.79", "31 dec 2029", "thursday january 1 1970"];
/** Training never saw these: a held-out sample per format, from a seed no training run uses. */
const fresh = (perFormat: number) => heldOutPairs(perFormat, 515151, new Set(datePairs(TRAINING.pairs, { seed: TRAINING.seed }).map((p) => p.human)));

test("translate: 10-character outputs and, per text, weights [layer][head] of the right shapes whose rows sum to 1", (t) => {
  const m = new DateTransformer(TINY, new Rng(5));
  const r = m.translate(TEXTS);
  t.is(r.length, TEXTS.length);
  TEXTS.forEach((text, b) => {
    t.regex(r[b].iso, /^[0-9-]{10}$/);
    t.is(r[b].crossWeights.length, 2);
    t.is(r[b].encoderWeights.length, 1);
    for (const layer of r[b].crossWeights) for (const w of layer) {
      t.deepEqual([w.rows, w.cols], [10, text.length]); // padding columns are cut off: they carry weight 0
      for (let i = 0; i < 10; i++) t.true(Math.abs(w.row(i).reduce((s, v) => s + v, 0) - 1) < 1e-12);
    }
    for (const w of r[b].encoderWeights[0]) t.deepEqual([w.rows, w.cols], [text.length, text.length]);
    t.is(r[b].crossWeights[0].length, 2);
    // `attention`, the GRU translator's field: the last layer's heads averaged, by hand for entry (9, 0)
    const last = r[b].crossWeights[1];
    t.deepEqual([r[b].attention.length, r[b].attention[0].length], [10, text.length]);
    t.is(r[b].attention[9][0], (last[0].get(9, 0) + last[1].get(9, 0)) / 2);
  });
  t.deepEqual(m.config, TINY);
  // encoder layer: 4 (8, 8) projections + biases, FFN 8·16 + 16 + 16·8 + 8, two norms of 2·8;
  // decoder layer: the same plus a cross-attention and a third norm; embeddings 40·8 + 12·8; output 8·11 + 11
  const enc = 4 * 72 + 2 * 128 + 24 + 32, dec = enc + 4 * 72 + 16;
  t.is(transformerParameterCount(m), 40 * 8 + 12 * 8 + enc + 2 * dec + 99);
});

test("embed refuses more positions than its table has, or an n that does not divide the ids (no stale rows)", (t) => {
  const m = new DateTransformer(TINY, new Rng(5)), g = new ad.Graph(false);
  throwsWith(t, () => m.embed(g, m.embIn, new Int32Array(40).fill(1), 40), "DateTransformer.embed", "1 to 32", "got 40");
  throwsWith(t, () => m.embed(g, m.embIn, new Int32Array(6).fill(1), 4), "DateTransformer.embed", "divide the 6 ids");
  t.is(m.embed(g, m.embIn, new Int32Array(64).fill(1), 32).rows, 64);
});

test("toJSON → fromJSON round trip: the same file and the same translations", (t) => {
  const m = new DateTransformer(TINY, new Rng(6));
  const json = JSON.parse(JSON.stringify(m.toJSON()));
  const back = DateTransformer.fromJSON(json);
  t.is(JSON.stringify(back.toJSON()), JSON.stringify(json));
  t.deepEqual(back.translate(TEXTS).map((r) => r.iso), DateTransformer.fromJSON(json).translate(TEXTS).map((r) => r.iso));
  t.deepEqual(back.config, TINY);
});

test("fromJSON rejects a malformed file with an Error that says what is wrong", (t) => {
  const good = () => JSON.parse(JSON.stringify(new DateTransformer(TINY, new Rng(6)).toJSON()));
  const F = "DateTransformer.fromJSON";
  throwsWith(t, () => DateTransformer.fromJSON(null), F, "null");
  throwsWith(t, () => DateTransformer.fromJSON(JSON.parse(readFileSync(data("date_translator.json"), "utf8"))), F, "kind", "GRU");
  throwsWith(t, () => DateTransformer.fromJSON({ ...good(), config: { ...TINY, numHeads: 3 } }), F, "dModel = 8", "numHeads = 3");
  throwsWith(t, () => DateTransformer.fromJSON({ ...good(), config: { ...TINY, dFF: 0 } }), F, "config.dFF");
  const missing = good(); delete missing.params["dec1.crossAttn.wq"];
  throwsWith(t, () => DateTransformer.fromJSON(missing), F, "dec1.crossAttn.wq", "(8, 8)");
  const shape = good(); shape.params["out.w"].cols = 12;
  throwsWith(t, () => DateTransformer.fromJSON(shape), F, "out.w", "(8, 11)");
  const nan = good(); nan.params["enc0.norm1.gamma"].data[3] = null; // what JSON makes of NaN
  throwsWith(t, () => DateTransformer.fromJSON(nan), F, "enc0.norm1.gamma", "finite");
  const extra = good(); extra.params["enc1.attn.wq"] = extra.params["enc0.attn.wq"];
  throwsWith(t, () => DateTransformer.fromJSON(extra), F, "unknown", "enc1.attn.wq");
});

/** The batched autodiff forward (padding masked, placeholders after the current step) vs lib's readable layers. */
function agreesWithReadable(t: import("ava").ExecutionContext, m: DateTransformer, texts: string[]): void {
  const fast = m.translate(texts); // one padded batch of different lengths
  texts.forEach((text, b) => {
    const slow = readableTranslate(m, text);
    t.is(fast[b].iso, slow.output, text);
    slow.crossWeights.forEach((layer, l) => layer.forEach((w, h) => assertClose(t, fast[b].crossWeights[l][h], w, 1e-12)));
    slow.encoderWeights.forEach((layer, l) => layer.forEach((w, h) => assertClose(t, fast[b].encoderWeights[l][h], w, 1e-12)));
  });
}

test("inference equals lib's readable transformerEncoderLayer / transformerDecoderLayer on random weights (tol 1e-12)", (t) => {
  agreesWithReadable(t, new DateTransformer({ ...TINY, encoderLayers: 2 }, new Rng(8)), TEXTS);
});

test("the shipped model's inference equals lib's readable layers on the same weights (tol 1e-12)", (t) => {
  const m = shipped();
  agreesWithReadable(t, m, [...TEXTS, ...fresh(2).map((p) => p.human)]);
  t.is(readableTranslate(m, "3/5/79").output, "1979-03-05");
});

test("a short training run lowers the loss and gives identical weights on one thread and with the shard worker", (t) => {
  t.timeout(60_000);
  const pairs = datePairs(512, { seed: 3 });
  const o = { config: TINY, seed: 4, steps: 40, batchSize: 32, lr: 2e-2, clip: 1, warmup: 20, shards: 2 as const };
  const losses: number[] = [];
  const alone = train(pairs, o, ({ loss }) => { losses.push(loss); });
  let onWorker = 0;
  const worker = train(pairs, { ...o, workerFile: path.join(root, "lib", "seq2seq", "train_worker.ts") }, (s) => { if (s.onWorker) onWorker++; });
  if (defaultThreads() > 1) t.true(onWorker > 30, "the worker must compute the second shards once it is up");
  else t.log("one thread (ATTENTION_THREADS=1): both runs compute the shards on this thread");
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  t.true(mean(losses.slice(-5)) < 0.85 * mean(losses.slice(0, 5)), `first ${mean(losses.slice(0, 5))}, last ${mean(losses.slice(-5))}`);
  t.is(JSON.stringify(worker.toJSON()), JSON.stringify(alone.toJSON()));
  t.not(JSON.stringify(alone.toJSON()), JSON.stringify(new DateTransformer(TINY, new Rng(4)).toJSON()));
});

test("the shipped Transformer reaches ≥ 99 % on fresh held-out dates of each of the 9 formats", (t) => {
  const m = shipped(), sample = fresh(200); // 1,800 dates: at 99 % a format may miss 2 of its 200
  const per = FORMATS.map((_, f) => accuracy(m, sample.filter((p) => p.format === f)));
  t.log(`per format: ${per.map((a) => (100 * a).toFixed(1)).join(" ")} %; ${transformerParameterCount(m)} parameters`);
  per.forEach((a, f) => t.true(a >= 0.99, `format "${FORMATS[f]}": ${a}`));
  const curve = JSON.parse(readFileSync(data("date_transformer_curve.json"), "utf8"));
  t.is(curve.parameters, transformerParameterCount(m));
  t.deepEqual(m.config, TRANSFORMER_TRAINING.config);
  t.true(curve.curve[0].loss > curve.curve.at(-1).loss);
});

test("the shipped curve is the recipe's: its first 10 losses as trained now (both shards on this thread), and its step count", (t) => {
  const R = TRANSFORMER_TRAINING, curve = JSON.parse(readFileSync(data("date_transformer_curve.json"), "utf8"));
  const losses: number[] = [];
  train(datePairs(R.pairs, { seed: R.seed }), { config: R.config, seed: R.seed, steps: 10, batchSize: R.batchSize, lr: R.lr, clip: R.clip,
    warmup: R.warmup, shards: R.shards, threads: 1 }, ({ loss }) => { losses.push(Number(loss.toFixed(5))); });
  t.deepEqual(losses, curve.curve.slice(0, 10).map((p: { loss: number }) => p.loss));
  t.is(curve.curve.length, 2200); // the step the stopping rule ended at; README and notebook 05 quote it
});

test("the shipped Luong-trained GRU reaches ≥ 99 % on fresh held-out dates", (t) => {
  const m = Seq2Seq.fromJSON(JSON.parse(readFileSync(data("date_translator_luong.json"), "utf8")));
  t.is(m.config.kind, "luong-general");
  const acc = accuracy(m, fresh(60));
  t.log(`accuracy ${(100 * acc).toFixed(2)} % on 540 fresh dates`);
  t.true(acc >= 0.99, `accuracy ${acc}`);
});

test("translate CLI: --model transformer and --model luong read their weights (also from --weights DIR); an unknown model is refused", async (t) => {
  for (const model of ["transformer", "luong"]) {
    const r = await $({ cwd: root, input: "monday march 5 1979\n3/5/79\n", nothrow: true, quiet: true })`npx tsx scripts/translate.ts --model ${model} --attention`;
    t.is(r.stdout, "1979-03-05\n1979-03-05\n", model);
    t.regex(r.stderr, /^1 │.*│$/m);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "weights-"));
  cpSync(data("date_transformer.json"), path.join(dir, "date_transformer.json"));
  const own = await $({ cwd: root, input: "05.03.79\n", nothrow: true, quiet: true })`npx tsx scripts/translate.ts --model transformer --weights ${dir}`;
  t.is(own.stdout, "1979-03-05\n");
  const bad = await $({ cwd: root, input: "3/5/79\n", nothrow: true, quiet: true })`npx tsx scripts/translate.ts --model gpt`;
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /--model must be one of bahdanau, luong, transformer/);
});
