// Worker thread of data-parallel training (parallel.ts): computes the second shard's gradient into the
// shared grads, on a model whose weights are the main thread's (shared memory).
import { workerData } from "node:worker_threads";
import { Rng } from "../random.js";
import { createModel, type DateModelConfig } from "./date_model.js";
import { placeGrads, placeWeights, shardStep } from "./shards.js";
import { SLOT } from "./parallel.js";
import { serveJobs } from "../job_worker.js";
import type { DatePair } from "./dates.js";

const { config, pairs, weights, grads, control, loss } = workerData as {
  config: DateModelConfig; pairs: DatePair[]; weights: SharedArrayBuffer; grads: SharedArrayBuffer; control: SharedArrayBuffer; loss: SharedArrayBuffer;
};
const model = createModel(config, new Rng(1)); // its random init is replaced by the shared weights
placeWeights(model, weights, false);
const g = placeGrads(model, grads);
const c = new Int32Array(control), out = new Float64Array(loss);
serveJobs(c, () => {
  const shard = Array.from(c.subarray(SLOT.IDS, SLOT.IDS + c[SLOT.COUNT]), (i) => pairs[i]);
  g.fill(0);
  out[0] = shardStep(model, shard, c[SLOT.OF]);
});
