// Part of `npm run bench`: the date translator trained from scratch by `npm run train` into temporary folders
// (the shipped weights are untouched), on both cores and then with ATTENTION_THREADS=1: wall time, accuracy and
// peak memory against the 30 s / 99 % target, and whether the two runs wrote byte-identical weights (they must:
// a batch is always two shards whose gradients are added in the same order, whichever thread computed them).
// `npx tsx scripts/bench_train.ts --model transformer` (or luong) does the same for that model (not part of
// `npm run bench`: the Transformer takes ~3–4 min per run).
import { $ } from "zx";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { scriptOptions } from "./options.js";

const model = scriptOptions("bench_train", { model: ["bahdanau", "luong", "transformer"] }).model ?? "bahdanau";
const root = path.resolve(import.meta.dirname, "..");
const FILES = { bahdanau: "date_translator", luong: "date_translator_luong", transformer: "date_transformer" } as const;
const file = FILES[model];
interface Log { seconds: number; testAccuracy: number; peakMB: number; curve: unknown[] }

async function run(threads: string): Promise<{ out: string; log: Log; wall: number }> {
  const out = mkdtempSync(path.join(os.tmpdir(), "attention-kit-train-"));
  const t0 = performance.now();
  await $({ cwd: root, quiet: true, env: { ...process.env, ATTENTION_THREADS: threads } })`npx tsx scripts/train.ts --model ${model} --out ${out}`;
  const wall = (performance.now() - t0) / 1000;
  return { out, wall, log: JSON.parse(readFileSync(path.join(out, `${file}_curve.json`), "utf8")) as Log };
}

console.log(`\ntraining the date translator (${model}) from scratch (npm run train -- --model ${model}: 2 shards per batch)`);
const runs: { out: string }[] = [];
for (const threads of ["2", "1"]) {
  const { out, log, wall } = await run(threads);
  runs.push({ out });
  console.log(`  ${threads} thread(s): ${log.curve.length} steps, training ${log.seconds.toFixed(1)} s (target ≤ ${model === "transformer" ? "180" : "30"} s on 2 cores; wall ${wall.toFixed(1)} s with start-up and the final test), ` +
    `${(100 * log.testAccuracy).toFixed(2)} % exact on 1,008 unseen dates (target ≥ 99 %), peak memory ${log.peakMB} MiB`);
}
const same = readFileSync(path.join(runs[0].out, `${file}.json`), "utf8") === readFileSync(path.join(runs[1].out, `${file}.json`), "utf8");
console.log(`  weights byte-identical on 2 threads and on 1: ${same ? "yes" : "NO (a thread-count dependence crept in)"}`);
const shipped = readFileSync(path.join(root, "notebooks", "data", `${file}.json`), "utf8") === readFileSync(path.join(runs[0].out, `${file}.json`), "utf8");
console.log(`  retraining reproduces the shipped notebooks/data/${file}.json byte for byte: ${shipped ? "yes" : "NO (retrain and commit the new weights, then rerun the notebooks that load them)"}`);
