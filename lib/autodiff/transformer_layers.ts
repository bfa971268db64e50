// Trainable Transformer encoder and decoder layers on the autodiff graph, batched (row b·n + i is sequence b,
// position i). Same equations as lib's transformerEncoderLayer / transformerDecoderLayer; a test checks that
// their forwards agree to 1e-12 via encoderLayerParams / decoderLayerParams.
import type { Matrix } from "../matrix.js";
import type { Rng } from "../random.js";
import type { EncoderLayerParams } from "../transformer/encoder_layer.js";
import type { DecoderLayerParams } from "../transformer/decoder_layer.js";
import type { Graph, Node } from "./graph.js";
import { type MhaNodes, type FfnNodes, type NormNodes, initMha, initFfn, initNorm, mhaBlock, ffnBlock, residualBlock, mhaParams, ffnParams, normParams } from "./transformer_blocks.js";

export interface EncoderLayerNodes { attn: MhaNodes; ffn: FfnNodes; norm1: NormNodes; norm2: NormNodes }
export interface DecoderLayerNodes { selfAttn: MhaNodes; crossAttn: MhaNodes; ffn: FfnNodes; norm1: NormNodes; norm2: NormNodes; norm3: NormNodes }

export function initEncoderLayer(dModel: number, numHeads: number, dFF: number, rng: Rng): EncoderLayerNodes {
  return { attn: initMha(dModel, numHeads, rng), ffn: initFfn(dModel, dFF, rng), norm1: initNorm(dModel), norm2: initNorm(dModel) };
}

export function initDecoderLayer(dModel: number, numHeads: number, dFF: number, rng: Rng): DecoderLayerNodes {
  return { selfAttn: initMha(dModel, numHeads, rng), crossAttn: initMha(dModel, numHeads, rng), ffn: initFfn(dModel, dFF, rng),
    norm1: initNorm(dModel), norm2: initNorm(dModel), norm3: initNorm(dModel) };
}

/**
 * x (B·n, d) → output (B·n, d), weights[b][h] (n, n). `keep` (B·n) marks real tokens (false = padding key);
 * `mask` (n, n) and `causal` apply to every sequence.
 */
export function encoderLayer(g: Graph, x: Node, p: EncoderLayerNodes, o: { B: number; keep?: ArrayLike<boolean>; mask?: boolean[][]; causal?: boolean; normFirst?: boolean }):
  { output: Node; weights: Matrix[][] } {
  const normFirst = o.normFirst ?? false;
  let weights: Matrix[][] = [];
  const h = residualBlock(g, x, (y) => {
    const r = mhaBlock(g, y, y, p.attn, { B: o.B, keep: o.keep, mask: o.mask, causal: o.causal });
    weights = r.weights;
    return r.output;
  }, p.norm1, normFirst); // (B·n, d)
  return { output: residualBlock(g, h, (y) => ffnBlock(g, y, p.ffn), p.norm2, normFirst), weights }; // (B·n, d)
}

/**
 * x (B·n, d), memory (B·m, d) → output (B·n, d); self-attention is causal. `memoryKeep` (B·m) marks real
 * memory rows; `selfMask` (n, n) and `memoryMask` (n, m) apply to every sequence. Memory is never normalised.
 * `memoryKV`: keysValues(g, memory, p.crossAttn), when a decoding loop computes it once for all its steps.
 */
export function decoderLayer(g: Graph, x: Node, memory: Node, p: DecoderLayerNodes,
  o: { B: number; memoryKeep?: ArrayLike<boolean>; selfMask?: boolean[][]; memoryMask?: boolean[][]; normFirst?: boolean; memoryKV?: { K: Node; V: Node } }):
  { output: Node; selfWeights: Matrix[][]; crossWeights: Matrix[][] } {
  const normFirst = o.normFirst ?? false;
  let selfWeights: Matrix[][] = [], crossWeights: Matrix[][] = [];
  const h1 = residualBlock(g, x, (y) => {
    const r = mhaBlock(g, y, y, p.selfAttn, { B: o.B, mask: o.selfMask, causal: true });
    selfWeights = r.weights;
    return r.output;
  }, p.norm1, normFirst); // (B·n, d)
  const h2 = residualBlock(g, h1, (y) => {
    const r = mhaBlock(g, y, memory, p.crossAttn, { B: o.B, keep: o.memoryKeep, mask: o.memoryMask }, o.memoryKV);
    crossWeights = r.weights;
    return r.output;
  }, p.norm2, normFirst); // (B·n, d)
  return { output: residualBlock(g, h2, (y) => ffnBlock(g, y, p.ffn), p.norm3, normFirst), selfWeights, crossWeights }; // (B·n, d)
}

/** lib's parameters for `transformerEncoderLayer`, copied from the nodes. */
export function encoderLayerParams(p: EncoderLayerNodes): EncoderLayerParams {
  return { attn: mhaParams(p.attn), ffn: ffnParams(p.ffn), norm1: normParams(p.norm1), norm2: normParams(p.norm2) };
}

/** lib's parameters for `transformerDecoderLayer`, copied from the nodes. */
export function decoderLayerParams(p: DecoderLayerNodes): DecoderLayerParams {
  return { selfAttn: mhaParams(p.selfAttn), crossAttn: mhaParams(p.crossAttn), ffn: ffnParams(p.ffn),
    norm1: normParams(p.norm1), norm2: normParams(p.norm2), norm3: normParams(p.norm3) };
}
