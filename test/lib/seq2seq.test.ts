import test from "ava";
import { readFileSync } from "node:fs";
import path from "node:path";
import { $ } from "zx";
import { datePairs, heldOutPairs, humanDate, FORMATS } from "../../lib/seq2seq/dates.js";
import { encodeInput } from "../../lib/seq2seq/vocab.js";
import { Seq2Seq, parameterCount } from "../../lib/seq2seq/model.js";
import { accuracy, train } from "../../lib/seq2seq/train.js";
import { TRAINING } from "../../lib/seq2seq/recipe.js";
import { Rng } from "../../lib/index.js";
import { throwsWith } from "../helpers.js";

const root = path.resolve(import.meta.dirname, "../..");
const shipped = () => Seq2Seq.fromJSON(JSON.parse(readFileSync(path.join(root, "notebooks", "data", "date_translator.json"), "utf8")));

test("the nine formats, shown for 1979-03-05 (a Monday)", (t) => {
  const day = Date.UTC(1979, 2, 5) / 86_400_000;
  t.deepEqual(FORMATS.map((_, f) => humanDate(day, f)), [...FORMATS]);
});

test("generated pairs: range, weekdays, two-digit years, lower case without commas", (t) => {
  const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  for (const p of datePairs(3000, { seed: 11 })) {
    t.true(p.iso >= "1970-01-01" && p.iso <= "2029-12-31", p.iso);
    t.regex(p.human, /^[a-z0-9 ./]+$/);
    const d = new Date(`${p.iso}T00:00:00Z`);
    if (p.format === 3) t.is(p.human.split(" ")[0], weekdays[d.getUTCDay()], p.human);
    if ([0, 7, 8].includes(p.format)) {
      const yy = Number(p.human.split(/[/ .]/)[2]);
      t.is(yy < 30 ? 2000 + yy : 1900 + yy, d.getUTCFullYear(), p.human);
    }
  }
  t.deepEqual(datePairs(5, { seed: 1 }), datePairs(5, { seed: 1 }));
});

test("held-out pairs are spread evenly over the formats and never seen", (t) => {
  const seen = new Set(datePairs(2000, { seed: 1 }).map((p) => p.human));
  const held = heldOutPairs(20, 5, new Set(seen));
  t.is(held.length, 180);
  for (let f = 0; f < 9; f++) t.is(held.filter((p) => p.format === f).length, 20);
  t.false(held.some((p) => seen.has(p.human)));
});

test("the vocabulary refuses unknown characters and long inputs by name", (t) => {
  t.throws(() => encodeInput("march 5th!"), { message: /encodeInput: character "!" at position 9/ });
  t.throws(() => encodeInput("x".repeat(33)), { message: /33 characters; the encoder takes at most 32/ });
});

test("a short training run lowers the loss, and training twice gives identical weights", (t) => {
  const pairs = datePairs(512, { seed: 3 });
  const opts = { config: { embed: 8, encoder: 8, decoder: 16, attention: 8, kind: "bahdanau" as const }, seed: 4, steps: 40, batchSize: 32, lr: 1e-2, clip: 1 };
  const losses: number[] = [];
  const a = train(pairs, opts, ({ loss }) => { losses.push(loss); });
  const b = train(pairs, opts);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  t.true(mean(losses.slice(-5)) < 0.8 * mean(losses.slice(0, 5)), `first ${mean(losses.slice(0, 5))}, last ${mean(losses.slice(-5))}`);
  t.deepEqual(JSON.stringify(a.toJSON()), JSON.stringify(b.toJSON()));
});

test("the shipped weights reach ≥ 99 % on a fresh held-out sample of 1,008 dates", (t) => {
  const model = shipped();
  const trainingSet = new Set(datePairs(TRAINING.pairs, { seed: TRAINING.seed }).map((p) => p.human));
  const fresh = heldOutPairs(112, 424242, trainingSet); // a seed training never used
  const acc = accuracy(model, fresh);
  t.log(`accuracy ${(100 * acc).toFixed(2)} % on ${fresh.length} fresh dates; ${parameterCount(model)} parameters`);
  t.true(acc >= 0.99, `accuracy ${acc}`);
});

test("the shipped weights and curve are small and consistent", (t) => {
  const file = path.join(root, "notebooks", "data", "date_translator.json");
  t.true(readFileSync(file).length < 2_000_000);
  const curve = JSON.parse(readFileSync(path.join(root, "notebooks", "data", "date_translator_curve.json"), "utf8"));
  t.true(curve.testAccuracy >= 0.99);
  t.true(curve.curve.length > 10 && curve.curve[0].loss > curve.curve.at(-1).loss);
});

test("translate CLI: one output line per input line, never stops mid-stream", async (t) => {
  const input = ["monday march 5 1979", "", "3/5/79", "March 5, 1979", "the 5th of march!", "x".repeat(40), "05.03.79"].join("\n") + "\n";
  const r = await $({ cwd: root, input, nothrow: true, quiet: true })`npx tsx scripts/translate.ts --attention`;
  t.is(r.exitCode, 0);
  t.deepEqual(r.stdout.split("\n"), ["1979-03-05", "", "1979-03-05", "1979-03-05", "", "", "1979-03-05", ""]);
  t.regex(r.stderr, /translate: line 5: encodeInput: character "!"/);
  t.regex(r.stderr, /translate: line 6: .*40 characters/);
  t.regex(r.stderr, /^1 │.*│$/m); // the text heatmap
});

test("Seq2Seq.fromJSON refuses a malformed file with an Error that says what is wrong (as DateTransformer's does)", (t) => {
  const F = "Seq2Seq.fromJSON";
  const good = () => JSON.parse(JSON.stringify(new Seq2Seq({ embed: 4, encoder: 4, decoder: 8, attention: 4, kind: "bahdanau" }, new Rng(1)).toJSON()));
  t.notThrows(() => Seq2Seq.fromJSON(good()));
  throwsWith(t, () => Seq2Seq.fromJSON(null), F, "null");
  throwsWith(t, () => Seq2Seq.fromJSON({ ...good(), kind: "date-transformer" }), F, "date-transformer", "DateTransformer.fromJSON");
  throwsWith(t, () => Seq2Seq.fromJSON({ ...good(), config: { ...good().config, kind: "luong" } }), F, "config.kind", "luong");
  throwsWith(t, () => Seq2Seq.fromJSON({ ...good(), config: { ...good().config, encoder: 0 } }), F, "config.encoder");
  const nan = good(); nan.params.Ws.data[3] = null; // what JSON makes of NaN
  throwsWith(t, () => Seq2Seq.fromJSON(nan), F, "Ws", "finite");
  const short = good(); short.params.bo.data.pop();
  throwsWith(t, () => Seq2Seq.fromJSON(short), F, "bo", "finite");
  const missing = good(); delete missing.params.wv;
  throwsWith(t, () => Seq2Seq.fromJSON(missing), F, "wv", "missing");
  const extra = good(); extra.params.Wa = extra.params.Ws;
  throwsWith(t, () => Seq2Seq.fromJSON(extra), F, "unknown", "Wa");
});
