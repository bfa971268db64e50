// The date translator: a bidirectional GRU encoder and a GRU decoder that attends over the encoder's
// annotations at every step — Bahdanau (additive, query = previous state) or Luong (dot/general, query =
// current state). Batches are padded to their longest input; padding is masked everywhere.
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import * as ad from "../autodiff/index.js";
import { initGru, type GruParams } from "./gru.js";
import { INPUT_CHARS, OUTPUT_CHARS, START, decodeOutput } from "./vocab.js";
import { makeBatch, runSeq2Seq, type Batch } from "./decode.js";
import { loadParams, saveParams, type SavedParams, type Translation } from "./saved.js";

export type AttentionKind = "bahdanau" | "luong-dot" | "luong-general";
export interface Seq2SeqConfig { embed: number; encoder: number; decoder: number; attention: number; kind: AttentionKind }
export const DEFAULT_CONFIG: Seq2SeqConfig = { embed: 16, encoder: 32, decoder: 64, attention: 32, kind: "bahdanau" };
const KINDS: AttentionKind[] = ["bahdanau", "luong-dot", "luong-general"];
const FN = "Seq2Seq.fromJSON";
export { makeBatch, type Batch }; // where the trainer, the shards and the Transformer have always found them

export class Seq2Seq {
  readonly params: Record<string, ad.Node>;
  readonly fwd: GruParams;
  readonly bwd: GruParams;
  readonly dec: GruParams;

  constructor(readonly config: Seq2SeqConfig, rng: Rng) {
    const { embed: E, encoder: He, decoder: Hd, attention: A, kind } = config;
    if (kind === "luong-dot" && Hd !== 2 * He) throw new Error(`Seq2Seq: luong-dot needs decoder = 2·encoder, got ${Hd} and ${He}`);
    const luong = kind !== "bahdanau";
    this.fwd = initGru(E, He, rng);
    this.bwd = initGru(E, He, rng);
    this.dec = initGru(E + (luong ? 0 : 2 * He), Hd, rng); // Bahdanau feeds the context into the GRU; Luong reads it after
    const p: Record<string, ad.Node> = {
      embIn: ad.param(randomNormal(INPUT_CHARS.length + 1, E, { rng, std: 0.3 })),
      embOut: ad.param(randomNormal(START + 1, E, { rng, std: 0.3 })),
      Ws: ad.param(xavierUniform(He, Hd, { rng })), bs: ad.param(new Matrix(1, Hd)),
      Wo: ad.param(xavierUniform(Hd + 2 * He, OUTPUT_CHARS.length, { rng })), bo: ad.param(new Matrix(1, OUTPUT_CHARS.length)),
    };
    if (kind === "bahdanau") Object.assign(p, { Wq: ad.param(xavierUniform(Hd, A, { rng })), Wk: ad.param(xavierUniform(2 * He, A, { rng })), wv: ad.param(xavierUniform(1, A, { rng })) });
    if (kind === "luong-general") p.Wa = ad.param(xavierUniform(Hd, 2 * He, { rng }));
    for (const [name, gru] of [["fwd", this.fwd], ["bwd", this.bwd], ["dec", this.dec]] as const) for (const [k, v] of Object.entries(gru)) p[`${name}.${k}`] = v;
    this.params = p;
  }

  /**
   * Runs the batch. With targets, teacher forcing: the decoder sees the true previous character, and the
   * mean cross-entropy per character is returned. Without, greedy decoding.
   * Returns the predicted character ids per sequence and the attention weights per step, each (B, T).
   * `ofRows`: the rows of the whole batch when this is one shard of it, so shard losses (and gradients) add
   * up to the whole batch's mean.
   */
  run(g: ad.Graph, batch: Batch, ofRows = batch.B): { loss?: ad.Node; predictions: number[][]; attention: Matrix[] } {
    return runSeq2Seq(this, g, batch, ofRows);
  }

  /** Greedy translation of each text, with its (10 × length) attention matrix. Throws on unknown characters. */
  translate(texts: string[]): Translation[] {
    const batch = makeBatch(texts);
    const { predictions, attention } = this.run(new ad.Graph(false), batch);
    return texts.map((text, b) => ({
      iso: decodeOutput(predictions[b]),
      attention: attention.map((w) => Array.from(w.data.subarray(b * batch.T, b * batch.T + text.length))),
    }));
  }

  toJSON(): { config: Seq2SeqConfig; params: SavedParams } {
    return { config: this.config, params: saveParams(this.params) };
  }

  /** The model saved by toJSON; throws an Error naming what is wrong with a malformed file. */
  static fromJSON(json: unknown): Seq2Seq {
    if (json === null || typeof json !== "object") throw new Error(`${FN}: expected an object { config, params }, got ${json === null ? "null" : typeof json}`);
    const j = json as { kind?: unknown; config?: unknown; params?: unknown };
    if (j.kind !== undefined) throw new Error(`${FN}: this file is a ${JSON.stringify(j.kind)} (the Transformer's? load it with DateTransformer.fromJSON)`);
    const c = j.config as Record<string, unknown> | null;
    if (c === null || typeof c !== "object") throw new Error(`${FN}: config must be { embed, encoder, decoder, attention, kind }, got ${c === null ? "null" : typeof c}`);
    for (const k of ["embed", "encoder", "decoder", "attention"]) {
      if (!Number.isInteger(c[k]) || (c[k] as number) < 1) throw new Error(`${FN}: config.${k} must be a positive integer, got ${JSON.stringify(c[k])}`);
    }
    if (!KINDS.includes(c.kind as AttentionKind)) throw new Error(`${FN}: config.kind must be one of ${KINDS.join(", ")}, got ${JSON.stringify(c.kind)}`);
    const m = new Seq2Seq(c as unknown as Seq2SeqConfig, new Rng(1));
    loadParams(FN, m.params, j.params);
    return m;
  }
}

/** Number of trainable values of a model (either translator: anything with `params`). */
export const parameterCount = (m: { params: Record<string, ad.Node> }): number => Object.values(m.params).reduce((s, p) => s + p.value.data.length, 0);
