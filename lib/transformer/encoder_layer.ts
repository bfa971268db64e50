import { Matrix, type MatrixLike, toMatrix } from "../matrix.js";
import type { MultiHeadParams } from "../multi_head_attention.js";
import type { LayerNormParams } from "./layer_norm.js";
import { feedForwardRows, type FeedForwardParams } from "./feed_forward.js";
import { attentionSublayer, residual } from "./sublayer.js";

/** One encoder layer's parameters: self-attention, feed-forward, the two layer norms (default gamma 1, beta 0). */
export interface EncoderLayerParams { attn: MultiHeadParams; ffn: FeedForwardParams; norm1?: LayerNormParams; norm2?: LayerNormParams }

/** `mask` (n, n) and `causal` restrict the self-attention (a padding mask is given as `mask`); `normFirst` picks pre-norm. */
export interface EncoderLayerOptions { mask?: boolean[][]; causal?: boolean; normFirst?: boolean }

/**
 * A Transformer encoder layer (Vaswani et al., 2017). Shapes: x (n, d) → output (n, d), weights numHeads × (n, n).
 * Post-norm (default): h = LN1(x + MHA(x, x, x)); out = LN2(h + FFN(h)).
 * `normFirst`: h = x + MHA(LN1(x)); out = h + FFN(LN2(h)).
 * = `torch.nn.TransformerEncoderLayer` (dropout 0, ReLU, batch_first) with its weights transposed.
 *
 * @example
 * const I = [[1, 0], [0, 1]];
 * const r = transformerEncoderLayer([[1, 0], [0, 1]], { attn: { numHeads: 1, wq: I, wk: I, wv: I, wo: I }, ffn: { w1: I, w2: I }, norm1: { eps: 0 }, norm2: { eps: 0 } });
 * r.output.toArray(); // => [[1, -1], [-1, 1]]
 */
export function transformerEncoderLayer(x: MatrixLike, p: EncoderLayerParams, opts: EncoderLayerOptions = {}): { output: Matrix; weights: Matrix[] } {
  const fn = "transformerEncoderLayer";
  const X = toMatrix(x, fn, "x"); // (n, d)
  if (p === null || typeof p !== "object") throw new Error(`${fn}: p must be { attn, ffn, norm1?, norm2? }, got ${p === null ? "null" : typeof p}`);
  const normFirst = opts.normFirst ?? false;
  let weights: Matrix[] = [];
  const h = residual(X, (y) => {
    const r = attentionSublayer(y, y, p.attn, opts.mask, opts.causal ?? false, fn, "attn", "mask");
    weights = r.weights;
    return r.output;
  }, p.norm1, normFirst, fn, "attn", "norm1"); // (n, d)
  const output = residual(h, (y) => feedForwardRows(y, p.ffn, fn, "ffn."), p.norm2, normFirst, fn, "ffn", "norm2"); // (n, d)
  return { output, weights };
}
