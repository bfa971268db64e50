// The TypeScript half of scripts/bench_transformer.ts: the Transformer recipe (lib/seq2seq/recipe.ts) for a fixed
// number of steps with no validation, timed per step, with the main thread's garbage-collection time (the
// PerformanceObserver's "gc" entries; a worker's own GC is not seen) and the accuracy per format on the 1,008
// test dates. Prints one JSON line. Usage: tsx time_transformer_ts.ts --steps N
import { PerformanceObserver } from "node:perf_hooks";
import path from "node:path";
import { FORMATS, datePairs, heldOutPairs } from "../../lib/seq2seq/dates.js";
import { accuracy, train } from "../../lib/seq2seq/train.js";
import { TRANSFORMER_TRAINING as R } from "../../lib/seq2seq/recipe.js";
import { defaultThreads } from "../../lib/threads.js";

const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) if (args[i] !== "--steps") throw new Error(`time_transformer_ts: unknown option ${args[i]} (only --steps N)`);
const steps = args.includes("--steps") ? Number(args[args.indexOf("--steps") + 1]) : 200;
if (!Number.isInteger(steps) || steps < 1) throw new Error(`time_transformer_ts: --steps must be a positive integer, got ${steps}`);

const pairs = datePairs(R.pairs, { seed: R.seed });
const seen = new Set(pairs.map((p) => p.human));
heldOutPairs(R.validationPerFormat, R.seed + 1, seen); // drawn first, as scripts/train.ts does: the test set excludes it
const test = heldOutPairs(R.testPerFormat, R.seed + 2, seen);
let gcMs = 0;
const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) gcMs += e.duration; });
obs.observe({ entryTypes: ["gc"] });
const workerFile = path.join(import.meta.dirname, "..", "..", "lib", "seq2seq", "train_worker.ts");
let t0 = 0, lastLoss = NaN, onWorker = false;
const start = performance.now();
const model = train(pairs, { config: R.config, seed: R.seed, steps, batchSize: R.batchSize, lr: R.lr, clip: R.clip, warmup: R.warmup, shards: R.shards, workerFile }, (info) => {
  if (info.step === 1) t0 = performance.now(); // step 1 includes the worker's start-up: timed from its end
  lastLoss = info.loss; onWorker ||= info.onWorker;
});
const end = performance.now();
await new Promise((r) => setTimeout(r, 0)); // let the observer deliver the last entries
obs.disconnect();
const perFormat = FORMATS.map((_, f) => accuracy(model, test.filter((p) => p.format === f)));
console.log(JSON.stringify({
  steps, msPerStep: steps > 1 ? (end - t0) / (steps - 1) : end - start, trainSeconds: (end - start) / 1000, gcShare: gcMs / (end - start),
  finalLoss: lastLoss, testAccuracy: accuracy(model, test), perFormat, threads: onWorker ? 2 : 1, defaultThreads: defaultThreads(),
}));
