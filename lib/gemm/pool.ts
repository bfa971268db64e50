// A second thread for large products. The worker shares the module's memory and a small control block,
// and sleeps in Atomics.wait between jobs, so `matmul` stays synchronous: the main thread publishes a job,
// computes its own rows, then waits for the worker's. Each row of C is computed whole by one thread in
// the same order, so the result is bit-identical whatever the thread count.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Wasm } from "./wasm.js";

// control block (Int32): 0 job number (−1: stop), 1 last job done, 2 worker ready, 3.. the gemm arguments
const JOB = 0, DONE = 1, READY = 2, ARGS = 3;
const WORKER = `
const { workerData } = require("node:worker_threads");
const { module, memory, control } = workerData;
const gemm = new WebAssembly.Instance(module, { env: { mem: memory } }).exports.gemm;
const c = new Int32Array(control);
Atomics.store(c, ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(c, ${JOB}, seen);
  const job = Atomics.load(c, ${JOB});
  if (job < 0) break;
  if (job === seen) continue;
  seen = job;
  gemm(c[${ARGS}], c[${ARGS + 1}], c[${ARGS + 2}], c[${ARGS + 3}], c[${ARGS + 4}], c[${ARGS + 5}], c[${ARGS + 6}], c[${ARGS + 7}], c[${ARGS + 8}]);
  Atomics.store(c, ${DONE}, job);
  Atomics.notify(c, ${DONE});
}`;

interface Pool { worker: Worker; control: Int32Array; job: number; broken: boolean; shared: number }
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
  const control = new Int32Array(new SharedArrayBuffer(4 * (ARGS + 9)));
  const worker = new Worker(WORKER, { eval: true, workerData: { module: w.module, memory: w.memory, control: control.buffer } });
  worker.unref(); // an idle worker must not keep Node (or a notebook kernel) alive
  const p: Pool = { worker, control, job: 0, broken: false, shared: 0 };
  worker.on("error", () => { p.broken = true; });
  return p;
}

/**
 * Runs gemm over row panels [0, rows): with 2 threads and a `large` product the worker takes the second half. Until the worker
 * has started (its first ~30 ms) or if it fails, the main thread does all rows itself.
 */
export function runSplit(w: Wasm, args: [number, number, number, number, number], rows: number, kc: number, mcp: number, large: boolean): void {
  if (threads === 1 || !large || rows < 2) { w.gemm(...args, 0, rows, kc, mcp); return; }
  if (pool === null) {
    try {
      pool = start(w);
    } catch {
      threads = 1; // no worker threads here (e.g. Node's permission model without --allow-worker): one thread
      w.gemm(...args, 0, rows, kc, mcp);
      return;
    }
  }
  const c = pool.control;
  if (pool.broken || Atomics.load(c, READY) !== 1) { w.gemm(...args, 0, rows, kc, mcp); return; }
  const half = rows >> 1;
  pool.shared++;
  c.set([...args, half, rows, kc, mcp], ARGS);
  const job = ++pool.job;
  Atomics.store(c, JOB, job);
  Atomics.notify(c, JOB);
  w.gemm(...args, 0, half, kc, mcp);
  for (let done = Atomics.load(c, DONE); done !== job; done = Atomics.load(c, DONE)) {
    if (Atomics.wait(c, DONE, done, 10_000) === "timed-out" && Atomics.load(c, DONE) !== job) {
      pool.broken = true; // the worker is gone: finish its half here (same values, same order)
      w.gemm(...args, half, rows, kc, mcp);
      return;
    }
  }
}
