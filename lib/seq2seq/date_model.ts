// Either date translator, for the code that trains and evaluates both (train.ts, shards.ts, the worker): the
// GRU encoder–decoder with attention (model.ts) or the Transformer (transformer_model.ts), told apart by config.
import type { Rng } from "../random.js";
import * as ad from "../autodiff/index.js";
import { Seq2Seq, makeBatch, type Seq2SeqConfig } from "./model.js";
import { DateTransformer, type TransformerConfig } from "./transformer_model.js";
import { decodeOutput } from "./vocab.js";

export type DateModelConfig = Seq2SeqConfig | TransformerConfig;
export type DateModel = Seq2Seq | DateTransformer;
export type ModelOf<C extends DateModelConfig> = C extends TransformerConfig ? DateTransformer : Seq2Seq;

/** A fresh model with its weights drawn from `rng`: a Transformer when the config has dModel. */
export function createModel<C extends DateModelConfig>(config: C, rng: Rng): ModelOf<C> {
  return ("dModel" in config ? new DateTransformer(config, rng) : new Seq2Seq(config as Seq2SeqConfig, rng)) as ModelOf<C>;
}

/**
 * Greedy ISO translations of `texts`, whichever model (the same as `translate`, without copying the weights
 * out). No arena: greedy decoding's passes would all stay in it (+160 MiB for 250 dates, for 10 % less time).
 */
export function translateIsos(model: DateModel, texts: string[]): string[] {
  return model.run(new ad.Graph(false), makeBatch(texts)).predictions.map(decodeOutput);
}
