// Times one self-attention layer against a GRU encoder over growing sequence lengths n, on one thread, and
// the share of the attention layer one position needs (its own q, k, v, then its query against every key):
// with a core per position, that is the layer's time, while the GRU's steps cannot be shared out. Writes notebooks/data/parallel_timing.json for notebook 05 ("Why self-attention parallelises"). The notebook
// charts this file instead of timing live, because a notebook must give the same outputs on every run.
// Run: npx tsx scripts/time_parallel.ts   (~10 s; run it on an idle machine: `flock /tmp/heavy.lock …` here)
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import path from "node:path";
import { Matrix, Rng, matmul, mergeHeads, multiHeadAttention, randomNormal, scaledDotProductAttention, splitHeads,
  xavierUniform } from "../lib/index.js";
import { setGemmThreads } from "../lib/backend/wasm/index.js";
import * as ad from "../lib/autodiff/index.js";
import { gruCell, initGru } from "../lib/seq2seq/gru.js";
import { scriptOptions } from "./options.js";

scriptOptions("time_parallel", {}); // takes no options: refuses any

const D = 32, HEADS = 4, LENGTHS = [8, 16, 32, 64, 128, 256, 512];
setGemmThreads(1); // one core for both: what is compared is the work and its order, not the core count

/** Median milliseconds of `f`, repeated until 5 runs and ≥ 60 ms have passed (after one warm-up run). */
function median(f: () => void): number {
  f();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < 5 || performance.now() - start < 60) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rng = new Rng(5);
const gru = initGru(D, D, rng);
const attn = { numHeads: HEADS, ...Object.fromEntries(["wq", "wk", "wv", "wo"].map((k) => [k, xavierUniform(D, D, { rng })])) } as
  { numHeads: number; wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix };

const rows = LENGTHS.map((n) => {
  const x = randomNormal(n, D, { rng }); // (n, D): one sequence
  const steps = Array.from({ length: n }, (_, t) => new Matrix(1, D, x.data.slice(t * D, (t + 1) * D)));
  const gruMs = median(() => {
    const g = new ad.Graph(false);
    let h = g.constant(new Matrix(1, D));
    for (const xt of steps) h = gruCell(g, gru, g.constant(xt), h); // step t waits for step t − 1
  });
  const attentionMs = median(() => { multiHeadAttention(x, x, x, attn); }); // every position at once
  // one position's share: its own projections, then its query against the keys and values of all n positions
  const [Kh, Vh] = [attn.wk, attn.wv].map((w) => splitHeads(matmul(x, w), HEADS)); // HEADS × (n, D / HEADS)
  const last = steps[n - 1]; // (1, D)
  const positionMs = median(() => {
    const q = matmul(last, attn.wq); // (1, D)
    matmul(last, attn.wk); matmul(last, attn.wv); // its own key and value row, which the others read
    const heads = splitHeads(q, HEADS).map((qh, h) => scaledDotProductAttention(qh, Kh[h], Vh[h]).output);
    matmul(mergeHeads(heads), attn.wo); // (1, D)
  });
  return {
    n, gruMs: Number(gruMs.toFixed(4)), attentionMs: Number(attentionMs.toFixed(4)), positionMs: Number(positionMs.toFixed(4)),
    gruMadds: n * D * 6 * D, // per step: x·W (D × 3D), h·U_zr (D × 2D), (r ⊙ h)·U_h (D × D)
    attentionMadds: 4 * n * D * D + 2 * n * n * D, // Q, K, V and W_O projections; Q·Kᵀ and weights·V
  };
});

const out = {
  what: `one sequence of n vectors of ${D}: a GRU encoder (${D} units, lib/seq2seq/gru.ts) against one ` +
    `self-attention layer (${HEADS} heads, lib's multiHeadAttention), and one position's share of that layer; ` +
    "median ms on one thread",
  machine: `${cpus()[0]?.model ?? "unknown CPU"}, ${availableParallelism()} cores, Node ${process.version}`,
  command: "npx tsx scripts/time_parallel.ts",
  rows,
};
const file = path.resolve(import.meta.dirname, "..", "notebooks", "data", "parallel_timing.json");
writeFileSync(file, JSON.stringify(out, null, 1) + "\n");
for (const r of rows) console.log(`n = ${String(r.n).padStart(3)}: GRU ${r.gruMs.toFixed(3)} ms, self-attention ${r.attentionMs.toFixed(3)} ms, one position ${r.positionMs.toFixed(3)} ms`);
console.log(`[time_parallel] wrote ${path.relative(process.cwd(), file)}`);
