// A stack of Transformer encoder layers over characters, with a linear map back to the characters: with
// `causal` it is a decoder-only language model (GPT), without it a bidirectional encoder (BERT). Same
// parameters, same code; only the mask differs.
import { Matrix } from "../matrix.js";
import { Rng, randomNormal, xavierUniform } from "../random.js";
import { positionalEncoding } from "../positional_encoding.js";
import * as ad from "../autodiff/index.js";
import { embedTokens } from "./token_embedding.js";
import { layerParams } from "./weights.js";

/** The course's dates as text: "05.03.79>1979-03-05" (format 8 of lib/seq2seq, then its ISO form). */
export const DATE_CHARS = "0123456789.->";
/** MASK hides a character from BERT; START begins every GPT input. */
export const MASK = "_", START = "^";
export const CHARS = DATE_CHARS + MASK + START;
/** Characters in one date text. */
export const TEXT_LENGTH = 19;

export interface CharConfig { dModel: number; numHeads: number; dFF: number; layers: number; causal: boolean }

/** Text → ids in CHARS; throws on a character outside it. */
export function charIds(text: string): number[] {
  return [...text].map((ch, i) => {
    const id = CHARS.indexOf(ch);
    if (id < 0) throw new Error(`charIds: ${JSON.stringify(ch)} at ${i} of "${text}" is not in ${JSON.stringify(CHARS)}`);
    return id;
  });
}

export class CharTransformer {
  readonly config: CharConfig;
  readonly table: ad.Node; // (|CHARS|, d)
  readonly layers: ad.EncoderLayerNodes[];
  readonly out: { w: ad.Node; b: ad.Node }; // (d, |DATE_CHARS|): predictions are never MASK or START
  readonly params: Record<string, ad.Node>;
  private readonly pe: Matrix;

  constructor(config: CharConfig, rng: Rng) {
    this.config = { ...config };
    const { dModel: d, numHeads, dFF, layers } = config;
    this.table = ad.param(randomNormal(CHARS.length, d, { rng, std: 0.5 }));
    this.layers = Array.from({ length: layers }, () => ad.initEncoderLayer(d, numHeads, dFF, rng));
    this.out = { w: ad.param(xavierUniform(d, DATE_CHARS.length, { rng })), b: ad.param(new Matrix(1, DATE_CHARS.length)) };
    this.pe = positionalEncoding(TEXT_LENGTH, d);
    this.params = { table: this.table,
      ...layerParams(this.layers),
      "out.w": this.out.w, "out.b": this.out.b };
  }

  /** B texts of n characters each (B·n ids) → logits (B·n, |DATE_CHARS|), weights[layer][b][head] (n, n). */
  forward(g: ad.Graph, ids: number[], B: number): { logits: ad.Node; weights: Matrix[][][] } {
    const n = ids.length / B;
    if (!Number.isInteger(n) || n > TEXT_LENGTH) throw new Error(`CharTransformer.forward: ${ids.length} ids for B = ${B} texts of at most ${TEXT_LENGTH}`);
    let x = embedTokens(g, this.table, ids, n, this.pe); // (B·n, d)
    const weights: Matrix[][][] = [];
    for (const layer of this.layers) {
      const r = ad.encoderLayer(g, x, layer, { B, causal: this.config.causal });
      x = r.output; weights.push(r.weights);
    }
    return { logits: ad.addBias(g, ad.matmul(g, x, this.out.w), this.out.b), weights }; // (B·n, |DATE_CHARS|)
  }
}

/** Row r of logits as probabilities over DATE_CHARS. */
export function probabilities(logits: Matrix, r: number): number[] {
  const row = logits.row(r), m = Math.max(...row), e = row.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
