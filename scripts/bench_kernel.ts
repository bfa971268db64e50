// `npm run bench` (part): the notebook kernel's start time (process start -> kernel_info reply) and the
// time of the first import of the library (the first cell of every notebook), median of several runs,
// for our kernel (type-check cache cold and warm), the old tslab kernel and, if installed, Deno's kernel.
// Timings are reported, never asserted. Deno is not a dependency: `npm install deno@2.9.6` in
// /tmp/deno-bench (or set DENO) to include it.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { KernelClient } from "../kernel/client.js";
import { cacheDir } from "../kernel/check_client.js";
import { scriptOptions } from "./options.js";

scriptOptions("bench_kernel", {}); // takes no options: refuses any

const root = path.resolve(import.meta.dirname, "..");
const notebooks = path.join(root, "notebooks");
const RUNS = Number(process.env.BENCH_KERNEL_RUNS ?? 5);
const deno = process.env.DENO ?? "/tmp/deno-bench/node_modules/.bin/deno";

interface Subject { name: string; argv: string[]; cwd: string; code: string; env?: NodeJS.ProcessEnv; before?: () => void }
const ours = ["node", path.join(root, "kernel", "start.mjs"), "{connection_file}"];
const importLib = 'import { Matrix, softmax } from "../lib/index.js";';
const subjects: Subject[] = [
  { name: "ours, type-check cache cold", argv: ours, cwd: notebooks, code: importLib, before: () => rmSync(cacheDir, { recursive: true, force: true }) },
  { name: "ours, type-check cache warm", argv: ours, cwd: notebooks, code: importLib },
  { name: "old tslab 1.0.22 (root cwd)", argv: ["node", path.join(root, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", "{connection_file}"], cwd: root, code: 'import { Matrix, softmax } from "./lib/index";' },
];
if (existsSync(deno)) {
  subjects.push({ name: "Deno (deno jupyter)", argv: [deno, "jupyter", "--kernel", "--conn", "{connection_file}", "--unstable-sloppy-imports"], cwd: notebooks, code: importLib, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" } });
} else {
  console.log(`(Deno not compared: ${deno} not found — npm install deno@2.9.6 in /tmp/deno-bench, or set DENO)`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(s: Subject): Promise<{ start: number; imp: number; ok: boolean; detail: string }> {
  s.before?.();
  const t0 = performance.now();
  const k = await KernelClient.start(s.argv, s.cwd, s.env);
  try {
    await k.request("kernel_info_request", {});
    const start = performance.now() - t0;
    const t1 = performance.now();
    const r = await k.request("execute_request", { code: s.code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const imp = performance.now() - t1;
    return { start, imp, ok: r.content.status === "ok", detail: r.content.status === "ok" ? "" : r.content.ename ? `${r.content.ename}: ${r.content.evalue}` : "no ename; this kernel writes errors to stderr" };
  } finally {
    await k.stop();
  }
}

console.log(`Kernel start (spawn -> kernel_info reply) and first import of lib (execute_reply), median of ${RUNS} runs, ms.`);
console.log(`${"kernel".padEnd(32)}${"start".padStart(10)}${"import".padStart(10)}`);
const results: Record<string, { start: number; imp: number }> = {};
for (const s of subjects) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(s));
  const failed = runs.find((r) => !r.ok);
  const row = { start: median(runs.map((r) => r.start)), imp: median(runs.map((r) => r.imp)) };
  results[s.name] = row;
  console.log(`${s.name.padEnd(32)}${row.start.toFixed(0).padStart(10)}${row.imp.toFixed(0).padStart(10)}${failed ? `   (import failed, time is to the error: ${failed.detail.slice(0, 100)})` : ""}`);
}
const base = results["old tslab 1.0.22 (root cwd)"], warm = results["ours, type-check cache warm"], cold = results["ours, type-check cache cold"];
console.log(`\nours vs old tslab: start ×${(base.start / warm.start).toFixed(1)} faster; first import ×${(base.imp / warm.imp).toFixed(1)} (cache warm), ×${(base.imp / cold.imp).toFixed(1)} (cache cold)`);
const d = results["Deno (deno jupyter)"];
if (d) console.log(`ours vs Deno: start ${(warm.start / d.start).toFixed(2)}× Deno's time; first import ${(warm.imp / d.imp).toFixed(2)}× (cache warm), ${(cold.imp / d.imp).toFixed(2)}× (cache cold; Deno does not type-check)`);
console.log("Targets: start ≤ 1000 ms, first import ≤ 300 ms.");
