// A second thread for large products. The worker shares the module's memory and runs one export of it per
// job (lib/job_worker.ts's protocol), so `matmul` stays synchronous: the main thread publishes a job, does its
// own part, then waits for the worker's. Each row of C (each head, in attention) is computed whole by one
// thread in the same order, so the result is bit-identical whatever the thread count or the shares.
import type { Wasm } from "./wasm.js";
import { loadFma } from "./fma.js";
import { defaultThreads } from "../../threads.js";
import { JobChannel, FIRST_SLOT, serveJobs, startWorker } from "../../job_worker.js";

// the job's slots after the protocol's: which export, how many arguments, its result; the arguments go in a
// shared Float64Array (one may be an f64)
const FN = FIRST_SLOT, NARGS = FIRST_SLOT + 1, RESULT = FIRST_SLOT + 2;
/** The exports a job may run, by index (the worker looks them up in its own instance of the module). */
export const KERNELS = ["gemm", "gemmu", "heads", "gemmf", "gemmuf"] as const;
export type Kernel = (typeof KERNELS)[number];
const WORKER = `
const { module, fmaModule, memory, control, args } = data;
const ex = new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
const fx = fmaModule ? new WebAssembly.Instance(fmaModule, { env: { mem: memory } }).exports : {};
const fns = ${JSON.stringify(KERNELS)}.map((name) => ex[name] || fx[name]);
const c = new Int32Array(control), a = new Float64Array(args);
(${serveJobs.toString()})(c, () => {
  const r = fns[c[${FN}]](...a.subarray(0, c[${NARGS}]));
  c[${RESULT}] = r === undefined ? -1 : r;
});`;

interface Pool { channel: JobChannel; args: Float64Array; broken: boolean; shared: number }
let pool: Pool | null = null;
let threads = defaultThreads();

/** The number of threads large products use (1 or 2). */
export const gemmThreads = (): number => threads;

/** Sets the thread count (1 or 2; for tests and benchmarks); results do not depend on it. */
export function setGemmThreads(n: number): void {
  if (n !== 1 && n !== 2) throw new Error(`setGemmThreads: n must be 1 or 2, got ${n}`);
  threads = n;
}

/** Whether the worker is up, and how many products it has shared (tests check the 2-thread path really ran). */
export function poolState(): { ready: boolean; shared: number } {
  return { ready: pool !== null && !pool.broken && pool.channel.ready(), shared: pool?.shared ?? 0 };
}

function start(w: Wasm): Pool {
  const channel = new JobChannel(3), args = new Float64Array(new SharedArrayBuffer(8 * 24));
  const fmaModule = loadFma(w)?.module; // the worker can run either kernel
  const worker = startWorker(WORKER, { module: w.module, fmaModule, memory: w.memory, control: channel.control.buffer, args: args.buffer });
  const p: Pool = { channel, args, broken: false, shared: 0 };
  worker.on("error", () => { p.broken = true; });
  return p;
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
  const { channel } = pool, c = channel.control;
  if (pool.broken || !channel.ready()) return solo();
  pool.shared++;
  pool.args.set(theirs);
  c[FN] = KERNELS.indexOf(fn);
  c[NARGS] = theirs.length;
  channel.post();
  first?.();
  const r = call(mine);
  between?.();
  if (!channel.wait(10_000)) {
    pool.broken = true; // the worker is gone: do its part here (same values, same order)
    return [r, call(theirs)];
  }
  return [r, c[RESULT]];
}
