import { Matrix, type MatrixLike, toMatrix } from "../matrix.js";
import type { MultiHeadParams } from "../multi_head_attention.js";
import type { LayerNormParams } from "./layer_norm.js";
import { feedForwardRows, type FeedForwardParams } from "./feed_forward.js";
import { attentionSublayer, residual } from "./sublayer.js";

/** One decoder layer's parameters: causal self-attention, cross-attention over memory, feed-forward, three layer norms. */
export interface DecoderLayerParams {
  selfAttn: MultiHeadParams; crossAttn: MultiHeadParams; ffn: FeedForwardParams;
  norm1?: LayerNormParams; norm2?: LayerNormParams; norm3?: LayerNormParams;
}

/** `selfMask` (n, n) further restricts the (always causal) self-attention; `memoryMask` (n, m) the cross-attention. */
export interface DecoderLayerOptions { selfMask?: boolean[][]; memoryMask?: boolean[][]; normFirst?: boolean }

/**
 * A Transformer decoder layer. Shapes: x (n, d), memory (m, d) → output (n, d), selfWeights numHeads × (n, n),
 * crossWeights numHeads × (n, m). Self-attention is causal: target i sees targets j ≤ i.
 * Post-norm (default): h1 = LN1(x + SelfMHA(x)); h2 = LN2(h1 + CrossMHA(h1, memory, memory)); out = LN3(h2 + FFN(h2)).
 * `normFirst`: h1 = x + SelfMHA(LN1(x)); h2 = h1 + CrossMHA(LN2(h1), memory, memory); out = h2 + FFN(LN3(h2)).
 * `memory` is never normalised here (the encoder's last norm is the encoder's business).
 * = `torch.nn.TransformerDecoderLayer` with the causal `tgt_mask` and its weights transposed.
 *
 * @example
 * const I = [[1, 0], [0, 1]], mha = { numHeads: 2, wq: I, wk: I, wv: I, wo: I };
 * const r = transformerDecoderLayer([[1, 0], [0, 1]], [[5, 5]], { selfAttn: mha, crossAttn: mha, ffn: { w1: I, w2: I } });
 * r.selfWeights[0].toArray(); // => [[1, 0], [0.5, 0.5]]
 * r.crossWeights[1].toArray(); // => [[1], [1]]
 */
export function transformerDecoderLayer(x: MatrixLike, memory: MatrixLike, p: DecoderLayerParams, opts: DecoderLayerOptions = {}):
  { output: Matrix; selfWeights: Matrix[]; crossWeights: Matrix[] } {
  const fn = "transformerDecoderLayer";
  const X = toMatrix(x, fn, "x"); // (n, d)
  const M = toMatrix(memory, fn, "memory"); // (m, d)
  if (M.cols !== X.cols) throw new Error(`${fn}: memory is ${M.shape} but x is ${X.shape}; memory needs the same width d_model = ${X.cols}`);
  if (p === null || typeof p !== "object") throw new Error(`${fn}: p must be { selfAttn, crossAttn, ffn, norm1?, norm2?, norm3? }, got ${p === null ? "null" : typeof p}`);
  const normFirst = opts.normFirst ?? false;
  let selfWeights: Matrix[] = [], crossWeights: Matrix[] = [];
  const h1 = residual(X, (y) => {
    const r = attentionSublayer(y, y, p.selfAttn, opts.selfMask, true, fn, "selfAttn", "selfMask");
    selfWeights = r.weights;
    return r.output;
  }, p.norm1, normFirst, fn, "selfAttn", "norm1"); // (n, d)
  const h2 = residual(h1, (y) => {
    const r = attentionSublayer(y, M, p.crossAttn, opts.memoryMask, false, fn, "crossAttn", "memoryMask");
    crossWeights = r.weights;
    return r.output;
  }, p.norm2, normFirst, fn, "crossAttn", "norm2"); // (n, d)
  const output = residual(h2, (y) => feedForwardRows(y, p.ffn, fn, "ffn."), p.norm3, normFirst, fn, "ffn", "norm3"); // (n, d)
  return { output, selfWeights, crossWeights };
}
