// The date translator: a bidirectional GRU encoder and a GRU decoder that attends over the encoder's
// annotations at every step — Bahdanau (additive, query = previous state) or Luong (dot/general, query =
// current state). Batches are padded to their longest input; padding is masked everywhere.
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import * as ad from "../autodiff/index.js";
import { gruCell, initGru, type GruParams } from "./gru.js";
import { INPUT_CHARS, OUTPUT_CHARS, OUTPUT_LENGTH, START, decodeOutput, encodeInput, encodeOutput } from "./vocab.js";
import { loadParams, saveParams, type SavedParams, type Translation } from "./saved.js";

export type AttentionKind = "bahdanau" | "luong-dot" | "luong-general";
export interface Seq2SeqConfig { embed: number; encoder: number; decoder: number; attention: number; kind: AttentionKind }
export const DEFAULT_CONFIG: Seq2SeqConfig = { embed: 16, encoder: 32, decoder: 64, attention: 32, kind: "bahdanau" };
const KINDS: AttentionKind[] = ["bahdanau", "luong-dot", "luong-general"];
const FN = "Seq2Seq.fromJSON";

/** A batch: ids (B, T) padded with PAD, keep[b·T + t] false on padding. */
export interface Batch { B: number; T: number; ids: Int32Array; keep: boolean[]; targets?: number[][] }

export function makeBatch(texts: string[], isos?: string[]): Batch {
  const seqs = texts.map(encodeInput);
  const B = seqs.length, T = Math.max(1, ...seqs.map((s) => s.length));
  const ids = new Int32Array(B * T), keep = new Array<boolean>(B * T).fill(false);
  seqs.forEach((s, b) => s.forEach((id, t) => { ids[b * T + t] = id; keep[b * T + t] = true; }));
  return { B, T, ids, keep, targets: isos?.map(encodeOutput) };
}

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
   * up to the whole batch's mean. `attend` (inference only) replaces each step's weights (B, T) before the
   * context is mixed from them (translate_with_attention.ts).
   */
  run(g: ad.Graph, batch: Batch, ofRows = batch.B, attend?: (weights: Matrix, step: number) => Matrix): { loss?: ad.Node; predictions: number[][]; attention: Matrix[] } {
    const { B, T, ids, keep, targets } = batch;
    const { kind } = this.config, p = this.params;
    const column = (t: number) => Int32Array.from({ length: B }, (_, b) => ids[b * T + t]);
    const keepAt = (t: number) => Array.from({ length: B }, (_, b) => keep[b * T + t]);
    const x = Array.from({ length: T }, (_, t) => ad.gatherRows(g, p.embIn, column(t))); // T × (B, E)
    const zeros = g.constant(new Matrix(B, this.config.encoder));
    const hf: ad.Node[] = [], hb: ad.Node[] = new Array(T);
    let h = zeros;
    for (let t = 0; t < T; t++) hf.push((h = ad.keepRows(g, gruCell(g, this.fwd, x[t], h), h, keepAt(t)))); // (B, He)
    h = zeros;
    for (let t = T - 1; t >= 0; t--) hb[t] = h = ad.keepRows(g, gruCell(g, this.bwd, x[t], h), h, keepAt(t)); // (B, He)
    const annotations = ad.stackTime(g, hf.map((f, t) => ad.concatCols(g, f, hb[t]))); // (B·T, 2He)
    const keys = kind === "bahdanau" ? ad.matmul(g, annotations, p.Wk) : annotations; // (B·T, A) or (B·T, 2He)
    let s = ad.tanh(g, ad.addBias(g, ad.matmul(g, hb[0], p.Ws), p.bs)); // (B, Hd): from the backward pass over the whole input
    let prev = new Int32Array(B).fill(START);
    // the fused op's own loop order (context in attention.ts), so weights returned unchanged give the same bits
    const reweigh = (att: ad.AttentionStep, step: number): ad.AttentionStep => {
      if (!attend) return att;
      const w = attend(att.weights, step), v = annotations.value, dV = v.cols, out = new Matrix(B, dV);
      for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
        const wt = w.data[b * T + t];
        if (wt !== 0) for (let j = 0; j < dV; j++) out.data[b * dV + j] += wt * v.data[(b * T + t) * dV + j];
      }
      return { context: g.constant(out), weights: w };
    };
    const losses: ad.Node[] = [], predictions: number[][] = Array.from({ length: B }, () => []), attention: Matrix[] = [];
    for (let step = 0; step < OUTPUT_LENGTH; step++) {
      const e = ad.gatherRows(g, p.embOut, prev); // (B, E)
      let ctx: ad.Node;
      if (kind === "bahdanau") {
        const att = reweigh(ad.additiveAttentionStep(g, ad.matmul(g, s, p.Wq), keys, p.wv, annotations, T, keep), step); // query: previous state
        ctx = att.context; attention.push(att.weights);
        s = gruCell(g, this.dec, ad.concatCols(g, e, ctx), s); // (B, Hd)
      } else {
        s = gruCell(g, this.dec, e, s); // (B, Hd)
        const q = kind === "luong-general" ? ad.matmul(g, s, p.Wa) : s; // query: current state
        const att = reweigh(ad.dotAttentionStep(g, q, keys, annotations, T, keep), step);
        ctx = att.context; attention.push(att.weights);
      }
      const logits = ad.addBias(g, ad.matmul(g, ad.concatCols(g, s, ctx), p.Wo), p.bo); // (B, 11)
      const best = argmaxRows(logits.value);
      best.forEach((c, b) => predictions[b].push(c));
      if (targets) losses.push(ad.softmaxCrossEntropy(g, logits, targets.map((tg) => tg[step]), (OUTPUT_LENGTH * ofRows) / B));
      prev = targets ? Int32Array.from(targets, (tg) => tg[step]) : Int32Array.from(best);
    }
    return { loss: targets ? ad.add(g, ...losses) : undefined, predictions, attention };
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

function argmaxRows(m: Matrix): number[] {
  return Array.from({ length: m.rows }, (_, i) => { let best = 0; for (let j = 1; j < m.cols; j++) if (m.get(i, j) > m.get(i, best)) best = j; return best; });
}

/** Number of trainable values of a model (either translator: anything with `params`). */
export const parameterCount = (m: { params: Record<string, ad.Node> }): number => Object.values(m.params).reduce((s, p) => s + p.value.data.length, 0);
