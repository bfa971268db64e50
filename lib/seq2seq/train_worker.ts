// Worker thread of data-parallel training (parallel.ts): computes the second shard's gradient into the
// shared grads, on a model whose weights are the main thread's (shared memory).
import { workerData } from "node:worker_threads";
import { Rng } from "../random.js";
import { createModel, type DateModelConfig } from "./date_model.js";
import { placeGrads, placeWeights, shardStep } from "./shards.js";
import { CONTROL } from "./parallel.js";
import type { DatePair } from "./dates.js";

const { config, pairs, weights, grads, control, loss } = workerData as {
  config: DateModelConfig; pairs: DatePair[]; weights: SharedArrayBuffer; grads: SharedArrayBuffer; control: SharedArrayBuffer; loss: SharedArrayBuffer;
};
const model = createModel(config, new Rng(1)); // its random init is replaced by the shared weights
placeWeights(model, weights, false);
const g = placeGrads(model, grads);
const c = new Int32Array(control), out = new Float64Array(loss);
Atomics.store(c, CONTROL.READY, 1);
Atomics.notify(c, CONTROL.READY);
for (let seen = 0; ;) {
  Atomics.wait(c, CONTROL.JOB, seen);
  const job = Atomics.load(c, CONTROL.JOB);
  if (job < 0) break;
  if (job === seen) continue;
  seen = job;
  const shard = Array.from(c.subarray(CONTROL.IDS, CONTROL.IDS + c[CONTROL.COUNT]), (i) => pairs[i]);
  g.fill(0);
  out[0] = shardStep(model, shard, c[CONTROL.OF]);
  Atomics.store(c, CONTROL.DONE, job);
  Atomics.notify(c, CONTROL.DONE);
}
