// Part of `npm run bench` (issue 23): the Transformer date translator's training in TypeScript beside the same
// recipe in PyTorch (scripts/reference/train_transformer_torch.py, float64, 2 torch threads, OpenBLAS on one),
// timed in one run and interleaved (TS, torch, TS, torch … for --rounds), so machine load hits both alike.
// Reports ms a step for each, the ratio, TS's main-thread GC share and the accuracy per format on the 1,008
// unseen test dates. The torch half is skipped, with the reason printed, when .venv has no torch
// (.venv/bin/pip install -r requirements/bench.txt).
//   --steps N   steps per run (default 200: minutes, not the full recipe; accuracy is then far from 100 %)
//   --rounds N  interleaved TS/torch pairs (default 3, 1 with --full: one pair varies by ±15 % here; the median is printed)
//   --full      the whole recipe instead, with validation and early stopping: `npm run train -- --model
//               transformer` into a temporary folder beside the torch script without --no-validation
//   --torch-threads N (default 2; torch's OpenMP wait policy unless OMP_WAIT_POLICY is set)
import { $ } from "zx";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { venvPython } from "../env/python.js";
import { FORMATS } from "../lib/seq2seq/dates.js";
import { scriptOptions } from "./options.js";

const root = path.resolve(import.meta.dirname, "..");
const o = scriptOptions("bench_transformer", { steps: "integer", rounds: "integer", full: "flag", "torch-threads": "integer" });
const positive = (name: string, v: string | number | undefined, dflt: number) => {
  const n = v === undefined ? dflt : Number(v);
  if (!(n >= 1)) { console.error(`[bench_transformer] --${name} must be at least 1, got ${v}`); process.exit(2); }
  return n;
};
const full = o.full === true, steps = positive("steps", o.steps, 200), rounds = positive("rounds", o.rounds, full ? 1 : 3);
const torchThreads = positive("torch-threads", o["torch-threads"], 2);
interface Run { steps: number; msPerStep: number; finalLoss: number; testAccuracy: number; perFormat: number[]; gcShare?: number; withValidationS?: number }

const tmp = mkdtempSync(path.join(os.tmpdir(), "attention-kit-bench-transformer-"));
const recipe = path.join(tmp, "recipe.json");
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(", ");

async function runTs(): Promise<Run> {
  if (!full) {
    const r = await $({ cwd: root, quiet: true })`npx tsx scripts/reference/time_transformer_ts.ts --steps ${steps}`;
    return JSON.parse(r.stdout.trim().split("\n").pop()!) as Run;
  }
  const out = mkdtempSync(path.join(tmp, "ts-"));
  await $({ cwd: root, quiet: true })`npx tsx scripts/train.ts --model transformer --out ${out}`;
  const log = JSON.parse(readFileSync(path.join(out, "date_transformer_curve.json"), "utf8")) as { seconds: number; validationSeconds: number; testAccuracy: number; testAccuracyPerFormat: number[]; curve: unknown[] };
  const n = log.curve.length; // ms a step counts training only, as the torch script's does; validations are in the wall time
  return { steps: n, msPerStep: (1000 * (log.seconds - log.validationSeconds)) / n, finalLoss: NaN, testAccuracy: log.testAccuracy, perFormat: log.testAccuracyPerFormat, withValidationS: log.seconds };
}

async function runTorch(): Promise<Run> {
  const out = path.join(tmp, "torch.json");
  const opts = full ? [] : ["--steps", String(steps), "--no-validation"];
  // torch's own OpenMP wait policy (spinning): a passive wait made its two threads 2.3× slower on an idle EPYC
  // (56 against 24 ms a step); under heavy load spinning is the worse one (1.9 s a step at load average 17).
  await $({ cwd: root, quiet: true, env: { ...process.env, OPENBLAS_NUM_THREADS: "1" } })`${venvPython} scripts/reference/train_transformer_torch.py ${recipe} ${opts} --threads ${torchThreads} --json ${out}`;
  const r = JSON.parse(readFileSync(out, "utf8")) as Run & { trainSeconds: number; validationSeconds: number };
  return { ...r, withValidationS: r.trainSeconds + r.validationSeconds };
}

const torchMissing = !existsSync(venvPython) ? `${path.relative(root, venvPython)} does not exist (npm start makes .venv)`
  : (await $({ nothrow: true, quiet: true })`${venvPython} -c ${"import torch"}`).exitCode !== 0 ? "torch is not installed in .venv" : null;
console.log(`\nthe Transformer date translator: TypeScript beside PyTorch (${full ? "the full recipe, with validation and early stopping" : `${steps} steps each, no validation`}; load average ${load()})`);
if (torchMissing) console.log(`  PyTorch half skipped: ${torchMissing}; install it with .venv/bin/pip install -r requirements/bench.txt`);
else await $({ cwd: root, quiet: true })`npx tsx scripts/reference/dump_transformer_recipe.ts ${recipe}`;

const fmt = (r: Run) => FORMATS.map((f, i) => `"${f}" ${(100 * r.perFormat[i]).toFixed(1)} %`).join(", ");
const ratios: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const ts = await runTs();
  console.log(`  [${round}] TypeScript: ${ts.steps} steps, ${ts.msPerStep.toFixed(1)} ms a step${ts.gcShare !== undefined ? `, GC ${(100 * ts.gcShare).toFixed(1)} % of the main thread's time` : ""}${full ? ` (${ts.withValidationS!.toFixed(1)} s with validations)` : ""}; ` +
    `test ${(100 * ts.testAccuracy).toFixed(2)} % (${fmt(ts)})`);
  if (torchMissing) continue;
  const pt = await runTorch();
  console.log(`  [${round}] PyTorch (${torchThreads} thread(s)): ${pt.steps} steps, ${pt.msPerStep.toFixed(1)} ms a step (${pt.withValidationS!.toFixed(1)} s${full ? " with validations" : ""}); ` +
    `test ${(100 * pt.testAccuracy).toFixed(2)} % (${fmt(pt)})`);
  // same initial weights, batches and float64: the two losses agree until rounding differences grow (≈1e-15 at 30 steps)
  if (!full) console.log(`  [${round}] last loss: TypeScript ${ts.finalLoss}, PyTorch ${pt.finalLoss} (|difference| ${Math.abs(ts.finalLoss - pt.finalLoss).toExponential(1)})`);
  ratios.push(ts.msPerStep / pt.msPerStep);
  console.log(`  [${round}] TypeScript / PyTorch ms a training step: ${ratios.at(-1)!.toFixed(2)} (goal ≤ 1)` +
    (full ? `; wall time with validations ${(ts.withValidationS! / pt.withValidationS!).toFixed(2)} (their stopping rules may end at different steps)` : "") + `; load average ${load()}`);
}
if (ratios.length > 1) console.log(`  median ratio over ${ratios.length} rounds: ${[...ratios].sort((a, b) => a - b)[Math.floor(ratios.length / 2)].toFixed(2)}`);
