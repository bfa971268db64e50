// The date translator as a small Transformer: character embeddings + sinusoidal positions, post-norm encoder
// layers over the input, decoder layers with causal self-attention over the output so far and cross-attention
// over the encoder output, then a linear map to the 11 output characters. Same data and vocabulary as the GRU
// model (model.ts); padding is masked as a key everywhere. Teacher forcing for training, greedy decoding after.
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import { positionalEncoding } from "../positional_encoding.js";
import * as ad from "../autodiff/index.js";
import { makeBatch, parameterCount, type Batch } from "./model.js";
import { INPUT_CHARS, MAX_INPUT_LENGTH, OUTPUT_CHARS, OUTPUT_LENGTH, START, decodeOutput } from "./vocab.js";
import { loadParams, saveParams, type SavedParams, type Translation } from "./saved.js";

export interface TransformerConfig { dModel: number; numHeads: number; dFF: number; encoderLayers: number; decoderLayers: number }
export const TRANSFORMER_CONFIG: TransformerConfig = { dModel: 32, numHeads: 4, dFF: 64, encoderLayers: 2, decoderLayers: 2 };
const KIND = "date-transformer";
const FN = "DateTransformer.fromJSON";

/**
 * What `translate` returns per text: the GRU translator's `Translation` (the ISO date, and as `attention` the
 * last decoder layer's cross-attention averaged over its heads), plus every head of the final decoding pass:
 * crossWeights[layer][head] (10, text length), encoderWeights[layer][head] (text length, text length).
 */
export interface TransformerTranslation extends Translation { crossWeights: Matrix[][]; encoderWeights: Matrix[][] }

/**
 * The Transformer date translator; `fromJSON` loads trained weights (notebooks/data/date_transformer.json).
 *
 * @example
 * const m = new DateTransformer(TRANSFORMER_CONFIG, new Rng(1)); // random weights
 * transformerParameterCount(m); // => 44779
 * const r = m.translate(["3/5/79", "monday march 5 1979"]);
 * r[0].iso.length; // => 10
 * [r[0].crossWeights.length, r[0].crossWeights[1].length]; // => [2, 4] (decoder layers, heads)
 * r[1].crossWeights[1][3].shape; // => "(10, 19)" (output characters × input characters)
 * [r[1].attention.length, r[1].attention[0].length]; // => [10, 19]
 * r[0].encoderWeights[0][0].shape; // => "(6, 6)"
 */
export class DateTransformer {
  readonly config: TransformerConfig;
  readonly embIn: ad.Node; // (40, d): row 0 is padding
  readonly embOut: ad.Node; // (12, d): the 11 output characters and START
  readonly encoder: ad.EncoderLayerNodes[];
  readonly decoder: ad.DecoderLayerNodes[];
  readonly out: { w: ad.Node; b: ad.Node }; // (d, 11), (1, 11)
  /** Every trainable parameter by a stable name (e.g. "enc0.attn.wq"), in a fixed order. */
  readonly params: Record<string, ad.Node>;
  private readonly pe: Matrix; // (32, d): positions cover the longest input and the 10 output steps

  constructor(config: TransformerConfig, rng: Rng) {
    checkConfig(config, "DateTransformer");
    const { dModel: d, numHeads: h, dFF } = config;
    this.config = { ...config };
    this.embIn = ad.param(randomNormal(INPUT_CHARS.length + 1, d, { rng, std: 0.5 }));
    this.embOut = ad.param(randomNormal(START + 1, d, { rng, std: 0.5 }));
    this.encoder = Array.from({ length: config.encoderLayers }, () => ad.initEncoderLayer(d, h, dFF, rng));
    this.decoder = Array.from({ length: config.decoderLayers }, () => ad.initDecoderLayer(d, h, dFF, rng));
    this.out = { w: ad.param(xavierUniform(d, OUTPUT_CHARS.length, { rng })), b: ad.param(new Matrix(1, OUTPUT_CHARS.length)) };
    this.params = {
      embIn: this.embIn, embOut: this.embOut,
      ...named(this.encoder.map((l) => l as object), "enc"), ...named(this.decoder.map((l) => l as object), "dec"),
      "out.w": this.out.w, "out.b": this.out.b,
    };
    this.pe = positionalEncoding(MAX_INPUT_LENGTH, d);
  }

  /** Embeddings plus positions for B sequences of n ids each: (B·n, d). */
  embed(g: ad.Graph, table: ad.Node, ids: ArrayLike<number>, n: number): ad.Node {
    if (!(n >= 1 && n <= this.pe.rows && ids.length % n === 0)) {
      throw new Error(`DateTransformer.embed: n must divide the ${ids.length} ids and be 1 to ${this.pe.rows} (the positions it has), got ${n}`);
    }
    const d = this.config.dModel, pos = g.matrix(ids.length, d, false);
    for (let r = 0; r < ids.length; r++) pos.data.set(this.pe.data.subarray((r % n) * d, (r % n + 1) * d), r * d);
    return ad.add(g, ad.gatherRows(g, table, ids), g.constant(pos));
  }

  /** The encoder over a padded batch: memory (B·T, d) and weights[layer][b][head] (T, T). */
  encode(g: ad.Graph, batch: Batch): { memory: ad.Node; weights: Matrix[][][] } {
    let x = this.embed(g, this.embIn, batch.ids, batch.T); // (B·T, d)
    const weights: Matrix[][][] = [];
    for (const layer of this.encoder) {
      const r = ad.encoderLayer(g, x, layer, { B: batch.B, keep: batch.keep });
      x = r.output; weights.push(r.weights);
    }
    return { memory: x, weights };
  }

  /** The decoder on n previous characters per sequence (B·n ids): logits (B·n, 11), crossWeights[layer][b][head] (n, T). */
  decode(g: ad.Graph, memory: ad.Node, batch: Batch, prev: Int32Array, n = OUTPUT_LENGTH, memoryKV?: { K: ad.Node; V: ad.Node }[]): { logits: ad.Node; crossWeights: Matrix[][][] } {
    let y = this.embed(g, this.embOut, prev, n); // (B·n, d)
    const crossWeights: Matrix[][][] = [];
    for (const [l, layer] of this.decoder.entries()) {
      const r = ad.decoderLayer(g, y, memory, layer, { B: batch.B, memoryKeep: batch.keep, memoryKV: memoryKV?.[l] });
      y = r.output; crossWeights.push(r.crossWeights);
    }
    return { logits: ad.linear(g, y, this.out.w, this.out.b), crossWeights }; // (B·n, 11)
  }

  /**
   * With targets: teacher forcing (the decoder sees START and the true characters before each position), the
   * mean cross-entropy per character over `ofRows` sequences (the whole batch when this is one shard of it).
   * Without: greedy decoding, one output position per decoder pass over the prefix written so far.
   */
  run(g: ad.Graph, batch: Batch, ofRows = batch.B): { loss?: ad.Node; predictions: number[][]; crossWeights: Matrix[][][]; encoderWeights: Matrix[][][] } {
    const { B, targets } = batch;
    const { memory, weights: encoderWeights } = this.encode(g, batch);
    const prev = new Int32Array(B * OUTPUT_LENGTH).fill(START);
    if (targets) {
      targets.forEach((tg, b) => { for (let i = 1; i < OUTPUT_LENGTH; i++) prev[b * OUTPUT_LENGTH + i] = tg[i - 1]; });
      const { logits, crossWeights } = this.decode(g, memory, batch, prev);
      const loss = ad.softmaxCrossEntropy(g, logits, targets.flat(), ofRows / B);
      return { loss, predictions: argmaxRows(logits.value, B, OUTPUT_LENGTH), crossWeights, encoderWeights };
    }
    // Pass i reads START, y₀ … y_{i−1} (i + 1 rows per sequence) and writes y_i from its last row; causal
    // self-attention makes rows 0 … i−1 repeat the earlier passes, so the last pass has every row's weights.
    let last!: { logits: ad.Node; crossWeights: Matrix[][][] };
    const memoryKV = this.decoder.map((layer) => ad.keysValues(g, memory, layer.crossAttn)); // the same at every pass
    for (let i = 0; i < OUTPUT_LENGTH; i++) {
      const n = i + 1, prefix = Int32Array.from({ length: B * n }, (_, r) => prev[Math.floor(r / n) * OUTPUT_LENGTH + (r % n)]);
      last = this.decode(g, memory, batch, prefix, n, memoryKV);
      const best = argmaxRows(last.logits.value, B, n);
      if (n < OUTPUT_LENGTH) best.forEach((p, b) => { prev[b * OUTPUT_LENGTH + n] = p[i]; });
    }
    return { predictions: argmaxRows(last.logits.value, B, OUTPUT_LENGTH), crossWeights: last.crossWeights, encoderWeights };
  }

  /** Greedy translation of each text, with the weights of the final decoding pass. Throws on unknown characters. */
  translate(texts: string[]): TransformerTranslation[] {
    const batch = makeBatch(texts);
    const r = this.run(new ad.Graph(false), batch);
    const cut = (w: Matrix[][][], b: number, rows: number, n: number) => w.map((layer) => layer[b].map((m) => crop(m, rows, n)));
    return texts.map((t, b) => {
      const crossWeights = cut(r.crossWeights, b, OUTPUT_LENGTH, t.length), heads = crossWeights[crossWeights.length - 1];
      const attention = Array.from({ length: OUTPUT_LENGTH }, (_, i) => Array.from({ length: t.length }, (_, j) => heads.reduce((s, h) => s + h.get(i, j), 0) / heads.length));
      return { iso: decodeOutput(r.predictions[b]), attention, crossWeights, encoderWeights: cut(r.encoderWeights, b, t.length, t.length) };
    });
  }

  toJSON(): { kind: string; config: TransformerConfig; params: SavedParams } {
    return { kind: KIND, config: this.config, params: saveParams(this.params) };
  }

  /** The model saved by toJSON; throws an Error naming what is wrong with a malformed file. */
  static fromJSON(json: unknown): DateTransformer {
    if (json === null || typeof json !== "object") throw new Error(`${FN}: expected an object { kind, config, params }, got ${json === null ? "null" : typeof json}`);
    const j = json as { kind?: unknown; config?: unknown; params?: unknown };
    if (j.kind !== KIND) throw new Error(`${FN}: kind must be "${KIND}", got ${JSON.stringify(j.kind)} (is this the GRU translator's file?)`);
    checkConfig(j.config, FN);
    const m = new DateTransformer(j.config as TransformerConfig, new Rng(1));
    loadParams(FN, m.params, j.params);
    return m;
  }
}

/** Number of trainable values (the GRU translator's `parameterCount`, under the name notebook 05 uses). */
export const transformerParameterCount: (m: DateTransformer) => number = parameterCount;

function checkConfig(c: unknown, fn: string): asserts c is TransformerConfig {
  if (c === null || typeof c !== "object") throw new Error(`${fn}: config must be { dModel, numHeads, dFF, encoderLayers, decoderLayers }, got ${c === null ? "null" : typeof c}`);
  const cfg = c as Record<string, unknown>;
  for (const k of ["dModel", "numHeads", "dFF", "encoderLayers", "decoderLayers"]) {
    if (!Number.isInteger(cfg[k]) || (cfg[k] as number) < 1) throw new Error(`${fn}: config.${k} must be a positive integer, got ${JSON.stringify(cfg[k])}`);
  }
  if ((cfg.dModel as number) % (cfg.numHeads as number) !== 0) throw new Error(`${fn}: config.dModel = ${cfg.dModel} is not divisible by numHeads = ${cfg.numHeads}`);
}

/** "enc0.attn.wq" → Node for each layer's parameter tree (numHeads and eps are not parameters). */
function named(layers: object[], prefix: string): Record<string, ad.Node> {
  const out: Record<string, ad.Node> = {};
  const walk = (v: object, at: string) => {
    for (const [k, x] of Object.entries(v)) {
      if (x instanceof ad.Node) out[`${at}.${k}`] = x;
      else if (x !== null && typeof x === "object") walk(x, `${at}.${k}`);
    }
  };
  layers.forEach((l, i) => walk(l, `${prefix}${i}`));
  return out;
}

/** Per sequence, the argmax of each of its n rows: (B·n, V) → B × n ids. */
function argmaxRows(m: Matrix, B: number, n: number): number[][] {
  return Array.from({ length: B }, (_, b) => Array.from({ length: n }, (_, i) => {
    const r = b * n + i;
    let best = 0;
    for (let j = 1; j < m.cols; j++) if (m.get(r, j) > m.get(r, best)) best = j;
    return best;
  }));
}

/** The top-left (rows, cols) block of m, copied. */
function crop(m: Matrix, rows: number, cols: number): Matrix {
  const c = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) c.data.set(m.data.subarray(i * m.cols, i * m.cols + cols), i * cols);
  return c;
}
