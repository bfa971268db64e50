// node:worker_threads in the browser worker: no threads, so lib/gemm/pool.ts and lib/seq2seq's training
// fall back to one thread (both catch a Worker that fails to start).
export class Worker {
  constructor() { throw new Error("worker_threads: not available in the browser (one thread)"); }
}
export class MessageChannel {
  constructor() { throw new Error("worker_threads: not available in the browser"); }
}
export const isMainThread = true;
export const parentPort = null;
export const workerData = undefined;
