// Data-parallel training. A batch is cut into a fixed number of shards (TrainOptions.shards, never the thread
// count); each shard runs forward and backward on its own graph, and the shard gradients are added in shard
// order (g = g₀ + g₁), so the weights are the same whichever thread computed which shard.
import { Matrix } from "../matrix.js";
import { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { makeBatch, parameterCount } from "./model.js";
import { createModel, type DateModel } from "./date_model.js";
import type { DatePair } from "./dates.js";

const arenas = new WeakMap<DateModel, ad.Arena>(); // one per model: a step's arrays serve the next

/** Forward and backward of one shard into the params' grads; returns its share of the batch's mean loss. */
export function shardStep(model: DateModel, shard: DatePair[], ofRows: number): number {
  const arena = arenas.get(model) ?? new ad.Arena();
  arenas.set(model, arena);
  const g = new ad.Graph(true, arena);
  const { loss } = model.run(g, makeBatch(shard.map((p) => p.human), shard.map((p) => p.iso)), ofRows);
  g.backward(loss!);
  const value = loss!.value.data[0];
  arena.release(); // nothing of this graph is kept: the params' grads live outside it
  return value;
}

/** Halves [0, ⌈B/2⌉) and [⌈B/2⌉, B) of a batch (a batch of one row gives an empty second shard). */
export const halves = (batch: DatePair[]): [DatePair[], DatePair[]] => {
  const h = Math.ceil(batch.length / 2);
  return [batch.slice(0, h), batch.slice(h)];
};

/**
 * Moves every parameter's values into `buf` at consecutive offsets (copying them in when `copy`), so a twin
 * model or a worker thread sees the same weights; returns buf.
 */
export function placeWeights<B extends ArrayBufferLike>(m: DateModel, buf: B, copy: boolean): B {
  let off = 0;
  for (const p of Object.values(m.params)) {
    const view = new Float64Array(buf, off * 8, p.value.data.length);
    if (copy) view.set(p.value.data);
    p.value = new Matrix(p.rows, p.cols, view);
    off += view.length;
  }
  return buf;
}

/** Points every parameter's grad at consecutive slices of one flat buffer; returns the flat view. */
export function placeGrads(m: DateModel, buf: ArrayBufferLike): Float64Array {
  let off = 0;
  for (const p of Object.values(m.params)) { p.grad = new Float64Array(buf, off * 8, p.value.data.length); off += p.grad.length; }
  return new Float64Array(buf, 0, off);
}

/**
 * Who computes the second shard: this thread (a twin model) or a worker; `end` returns that shard's loss, and
 * `onWorker` says whether the worker computed it.
 */
export interface ShardPeer { begin(shard: DatePair[], ofRows: number): void; end(): number; grads: Float64Array; onWorker: boolean; close(): void }

/** The second shard on this thread, on a twin model that shares the weights and has its own grads. */
export function localPeer(model: DateModel): ShardPeer {
  const twin = createModel(model.config, new Rng(1)); // its random init is overwritten next
  for (const [k, p] of Object.entries(twin.params)) p.value = model.params[k].value;
  const grads = placeGrads(twin, new ArrayBuffer(parameterCount(model) * 8));
  let job: [DatePair[], number] = [[], 0];
  return {
    grads,
    onWorker: false,
    begin: (shard, ofRows) => { job = [shard, ofRows]; },
    end: () => { grads.fill(0); return job[0].length === 0 ? 0 : shardStep(twin, job[0], job[1]); },
    close: () => {},
  };
}

/** g_main += g_peer, parameter by parameter in a fixed order. */
export function addPeerGrads(model: DateModel, peer: Float64Array): void {
  let off = 0;
  for (const p of Object.values(model.params)) {
    const g = p.g();
    for (let i = 0; i < g.length; i++) g[i] += peer[off + i];
    off += g.length;
  }
}
