// Notebook 05's training question, measured: the date Transformer with post-norm layers LN(x + F(x)) (lib's
// DateTransformer, the course's) and with pre-norm layers x + F(LN(x)) (the same model, normFirst), each with
// and without the learning-rate warm-up, from the same seed on the same batches.
import { Rng } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { DateTransformer, type TransformerConfig } from "../../lib/seq2seq/transformer_model.js";
import { makeBatch, type Batch } from "../../lib/seq2seq/model.js";
import { datePairs, heldOutPairs } from "../../lib/seq2seq/dates.js";
import { Adam, accuracy, clipGradNorm, epochBatches } from "../../lib/seq2seq/train.js";
import { shardStep } from "../../lib/seq2seq/shards.js";
import { TRANSFORMER_TRAINING } from "../../lib/seq2seq/recipe.js";
import { Matrix } from "../../lib/index.js";

export const NORMS = { seed: 7, steps: 600, evalEvery: 50, validationPerFormat: 10 };

/** The same Transformer with pre-norm layers: x + F(LN(x)) in every sub-layer (no final norm, as post-norm has none). */
export class PreNormTransformer extends DateTransformer {
  override encode(g: ad.Graph, batch: Batch): { memory: ad.Node; weights: Matrix[][][] } {
    let x = this.embed(g, this.embIn, batch.ids, batch.T); // (B·T, d)
    const weights: Matrix[][][] = [];
    for (const layer of this.encoder) {
      const r = ad.encoderLayer(g, x, layer, { B: batch.B, keep: batch.keep, normFirst: true });
      x = r.output; weights.push(r.weights);
    }
    return { memory: x, weights };
  }

  override decode(g: ad.Graph, memory: ad.Node, batch: Batch, prev: Int32Array, n = 10): { logits: ad.Node; crossWeights: Matrix[][][] } {
    let y = this.embed(g, this.embOut, prev, n); // (B·n, d)
    const crossWeights: Matrix[][][] = [];
    for (const layer of this.decoder) {
      const r = ad.decoderLayer(g, y, memory, layer, { B: batch.B, memoryKeep: batch.keep, normFirst: true });
      y = r.output; crossWeights.push(r.crossWeights);
    }
    return { logits: ad.addBias(g, ad.matmul(g, y, this.out.w), this.out.b), crossWeights }; // (B·n, 11)
  }
}

export type NormVariant = { norm: "post" | "pre"; warmup: boolean };
export const VARIANTS: NormVariant[] = [{ norm: "post", warmup: true }, { norm: "post", warmup: false }, { norm: "pre", warmup: true }, { norm: "pre", warmup: false }];

/** Trains one variant with TRANSFORMER_TRAINING's data, batch, peak rate and clip; returns its curve. */
export function trainNorm(v: NormVariant, steps: number, log: (s: string) => void) {
  const R = TRANSFORMER_TRAINING, rng = new Rng(NORMS.seed);
  const config = R.config as TransformerConfig;
  const model = v.norm === "post" ? new DateTransformer(config, rng) : new PreNormTransformer(config, rng);
  const pairs = datePairs(R.pairs, { seed: NORMS.seed });
  const validation = heldOutPairs(NORMS.validationPerFormat, NORMS.seed + 1, new Set(pairs.map((p) => p.human)));
  const params = Object.values(model.params), adam = new Adam(params, R.lr);
  const curve: { step: number; loss: number; lr: number; valAccuracy?: number }[] = [];
  const t0 = performance.now();
  let batches: typeof pairs[] = [];
  for (let step = 1; step <= steps; step++) {
    if (batches.length === 0) batches = epochBatches(pairs, R.batchSize, rng);
    const loss = shardStep(model, batches.pop()!, R.batchSize);
    clipGradNorm(params, R.clip);
    // the recipe's schedule (Vaswani et al.), or the same decay starting at the peak rate: no warm-up
    adam.lr = R.lr * (v.warmup ? Math.min(step / R.warmup, Math.sqrt(R.warmup / step)) : Math.min(1, Math.sqrt(R.warmup / step)));
    adam.step();
    const point: (typeof curve)[number] = { step, loss: Number(loss.toFixed(5)), lr: Number(adam.lr.toPrecision(4)) };
    if (step % NORMS.evalEvery === 0) {
      point.valAccuracy = accuracy(model, validation);
      log(`[train norms ${v.norm}-norm${v.warmup ? " + warm-up" : ""}] step ${step}/${steps} loss ${point.loss} val ${(100 * point.valAccuracy).toFixed(1)} % ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    curve.push(point);
  }
  return { ...v, curve, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) };
}
