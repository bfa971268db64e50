// Training: Adam with global-norm gradient clipping, length-bucketed batches, seeded shuffling — so two runs
// with the same seed give identical weights.
import { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { createModel, translateIsos, type DateModel, type DateModelConfig, type ModelOf } from "./date_model.js";
import type { DatePair } from "./dates.js";
import { addPeerGrads, halves, localPeer, shardStep, type ShardPeer } from "./shards.js";
import { workerPeer } from "./parallel.js";
import { defaultThreads } from "../threads.js";

export class Adam {
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  constructor(private readonly params: ad.Node[], public lr = 5e-3, private readonly b1 = 0.9, private readonly b2 = 0.999, private readonly eps = 1e-8) {
    this.m = params.map((p) => new Float64Array(p.value.data.length));
    this.v = params.map((p) => new Float64Array(p.value.data.length));
  }

  /** One update from the params' grads, then clears them. */
  step(): void {
    this.t++;
    const { b1, b2, eps, lr } = this, c1 = 1 - b1 ** this.t, c2 = 1 - b2 ** this.t;
    this.params.forEach((p, k) => {
      const w = p.value.data, g = p.grad, m = this.m[k], v = this.v[k];
      if (!g) return;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i], mi = b1 * m[i] + (1 - b1) * gi, vi = b2 * v[i] + (1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
      }
      g.fill(0);
    });
  }
}

/** Scales all grads so their joint L2 norm is at most `maxNorm`; returns the norm before clipping. */
export function clipGradNorm(params: ad.Node[], maxNorm: number): number {
  let sq = 0;
  for (const { grad: g } of params) if (g) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
  const norm = Math.sqrt(sq);
  if (norm > maxNorm) for (const { grad: g } of params) if (g) for (let i = 0; i < g.length; i++) g[i] *= maxNorm / norm;
  return norm;
}

/** Batches for one epoch: shuffle, then sort within windows of 16 batches by length so padding stays small. */
export function epochBatches(pairs: DatePair[], batchSize: number, rng: Rng): DatePair[][] {
  const order = rng.shuffle(pairs.map((_, i) => i));
  const batches: DatePair[][] = [];
  const window = batchSize * 16;
  for (let w = 0; w < order.length; w += window) {
    const chunk = order.slice(w, w + window).sort((a, b) => pairs[a].human.length - pairs[b].human.length);
    const local: DatePair[][] = [];
    for (let i = 0; i < chunk.length; i += batchSize) local.push(chunk.slice(i, i + batchSize).map((j) => pairs[j]));
    batches.push(...rng.shuffle(local));
  }
  return batches;
}

export interface TrainOptions<C extends DateModelConfig = DateModelConfig> {
  config: C; seed: number; steps: number; batchSize: number; lr: number; clip: number;
  /**
   * Learning-rate warm-up over this many steps, then decay as 1/√step (the Transformer paper's schedule; its
   * post-norm layers need the warm-up). None by default: a constant rate.
   */
  warmup?: number;
  /** 2: each batch is two shards whose gradients are added (data-parallel); 1 (default): one graph per batch. */
  shards?: 1 | 2;
  /** With 2 shards and 2 threads: lib/seq2seq/train_worker.ts computes the second. */
  workerFile?: string;
  /** 1: every shard on this thread; 2 (the default where there are 2 cores, see lib/threads.ts): a worker takes the second. The weights are the same. */
  threads?: 1 | 2;
}
/** One training step: its loss, the gradient norm before clipping, and whether a worker thread computed the second shard. */
export interface StepInfo { step: number; loss: number; gradNorm: number; onWorker: boolean }

/** Trains from scratch; `onStep` sees every step (return false to stop early). */
export function train<C extends DateModelConfig>(pairs: DatePair[], o: TrainOptions<C>, onStep?: (info: StepInfo, model: ModelOf<C>) => boolean | void): ModelOf<C> {
  const rng = new Rng(o.seed);
  const model = createModel(o.config, rng);
  const params = Object.values(model.params);
  const adam = new Adam(params, o.lr);
  let peer: ShardPeer | null = null;
  if (o.shards === 2) peer = o.workerFile && (o.threads ?? defaultThreads()) > 1 ? workerPeer(model, pairs, o.batchSize, o.workerFile) : localPeer(model);
  try {
    let batches: DatePair[][] = [];
    for (let step = 1; step <= o.steps; step++) {
      if (batches.length === 0) batches = epochBatches(pairs, o.batchSize, rng);
      const batch = batches.pop()!;
      let loss: number;
      if (peer) {
        const [mine, theirs] = halves(batch);
        peer.begin(theirs, batch.length); // the worker starts on its shard while this thread does the first
        loss = shardStep(model, mine, batch.length);
        loss += peer.end();
        addPeerGrads(model, peer.grads);
      } else loss = shardStep(model, batch, batch.length);
      const gradNorm = clipGradNorm(params, o.clip);
      if (o.warmup) adam.lr = o.lr * Math.min(step / o.warmup, Math.sqrt(o.warmup / step)); // Vaswani et al.'s schedule
      adam.step();
      if (onStep?.({ step, loss, gradNorm, onWorker: peer?.onWorker ?? false }, model) === false) break;
    }
  } finally {
    peer?.close();
  }
  return model;
}

/** Exact-match accuracy of greedy translations. */
export function accuracy(model: DateModel, pairs: DatePair[], batchSize = 250): number {
  let right = 0;
  for (let i = 0; i < pairs.length; i += batchSize) {
    const chunk = pairs.slice(i, i + batchSize);
    translateIsos(model, chunk.map((p) => p.human)).forEach((iso, j) => { if (iso === chunk[j].iso) right++; });
  }
  return right / pairs.length;
}
