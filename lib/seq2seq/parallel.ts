// The second shard on a worker thread (see shards.ts): weights and the worker's grads live in
// SharedArrayBuffers; the main thread posts a job through lib/job_worker.ts's control block and waits, so
// training stays synchronous. If the worker cannot start, the main thread computes the shard itself on a
// twin model: the same arithmetic, so the same weights.
import { JobChannel, FIRST_SLOT, startWorker } from "../job_worker.js";
import { processEnv } from "../node_builtin.js";
import type { DateModel } from "./date_model.js";
import type { DatePair } from "./dates.js";
import { localPeer, placeWeights, type ShardPeer } from "./shards.js";
import { parameterCount } from "./model.js";

// the job's slots after the protocol's: rows in the shard, rows in the batch, then the pairs' indices
export const SLOT = { COUNT: FIRST_SLOT, OF: FIRST_SLOT + 1, IDS: FIRST_SLOT + 2 } as const;

// Loads the TypeScript worker through tsx's in-thread CommonJS hook (as tslab loads lib): a worker started
// with `--import tsx` fails on ".ts" in Node 20, and one waiting on ESM loader hooks cannot start while the
// main thread computes.
const BOOT = `const { createRequire } = require("node:module");
createRequire(data.file)("tsx/cjs/api").register();
createRequire(data.file)(data.file);`;

/**
 * A peer whose shard runs in `workerFile` (lib/seq2seq/train_worker.ts, loaded through tsx). The caller passes
 * the path because lib avoids import.meta, so that it stays loadable as CommonJS (tslab's kernel, timed in the bench).
 */
export function workerPeer(model: DateModel, pairs: DatePair[], maxRows: number, workerFile: string): ShardPeer {
  const weights = placeWeights(model, new SharedArrayBuffer(parameterCount(model) * 8), true);
  const gradBuf = new SharedArrayBuffer(parameterCount(model) * 8);
  const channel = new JobChannel(SLOT.IDS - FIRST_SLOT + maxRows), control = channel.control;
  const loss = new Float64Array(new SharedArrayBuffer(8));
  const index = new Map(pairs.map((p, i) => [p, i]));
  let broken = false;
  try {
    const worker = startWorker(BOOT, { file: workerFile, config: model.config, pairs, weights, grads: gradBuf, control: control.buffer, loss: loss.buffer },
      { ...processEnv(), ATTENTION_THREADS: "1" }); // no nested GEMM worker
    worker.on("error", () => { broken = true; });
  } catch {
    broken = true; // no worker threads here: this thread computes every shard
  }
  // Wait for it (~1 s: tsx and lib load; the worker starts while this thread sleeps) so every run hands it the
  // same shards; if it is not up in 30 s, this thread computes them all.
  broken ||= !channel.ready(30_000);
  const local = localPeer(model); // for the steps before the worker is ready
  const grads = new Float64Array(gradBuf);
  let posted = false;
  return {
    get grads() { return posted ? grads : local.grads; },
    get onWorker() { return posted; },
    begin(shard, ofRows) {
      posted = !broken && shard.length > 0 && channel.ready();
      if (!posted) { local.begin(shard, ofRows); return; }
      control[SLOT.COUNT] = shard.length;
      control[SLOT.OF] = ofRows;
      shard.forEach((p, i) => { control[SLOT.IDS + i] = index.get(p)!; });
      channel.post();
    },
    end() {
      if (!posted) return local.end();
      if (!channel.wait(60_000)) throw new Error("train: the shard worker did not answer within 60 s");
      return loss[0];
    },
    close: () => channel.close(),
  };
}
