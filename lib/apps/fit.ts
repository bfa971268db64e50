// The training loop every model of lesson 06 shares: one graph per step, global-norm clipping, Adam (the date
// translators' optimiser, lib/seq2seq/train.ts). Deterministic: the same seed and batches give the same weights.
import * as ad from "../autodiff/index.js";
import { Adam, clipGradNorm } from "../seq2seq/train.js";

export interface FitOptions { steps: number; lr?: number; clip?: number }

/**
 * Runs `steps` Adam updates of `params` (lr 3e-3, clip 1 by default) on the loss `lossAt` records on a fresh
 * graph; returns every step's loss.

 */
export function fit(params: ad.Node[], lossAt: (g: ad.Graph, step: number) => ad.Node, o: FitOptions): number[] {
  if (!Number.isInteger(o.steps) || o.steps < 1) throw new Error(`fit: steps must be a positive integer, got ${o.steps}`);
  const adam = new Adam(params, o.lr ?? 3e-3);
  const losses: number[] = [];
  for (let step = 0; step < o.steps; step++) {
    const g = new ad.Graph();
    const loss = lossAt(g, step);
    if (!Number.isFinite(loss.value.data[0])) throw new Error(`fit: the loss is ${loss.value.data[0]} at step ${step}`);
    g.backward(loss);
    clipGradNorm(params, o.clip ?? 1);
    adam.step();
    losses.push(loss.value.data[0]);
  }
  return losses;
}
