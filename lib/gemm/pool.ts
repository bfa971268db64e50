// A second thread for large products. The worker shares the module's memory and a small control block,
// and sleeps in Atomics.wait between jobs, so `matmul` stays synchronous: the main thread publishes a job
// (an export of the module and its arguments), does its own part, then waits for the worker's. Each row of
// C (each head, in attention) is computed whole by one thread in the same order, so the result is
// bit-identical whatever the thread count.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Wasm } from "./wasm.js";
import { loadFma } from "./fma.js";

// control block (Int32): 0 job number (−1: stop), 1 last job done, 2 worker ready, 3 which export, 4 how
// many arguments, 5 its result; the arguments themselves go in a shared Float64Array (one may be an f64)
const JOB = 0, DONE = 1, READY = 2, FN = 3, NARGS = 4, RESULT = 5;
/** The exports a job may run, by index (the worker looks them up in its own instance of the module). */
export const KERNELS = ["gemm", "gemmu", "heads", "gemmf", "gemmuf"] as const;
export type Kernel = (typeof KERNELS)[number];
const WORKER = `
const { workerData } = require("node:worker_threads");
const { module, fmaModule, memory, control, args } = workerData;
const ex = new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
const fx = fmaModule ? new WebAssembly.Instance(fmaModule, { env: { mem: memory } }).exports : {};
const fns = ${JSON.stringify(KERNELS)}.map((name) => ex[name] || fx[name]);
const c = new Int32Array(control), a = new Float64Array(args);
Atomics.store(c, ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${JOB}, seen);
  const job = Atomics.load(c, ${JOB});
  if (job < 0) break;
  if (job === seen) continue;
  seen = job;
  const r = fns[c[${FN}]](...a.subarray(0, c[${NARGS}]));
  c[${RESULT}] = r === undefined ? -1 : r;
  Atomics.store(c, ${DONE}, job);
  Atomics.notify(c, ${DONE});
}`;

interface Pool { worker: Worker; control: Int32Array; args: Float64Array; job: number; broken: boolean; shared: number }
let pool: Pool | null = null;
let threads = defaultThreads();

/** ATTENTION_THREADS=1 (or any count ≥ 1) overrides the default of one thread per core, at most 2. */
function defaultThreads(): number {
  const env = Number(process.env.ATTENTION_THREADS);
  return Number.isInteger(env) && env >= 1 ? Math.min(env, 2) : Math.min(2, availableParallelism());
}

/** The number of threads large products use (1 or 2). */
export const gemmThreads = (): number => threads;

/** Sets the thread count (1 or 2; for tests and benchmarks); results do not depend on it. */
export function setGemmThreads(n: number): void {
  if (n !== 1 && n !== 2) throw new Error(`setGemmThreads: n must be 1 or 2, got ${n}`);
  threads = n;
}

/** Whether the worker is up, and how many products it has shared (tests check the 2-thread path really ran). */
export function poolState(): { ready: boolean; shared: number } {
  return { ready: pool !== null && !pool.broken && Atomics.load(pool.control, READY) === 1, shared: pool?.shared ?? 0 };
}

function start(w: Wasm): Pool {
  const control = new Int32Array(new SharedArrayBuffer(4 * 8)), args = new Float64Array(new SharedArrayBuffer(8 * 24));
  const fmaModule = loadFma(w)?.module; // the worker can run either kernel
  const worker = new Worker(WORKER, { eval: true, workerData: { module: w.module, fmaModule, memory: w.memory, control: control.buffer, args: args.buffer } });
  worker.unref(); // an idle worker must not keep Node (or a notebook kernel) alive
  const p: Pool = { worker, control, args, job: 0, broken: false, shared: 0 };
  worker.on("error", () => { p.broken = true; });
  return p;
}

/**
 * Runs gemm over row panels [0, rows): with 2 threads and a `large` product the worker takes the second half.
 */
export function runSplit(w: Wasm, args: [number, number, number, number, number], rows: number, kc: number, mcp: number, large: boolean): void {
  if (threads === 1 || !large || rows < 2) { w.gemm(...args, 0, rows, kc, mcp); return; } // no arrays for small products
  const half = rows >> 1;
  runPair(w, "gemm", [...args, 0, half, kc, mcp], large && rows >= 2 ? [...args, half, rows, kc, mcp] : null, [...args, 0, rows, kc, mcp]);
}

/**
 * Runs `fn(...mine)` here and `fn(...theirs)` on the worker at the same time and returns both results; with one
 * thread, `theirs` null, or until the worker has started (its first ~30 ms) or if it fails, runs `alone` here
 * instead (the work of both, in one call). Each call writes its own rows, so the split never changes a bit.
 * `between` runs here after `mine` (or `alone`), while the worker may still be busy; `first` runs here before
 * `mine` or `alone`, after the worker has been started.
 */
export function runPair(w: Wasm, fn: Kernel, mine: number[], theirs: number[] | null, alone: number[], between?: () => void, first?: () => void): [number, number] {
  const f = (fn === "gemmf" || fn === "gemmuf" ? loadFma(w)![fn] : w[fn]) as (...a: number[]) => number | undefined;
  const call = (a: number[]) => f(...a) ?? -1;
  const solo = (): [number, number] => { first?.(); const r = call(alone); between?.(); return [r, -1]; };
  if (threads === 1 || theirs === null) return solo();
  if (pool === null) {
    try {
      pool = start(w);
    } catch {
      threads = 1; // no worker threads here (e.g. Node's permission model without --allow-worker): one thread
      return solo();
    }
  }
  const c = pool.control;
  if (pool.broken || Atomics.load(c, READY) !== 1) return solo();
  pool.shared++;
  pool.args.set(theirs);
  c[FN] = KERNELS.indexOf(fn);
  c[NARGS] = theirs.length;
  const job = ++pool.job;
  Atomics.store(c, JOB, job);
  Atomics.notify(c, JOB);
  first?.();
  const r = call(mine);
  between?.();
  for (let done = Atomics.load(c, DONE); done !== job; done = Atomics.load(c, DONE)) {
    if (Atomics.wait(c, DONE, done, 10_000) === "timed-out" && Atomics.load(c, DONE) !== job) {
      pool.broken = true; // the worker is gone: do its part here (same values, same order)
      return [r, call(theirs)];
    }
  }
  return [r, c[RESULT]];
}
