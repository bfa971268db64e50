// The trained DateTransformer run through lib's readable layers (lib/transformer), one text at a time and
// without padding: the reference its batched autodiff forward is tested against, and the version to read.
import { Matrix } from "../matrix.js";
import { add, addRowVector } from "../elementwise.js";
import { matmul } from "../matmul.js";
import { positionalEncoding } from "../positional_encoding.js";
import { transformerEncoderLayer, transformerDecoderLayer } from "../transformer/index.js";
import * as ad from "../autodiff/index.js";
import type { DateTransformer } from "./transformer_model.js";
import { OUTPUT_LENGTH, START, decodeOutput, encodeInput } from "./vocab.js";

/** Rows ids of an embedding table plus the positions 0…n−1: (n, d). */
function embed(table: Matrix, ids: number[]): Matrix {
  const d = table.cols;
  const rows = new Matrix(ids.length, d);
  ids.forEach((id, i) => rows.data.set(table.data.subarray(id * d, (id + 1) * d), i * d));
  return add(rows, positionalEncoding(ids.length, d)); // (n, d)
}

/**
 * Greedy translation of one text with lib's transformerEncoderLayer / transformerDecoderLayer: the decoder is
 * rerun on the growing prefix START, y₀, …, y_{i−1} to write y_i. Returns the ISO output, the logits of the
 * last pass (10, 11) and its weights: encoderWeights[layer][head] (n, n), crossWeights[layer][head] (10, n).
 * For the shipped weights, readableTranslate(model, "3/5/79").output is "1979-03-05".
 */
export function readableTranslate(m: DateTransformer, text: string):
  { output: string; logits: Matrix; encoderWeights: Matrix[][]; crossWeights: Matrix[][] } {
  let memory = embed(m.embIn.value, encodeInput(text)); // (n, d)
  const encoderWeights: Matrix[][] = [];
  for (const layer of m.encoder) {
    const r = transformerEncoderLayer(memory, ad.encoderLayerParams(layer));
    memory = r.output; encoderWeights.push(r.weights);
  }
  const decoderParams = m.decoder.map(ad.decoderLayerParams), b = Array.from(m.out.b.value.data);
  const out: number[] = [];
  let last!: { logits: Matrix; crossWeights: Matrix[][] };
  for (let i = 0; i < OUTPUT_LENGTH; i++) {
    let y = embed(m.embOut.value, [START, ...out]); // (i + 1, d)
    const crossWeights: Matrix[][] = [];
    for (const p of decoderParams) {
      const r = transformerDecoderLayer(y, memory, p);
      y = r.output; crossWeights.push(r.crossWeights);
    }
    const logits = addRowVector(matmul(y, m.out.w.value), b); // (i + 1, 11)
    const row = logits.row(i);
    out.push(row.indexOf(Math.max(...row)));
    last = { logits, crossWeights };
  }
  return { output: decodeOutput(out), logits: last.logits, encoderWeights, crossWeights: last.crossWeights };
}
