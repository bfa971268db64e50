// One worker thread that runs jobs while the main thread blocks, so the caller stays synchronous (matmul,
// a training step). Both sides share an Int32Array control block: the main thread writes a job's inputs
// into shared memory, bumps JOB and notifies; the worker runs it, stores the job number in DONE and
// notifies; the main thread, after doing its own part, waits for DONE. Used by the GEMM worker
// (backend/wasm/pool.ts) and the training worker (seq2seq/parallel.ts).
import { nodeBuiltin } from "./node_builtin.js";

/** Control block slots: JOB (−1: stop), DONE, READY; a user's own slots start at FIRST_SLOT. */
export const JOB = 0, DONE = 1, READY = 2, FIRST_SLOT = 3;

/**
 * The worker's side: marks the block ready, then runs `run()` for each new job until JOB is −1. It uses
 * literal slot numbers and no helpers, because the GEMM worker receives it as source text (toString).
 */
export function serveJobs(control: Int32Array, run: () => void): void {
  Atomics.store(control, 2, 1);
  Atomics.notify(control, 2);
  for (let seen = 0; ;) {
    Atomics.wait(control, 0, seen);
    const job = Atomics.load(control, 0);
    if (job < 0) break;
    if (job === seen) continue;
    seen = job;
    run();
    Atomics.store(control, 1, job);
    Atomics.notify(control, 1);
  }
}

/** The main thread's side of one worker's control block (`slots` Int32 slots of its own after FIRST_SLOT). */
export class JobChannel {
  readonly control: Int32Array;
  private job = 0;
  constructor(slots: number) { this.control = new Int32Array(new SharedArrayBuffer(4 * (FIRST_SLOT + slots))); }

  /** Whether the worker has started; `waitMs` > 0 blocks up to that long for it. */
  ready(waitMs = 0): boolean {
    if (waitMs > 0) Atomics.wait(this.control, READY, 0, waitMs);
    return Atomics.load(this.control, READY) === 1;
  }

  /** Starts a job whose inputs are already in shared memory. */
  post(): void {
    Atomics.store(this.control, JOB, ++this.job);
    Atomics.notify(this.control, JOB);
  }

  /** Blocks until the last posted job is done; false when it took longer than `timeoutMs` (the worker is gone). */
  wait(timeoutMs: number): boolean {
    const c = this.control;
    for (let done = Atomics.load(c, DONE); done !== this.job; done = Atomics.load(c, DONE)) {
      if (Atomics.wait(c, DONE, done, timeoutMs) === "timed-out" && Atomics.load(c, DONE) !== this.job) return false;
    }
    return true;
  }

  /** Tells the worker to stop. */
  close(): void {
    Atomics.store(this.control, JOB, -1);
    Atomics.notify(this.control, JOB);
  }
}

/** What lib needs of a started worker. */
export interface WorkerLike { unref?(): void; on(event: "error", listener: (e: unknown) => void): void }

/**
 * Starts a worker running the JavaScript `body`, in which `data` is the object passed (its SharedArrayBuffers,
 * WebAssembly module and memory shared, not copied). Throws when no worker can start. The default uses Node's
 * worker_threads; in a browser, lib runs in a Web Worker (Atomics.wait is refused on a page's main thread)
 * that installs one starting another, e.g.
 * `(body, data) => { const w = new Worker(URL.createObjectURL(new Blob([`onmessage = (e) => { const data =
 * e.data; ${body} }`]))); w.postMessage(data); return { on: (_, f) => w.addEventListener("error", f) }; }`.
 */
export type WorkerStarter = (body: string, data: Record<string, unknown>, env?: Record<string, string | undefined>) => WorkerLike;

const nodeStarter: WorkerStarter = (body, data, env) => {
  const wt = nodeBuiltin<{ Worker: new (src: string, o: object) => WorkerLike }>("node:worker_threads");
  if (!wt) throw new Error("startWorker: no worker threads here (not Node, and no setWorkerStarter)");
  const src = `const data = require("node:worker_threads").workerData;\n${body}`;
  return new wt.Worker(src, { eval: true, workerData: data, ...(env ? { env } : {}) });
};
let starter: WorkerStarter = nodeStarter;

/** Replaces how workers start (a browser's Web Worker); null restores Node's. */
export function setWorkerStarter(s: WorkerStarter | null): void { starter = s ?? nodeStarter; }

/** Starts a worker with the installed starter; it never keeps Node alive on its own. */
export function startWorker(body: string, data: Record<string, unknown>, env?: Record<string, string | undefined>): WorkerLike {
  const w = starter(body, data, env);
  w.unref?.();
  return w;
}
