import test from "ava";
import { cpSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { $ } from "zx";
import { datePairs } from "../../lib/seq2seq/dates.js";
import { train, type StepInfo, type TrainOptions } from "../../lib/seq2seq/train.js";

const root = path.resolve(import.meta.dirname, "../..");
const workerFile = path.join(root, "lib", "seq2seq", "train_worker.ts");
const pairs = datePairs(1024, { seed: 9 });
const small: TrainOptions = { config: { embed: 8, encoder: 8, decoder: 16, attention: 8, kind: "bahdanau" }, seed: 4, steps: 2, batchSize: 32, lr: 1e-2, clip: 1 };

test("two shards compute the same loss and gradient as one graph, up to rounding (tol 1e-12 relative)", (t) => {
  const first = (o: TrainOptions) => { let info: StepInfo | undefined; train(pairs, { ...o, steps: 1 }, (s) => { info = s; }); return info!; };
  const one = first(small), two = first({ ...small, shards: 2 });
  t.true(Math.abs(one.loss - two.loss) <= 1e-12 * one.loss, `loss ${one.loss} vs ${two.loss}`);
  t.true(Math.abs(one.gradNorm - two.gradNorm) <= 1e-12 * one.gradNorm, `grad norm ${one.gradNorm} vs ${two.gradNorm}`);
  t.not(one.loss, 0);
});

test("two shards give bit-identical weights on one thread and on two (the worker computes shards)", (t) => {
  const o: TrainOptions = { ...small, steps: 150, shards: 2, workerFile };
  t.timeout(120_000);
  let onWorker = 0;
  const count = (s: StepInfo) => { if (s.onWorker) onWorker++; };
  const alone = JSON.stringify(train(pairs, { ...o, threads: 1 }, count).toJSON());
  t.is(onWorker, 0, "one thread must not use the worker");
  const both = JSON.stringify(train(pairs, { ...o, threads: 2 }, count).toJSON());
  t.is(onWorker, 150, "the worker must compute every second shard once it is up");
  t.is(both, alone);
});

test("translate --weights DIR reads freshly trained weights; a folder without them is refused by name", async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "weights-"));
  cpSync(path.join(root, "notebooks", "data", "date_translator.json"), path.join(dir, "date_translator.json"));
  const ok = await $({ cwd: root, input: "3/5/79\n", nothrow: true, quiet: true })`npx tsx scripts/translate.ts --weights ${dir}`;
  t.is(ok.stdout, "1979-03-05\n");
  const empty = mkdtempSync(path.join(os.tmpdir(), "weights-"));
  const bad = await $({ cwd: root, input: "3/5/79\n", nothrow: true, quiet: true })`npx tsx scripts/translate.ts --weights ${empty}`;
  t.is(bad.exitCode, 2);
  t.regex(bad.stderr, /translate: --weights .*date_translator\.json/);
});
