// `npm run train`: trains a date translator from scratch with a progress bar (step, loss, held-out
// accuracy, ETA), then writes the weights and the training curve to notebooks/data/ (both committed).
//   -- --model bahdanau|luong|transformer (default bahdanau: the GRU of notebook 04; luong: the same GRU with
//      Luong attention; transformer: lib/seq2seq/transformer_model.ts), each with its recipe in recipe.ts;
//      vit|caption|gpt|bert: lesson 06's models, trained by scripts/train_apps.ts (lib/apps/recipes.ts)
//      bottleneck|norms: the experiments of notebooks 04 and 05's measured claims (scripts/train_claims.ts)
//   -- --steps N (max steps), --seed N, --target 0.995 (stop when the validation accuracy reaches it, at
//      `patience` evaluations in a row: 1 unless the recipe says otherwise),
//   -- --out DIR (default notebooks/data), --budget SECONDS (stop after this much wall time), --shards 1|2
// Two shards per batch run on both cores (ATTENTION_THREADS=1: one core, the same weights).
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { FORMATS, datePairs, heldOutPairs } from "../lib/seq2seq/dates.js";
import { accuracy, train } from "../lib/seq2seq/train.js";
import { parameterCount } from "../lib/seq2seq/model.js";
import { LUONG_TRAINING, TRAINING, TRANSFORMER_TRAINING } from "../lib/seq2seq/recipe.js";
import { defaultThreads } from "../lib/threads.js";
import { CLAIM_MODELS, runClaims } from "./train_claims.js";
import { scriptOptions } from "./options.js";

// every model's options; lesson 06's models and the claims take fewer, and their scripts refuse the rest
const options = scriptOptions("train", { model: ["bahdanau", "luong", "transformer", "vit", "caption", "gpt", "bert", ...CLAIM_MODELS],
  steps: "integer", seed: "integer", target: "number", out: "value", budget: "number", shards: ["1", "2"] });
const argv = process.argv.slice(2);
const opt = (name: "steps" | "seed" | "target" | "budget" | "shards", dflt: number) => Number(options[name] ?? dflt);
const MODELS = {
  bahdanau: { recipe: TRAINING, file: "date_translator" },
  luong: { recipe: LUONG_TRAINING, file: "date_translator_luong" },
  transformer: { recipe: TRANSFORMER_TRAINING, file: "date_transformer" },
} as const;
const modelName = options.model ?? "bahdanau";
if (["vit", "caption", "gpt", "bert"].includes(modelName)) { // lesson 06's models: scripts/train_apps.ts
  await import("./train_apps.js");
  process.exit(0);
}
if ((CLAIM_MODELS as readonly string[]).includes(modelName)) { // the measured claims' experiments (train_claims.ts)
  try {
    console.log(`[train ${modelName}] wrote ${runClaims(argv)}`);
    process.exit(0);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
if (!(modelName in MODELS)) {
  console.error(`train: --model must be one of ${Object.keys(MODELS).join(", ")}, got ${JSON.stringify(modelName)}`);
  process.exit(2);
}
const { recipe: R, file } = MODELS[modelName as keyof typeof MODELS];
const tag = modelName === "bahdanau" ? "[train]" : `[train ${modelName}]`;
const out = path.resolve(options.out ?? path.join(import.meta.dirname, "..", "notebooks", "data"));
const steps = opt("steps", R.maxSteps), seed = opt("seed", R.seed), target = opt("target", R.targetAccuracy), budget = opt("budget", 600);
const shards = opt("shards", R.shards) === 1 ? 1 : 2;
const warmup = "warmup" in R ? R.warmup : undefined, patience = "patience" in R ? R.patience : 1;
const workerFile = path.join(import.meta.dirname, "..", "lib", "seq2seq", "train_worker.ts");

const pairs = datePairs(R.pairs, { seed });
const seen = new Set(pairs.map((p) => p.human));
const validation = heldOutPairs(R.validationPerFormat, seed + 1, seen); // early stopping
const test = heldOutPairs(R.testPerFormat, seed + 2, seen); // reported once, at the end
console.log(`${tag} ${pairs.length} training pairs, ${validation.length} validation, ${test.length} test (never seen); batch ${R.batchSize} in ${shards} shard(s) on ${Math.min(shards, defaultThreads())} thread(s), Adam lr ${R.lr}${warmup ? ` (warm-up ${warmup} steps)` : ""}, clip ${R.clip}`);

const t0 = performance.now();
const curve: { step: number; seconds: number; loss: number; valAccuracy?: number }[] = [];
let smooth = 0, lastAcc = 0, onTarget = 0, validationSeconds = 0;
const model = train(pairs, { config: R.config, seed, steps, batchSize: R.batchSize, lr: R.lr, clip: R.clip, warmup, shards, workerFile }, ({ step, loss }, m) => {
  smooth = step === 1 ? loss : 0.9 * smooth + 0.1 * loss;
  const seconds = (performance.now() - t0) / 1000;
  const point: (typeof curve)[number] = { step, seconds: Number(seconds.toFixed(2)), loss: Number(loss.toFixed(5)) };
  if (step % R.evalEvery === 0) {
    const v0 = performance.now();
    point.valAccuracy = lastAcc = accuracy(m, validation);
    validationSeconds += (performance.now() - v0) / 1000;
    onTarget = lastAcc >= target ? onTarget + 1 : 0;
  }
  curve.push(point);
  const eta = ` ETA ≤ ${((seconds / step) * (steps - step)).toFixed(0)} s`; // upper bound: early stopping usually ends sooner
  const w = 24, filled = Math.round((w * step) / steps);
  const line = `${tag} [${"#".repeat(filled)}${".".repeat(w - filled)}] step ${step}/${steps} loss ${smooth.toFixed(4)} val acc ${(100 * lastAcc).toFixed(1)} % ${seconds.toFixed(1)} s${eta}`;
  // a terminal redraws one line; a log (CI, a pipe) gets one line per validation instead of a \r-joined wall
  if (process.stderr.isTTY) process.stderr.write(`\r${line}   `);
  else if (point.valAccuracy !== undefined) process.stderr.write(`${line}\n`);
  if (onTarget >= patience || seconds > budget) return false;
});
const seconds = (performance.now() - t0) / 1000;
if (process.stderr.isTTY) process.stderr.write("\n");
const testAcc = accuracy(model, test);
const peakMB = process.resourceUsage().maxRSS / 1024; // KiB → MiB, the whole process (both threads)
const parameters = parameterCount(model);
console.log(`${tag} ${curve.length} steps in ${seconds.toFixed(1)} s; ${parameters} parameters; test accuracy ${(100 * testAcc).toFixed(2)} % on ${test.length} unseen dates; peak memory ${peakMB.toFixed(0)} MiB`);
const perFormat = FORMATS.map((_, f) => accuracy(model, test.filter((p) => p.format === f)));
console.log(`${tag} per format: ${FORMATS.map((f, i) => `"${f}" ${(100 * perFormat[i]).toFixed(1)} %`).join(", ")}`);
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, `${file}.json`), JSON.stringify(model.toJSON()) + "\n");
// the GRU + Bahdanau curve keeps its original shape; the newer models also record their size and per-format accuracy
const extra = modelName === "bahdanau" ? {} : { parameters, testAccuracyPerFormat: perFormat, validationSeconds: Number(validationSeconds.toFixed(1)) };
writeFileSync(path.join(out, `${file}_curve.json`), JSON.stringify({ seed, seconds: Number(seconds.toFixed(1)), testAccuracy: testAcc, ...extra, shards, peakMB: Math.round(peakMB), curve }) + "\n");
console.log(`${tag} wrote ${path.relative(process.cwd(), path.join(out, `${file}.json`))} and ${file}_curve.json`);
