// Notebook 04's bottleneck, measured: the fixed-context and the attention copy models (copy_model.ts) trained
// on the same batches, then accuracy against the input's length on fresh strings of every length.
import { Rng } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { Adam, clipGradNorm } from "../../lib/seq2seq/train.js";
import { CopyModel, digitStrings, type CopyKind } from "./copy_model.js";

export const BOTTLENECK = { seed: 3, steps: 1500, batchSize: 32, lr: 1e-2, clip: 1, minLength: 2, maxLength: 20, evalEvery: 100, testPerLength: 100 };
type Recipe = typeof BOTTLENECK;

/** Greedy copies of `n` fresh strings of each length: exact-match and per-digit accuracy per length. */
export function accuracyByLength(m: CopyModel, R: Recipe, seed: number) {
  const rng = new Rng(seed);
  return Array.from({ length: R.maxLength - R.minLength + 1 }, (_, k) => {
    const len = R.minLength + k, seqs = digitStrings(R.testPerLength, len, rng);
    const { predictions } = m.run(new ad.Graph(false), seqs, false);
    const exact = predictions.filter((p, b) => p.every((d, t) => d === seqs[b][t])).length / seqs.length;
    const digits = predictions.reduce((s, p, b) => s + p.filter((d, t) => d === seqs[b][t]).length, 0) / (len * seqs.length);
    return { length: len, exact, digits };
  });
}

/** Trains one kind from the recipe's seed; every batch has one length, drawn uniformly (the same for both kinds). */
export function trainCopy(kind: CopyKind, R: Recipe, log: (s: string) => void) {
  const model = new CopyModel(kind, new Rng(R.seed));
  const params = Object.values(model.params), adam = new Adam(params, R.lr), rng = new Rng(R.seed + 1);
  const curve: { step: number; loss: number; digits?: number }[] = [];
  const t0 = performance.now();
  for (let step = 1; step <= R.steps; step++) {
    const len = R.minLength + Math.floor(rng.uniform(0, R.maxLength - R.minLength + 1));
    const g = new ad.Graph();
    const { loss } = model.run(g, digitStrings(R.batchSize, len, rng), true);
    g.backward(loss);
    clipGradNorm(params, R.clip);
    adam.step();
    const point: (typeof curve)[number] = { step, loss: Number(loss.value.data[0].toFixed(5)) };
    if (step % R.evalEvery === 0) {
      const acc = accuracyByLength(model, { ...R, testPerLength: 20 }, R.seed + 2);
      point.digits = Number((acc.reduce((s, a) => s + a.digits, 0) / acc.length).toFixed(4));
      log(`[train ${kind}] step ${step}/${R.steps} loss ${point.loss} digits ${(100 * point.digits).toFixed(1)} % ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    curve.push(point);
  }
  return { model, curve, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) };
}
