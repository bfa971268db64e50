// The second shard on a worker thread (see shards.ts): weights and the worker's grads live in
// SharedArrayBuffers; the main thread posts a job through a control block and waits with Atomics, so
// training stays synchronous. If the worker cannot start, the main thread computes the shard itself on a
// twin model: the same arithmetic, so the same weights.
import { Worker } from "node:worker_threads";
import type { DateModel } from "./date_model.js";
import type { DatePair } from "./dates.js";
import { localPeer, placeWeights, type ShardPeer } from "./shards.js";
import { parameterCount } from "./model.js";

// control block (Int32): 0 job (−1 stop), 1 done, 2 ready, 3 rows in the shard, 4 rows in the batch, 5.. pair indices
export const CONTROL = { JOB: 0, DONE: 1, READY: 2, COUNT: 3, OF: 4, IDS: 5 } as const;
let posts = 0;
/** Shards handed to a worker so far in this process (tests check the worker really computed some). */
export const workerShards = (): number => posts;

// Loads the TypeScript worker through tsx's in-thread CommonJS hook (as tslab loads lib): a worker started
// with `--import tsx` fails on ".ts" in Node 20, and one waiting on ESM loader hooks cannot start while the
// main thread computes.
const BOOT = `const { createRequire } = require("node:module");
const file = require("node:worker_threads").workerData.file;
createRequire(file)("tsx/cjs/api").register();
createRequire(file)(file);`;

/**
 * A peer whose shard runs in `workerFile` (lib/seq2seq/train_worker.ts, loaded through tsx). The caller passes
 * the path because lib avoids import.meta, so that it stays loadable as CommonJS (tslab's kernel, timed in the bench).
 */
export function workerPeer(model: DateModel, pairs: DatePair[], maxRows: number, workerFile: string): ShardPeer {
  const weights = placeWeights(model, new SharedArrayBuffer(parameterCount(model) * 8), true);
  const gradBuf = new SharedArrayBuffer(parameterCount(model) * 8);
  const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.IDS + maxRows)));
  const loss = new Float64Array(new SharedArrayBuffer(8));
  const index = new Map(pairs.map((p, i) => [p, i]));
  const worker = new Worker(BOOT, {
    eval: true,
    env: { ...process.env, ATTENTION_THREADS: "1" }, // no nested GEMM worker
    workerData: { file: workerFile, config: model.config, pairs, weights, grads: gradBuf, control: control.buffer, loss: loss.buffer },
  });
  worker.unref();
  let broken = false;
  worker.on("error", () => { broken = true; });
  // Wait for it (~1 s: tsx and lib load; the worker starts while this thread sleeps) so every run hands it the
  // same shards; if it is not up in 30 s, this thread computes them all.
  broken = Atomics.wait(control, CONTROL.READY, 0, 30_000) === "timed-out" && Atomics.load(control, CONTROL.READY) !== 1;
  const local = localPeer(model); // for the steps before the worker is ready
  const grads = new Float64Array(gradBuf);
  let job = 0, posted = false;
  return {
    get grads() { return posted ? grads : local.grads; },
    begin(shard, ofRows) {
      posted = !broken && shard.length > 0 && Atomics.load(control, CONTROL.READY) === 1;
      if (!posted) { local.begin(shard, ofRows); return; }
      control[CONTROL.COUNT] = shard.length;
      control[CONTROL.OF] = ofRows;
      shard.forEach((p, i) => { control[CONTROL.IDS + i] = index.get(p)!; });
      posts++;
      Atomics.store(control, CONTROL.JOB, ++job);
      Atomics.notify(control, CONTROL.JOB);
    },
    end() {
      if (!posted) return local.end();
      for (let d = Atomics.load(control, CONTROL.DONE); d !== job; d = Atomics.load(control, CONTROL.DONE)) {
        if (Atomics.wait(control, CONTROL.DONE, d, 60_000) === "timed-out") throw new Error("train: the shard worker did not answer within 60 s");
      }
      return loss[0];
    },
    close() {
      Atomics.store(control, CONTROL.JOB, -1);
      Atomics.notify(control, CONTROL.JOB);
    },
  };
}
