// `npm run train`: trains the date translator from scratch with a progress bar (step, loss, held-out
// accuracy, ETA), then writes the weights and the training curve to notebooks/data/ (both committed).
//   -- --steps N (max steps), --seed N, --target 0.995 (stop when the validation accuracy reaches it),
//   -- --out DIR (default notebooks/data), --budget SECONDS (stop after this much wall time), --shards 1|2
// Two shards per batch run on both cores (ATTENTION_THREADS=1: one core, the same weights).
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { datePairs, heldOutPairs } from "../lib/seq2seq/dates.js";
import { accuracy, train } from "../lib/seq2seq/train.js";
import { parameterCount } from "../lib/seq2seq/model.js";
import { TRAINING } from "../lib/seq2seq/recipe.js";
import { gemmThreads } from "../lib/gemm/index.js";

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? Number(argv[i + 1]) : dflt; };
const out = (() => { const i = argv.indexOf("--out"); return path.resolve(i >= 0 ? argv[i + 1] : path.join(import.meta.dirname, "..", "notebooks", "data")); })();
const steps = opt("steps", TRAINING.maxSteps), seed = opt("seed", TRAINING.seed), target = opt("target", TRAINING.targetAccuracy), budget = opt("budget", 600);
const shards = opt("shards", TRAINING.shards) === 1 ? 1 : 2;
const workerFile = path.join(import.meta.dirname, "..", "lib", "seq2seq", "train_worker.ts");

const pairs = datePairs(TRAINING.pairs, { seed });
const seen = new Set(pairs.map((p) => p.human));
const validation = heldOutPairs(TRAINING.validationPerFormat, seed + 1, seen); // early stopping
const test = heldOutPairs(TRAINING.testPerFormat, seed + 2, seen); // reported once, at the end
console.log(`[train] ${pairs.length} training pairs, ${validation.length} validation, ${test.length} test (never seen); batch ${TRAINING.batchSize} in ${shards} shard(s) on ${Math.min(shards, gemmThreads())} thread(s), Adam lr ${TRAINING.lr}, clip ${TRAINING.clip}`);

const t0 = performance.now();
const curve: { step: number; seconds: number; loss: number; valAccuracy?: number }[] = [];
let smooth = 0, lastAcc = 0;
const model = train(pairs, { config: TRAINING.config, seed, steps, batchSize: TRAINING.batchSize, lr: TRAINING.lr, clip: TRAINING.clip, shards, workerFile }, ({ step, loss }, m) => {
  smooth = step === 1 ? loss : 0.9 * smooth + 0.1 * loss;
  const seconds = (performance.now() - t0) / 1000;
  const point: (typeof curve)[number] = { step, seconds: Number(seconds.toFixed(2)), loss: Number(loss.toFixed(5)) };
  if (step % TRAINING.evalEvery === 0) point.valAccuracy = lastAcc = accuracy(m, validation);
  curve.push(point);
  const eta = ` ETA ≤ ${((seconds / step) * (steps - step)).toFixed(0)} s`; // upper bound: early stopping usually ends sooner
  const w = 24, filled = Math.round((w * step) / steps);
  const line = `[train] [${"#".repeat(filled)}${".".repeat(w - filled)}] step ${step}/${steps} loss ${smooth.toFixed(4)} val acc ${(100 * lastAcc).toFixed(1)} % ${seconds.toFixed(1)} s${eta}`;
  // a terminal redraws one line; a log (CI, a pipe) gets one line per validation instead of a \r-joined wall
  if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
  else if (point.valAccuracy !== undefined) process.stderr.write(`${line}\n`);
  if (lastAcc >= target || seconds > budget) return false;
});
const seconds = (performance.now() - t0) / 1000;
if (process.stderr.isTTY) process.stderr.write("\n");
const testAcc = accuracy(model, test);
const peakMB = process.resourceUsage().maxRSS / 1024; // KiB → MiB, the whole process (both threads)
console.log(`[train] ${curve.length} steps in ${seconds.toFixed(1)} s; ${parameterCount(model)} parameters; test accuracy ${(100 * testAcc).toFixed(2)} % on ${test.length} unseen dates; peak memory ${peakMB.toFixed(0)} MiB`);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "date_translator.json"), JSON.stringify(model.toJSON()) + "\n");
writeFileSync(path.join(out, "date_translator_curve.json"), JSON.stringify({ seed, seconds: Number(seconds.toFixed(1)), testAccuracy: testAcc, shards, peakMB: Math.round(peakMB), curve }) + "\n");
console.log(`[train] wrote ${path.relative(process.cwd(), path.join(out, "date_translator.json"))} and date_translator_curve.json`);
