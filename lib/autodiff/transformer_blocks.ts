// The trainable pieces of a Transformer layer as autodiff nodes: multi-head attention (projections + the fused
// attendHeads), the feed-forward network, the residual with its layer norm. Parameters are in the paper's layout,
// so `*Params` hand them to lib's readable functions (lib/transformer) unchanged.
import { Matrix } from "../matrix.js";
import { Rng, xavierUniform } from "../random.js";
import type { MultiHeadParams } from "../multi_head_attention.js";
import type { FeedForwardParams } from "../transformer/feed_forward.js";
import type { LayerNormParams } from "../transformer/layer_norm.js";
import { Graph, Node, param } from "./graph.js";
import { linear, add } from "./linear.js";
import { relu } from "./relu.js";
import { layerNorm, addLayerNorm } from "./layer_norm.js";
import { attendHeads, type HeadsOptions } from "./attend_heads.js";

/** Multi-head attention parameters: weights (d, d), biases (1, d). */
export interface MhaNodes { numHeads: number; wq: Node; wk: Node; wv: Node; wo: Node; bq: Node; bk: Node; bv: Node; bo: Node }
/** Feed-forward parameters: w1 (d, dFF), b1 (1, dFF), w2 (dFF, d), b2 (1, d). */
export interface FfnNodes { w1: Node; b1: Node; w2: Node; b2: Node }
/** Layer-norm parameters: gamma and beta (1, d); eps is fixed. */
export interface NormNodes { gamma: Node; beta: Node; eps: number }

/** Xavier-uniform weights, zero biases (torch's init for nn.MultiheadAttention). */
export function initMha(d: number, numHeads: number, rng: Rng): MhaNodes {
  if (!Number.isInteger(numHeads) || numHeads < 1 || d % numHeads !== 0) throw new Error(`initMha: d_model = ${d} is not divisible by numHeads = ${numHeads}`);
  const w = () => param(xavierUniform(d, d, { rng })), b = () => param(new Matrix(1, d));
  return { numHeads, wq: w(), wk: w(), wv: w(), wo: w(), bq: b(), bk: b(), bv: b(), bo: b() };
}

export function initFfn(d: number, dFF: number, rng: Rng): FfnNodes {
  return { w1: param(xavierUniform(d, dFF, { rng })), b1: param(new Matrix(1, dFF)), w2: param(xavierUniform(dFF, d, { rng })), b2: param(new Matrix(1, d)) };
}

export function initNorm(d: number, eps = 1e-5): NormNodes {
  return { gamma: param(new Matrix(1, d, new Float64Array(d).fill(1))), beta: param(new Matrix(1, d)), eps };
}

/** Keys and values of xkv (B·nK, d) for `p`: each (B·nK, d). */
export function keysValues(g: Graph, xkv: Node, p: MhaNodes): { K: Node; V: Node } {
  return { K: linear(g, xkv, p.wk, p.bk), V: linear(g, xkv, p.wv, p.bv) };
}

/**
 * Attention of xq (B·nQ, d) over xkv (B·nK, d) → output (B·nQ, d) and weights[b][h] (nQ, nK). `kv`: xkv's
 * keys and values, already projected (greedy decoding projects the encoder's output once for all its steps).
 */
export function mhaBlock(g: Graph, xq: Node, xkv: Node, p: MhaNodes, o: Omit<HeadsOptions, "numHeads">, kv?: { K: Node; V: Node }): { output: Node; weights: Matrix[][] } {
  const Q = linear(g, xq, p.wq, p.bq); // (B·nQ, d), first: the gradients into x add up in the same order
  const { K, V } = kv ?? keysValues(g, xkv, p); // each (B·nK, d)
  const { context, weights } = attendHeads(g, Q, K, V, { ...o, numHeads: p.numHeads }); // (B·nQ, d), heads side by side
  return { output: linear(g, context, p.wo, p.bo), weights }; // (B·nQ, d)
}

/** relu(x·w1 + b1)·w2 + b2, row by row: (n, d) → (n, d). */
export function ffnBlock(g: Graph, x: Node, p: FfnNodes): Node {
  const hidden = relu(g, linear(g, x, p.w1, p.b1)); // (n, dFF)
  return linear(g, hidden, p.w2, p.b2); // (n, d)
}

/** Post-norm LN(x + f(x)) ("Add & Norm", one op), or pre-norm x + f(LN(x)) with `normFirst`. */
export function residualBlock(g: Graph, x: Node, f: (y: Node) => Node, norm: NormNodes, normFirst: boolean): Node {
  if (normFirst) return add(g, x, f(layerNorm(g, x, norm.gamma, norm.beta, norm.eps)));
  return addLayerNorm(g, x, f(x), norm.gamma, norm.beta, norm.eps);
}

const row = (n: Node) => Array.from(n.value.data);
const copy = (n: Node) => new Matrix(n.rows, n.cols, Float64Array.from(n.value.data));

/** The same numbers as lib's `multiHeadAttention` parameters (copies: training on does not change them). */
export function mhaParams(p: MhaNodes): MultiHeadParams {
  return { numHeads: p.numHeads, wq: copy(p.wq), wk: copy(p.wk), wv: copy(p.wv), wo: copy(p.wo), bq: row(p.bq), bk: row(p.bk), bv: row(p.bv), bo: row(p.bo) };
}
export const ffnParams = (p: FfnNodes): FeedForwardParams => ({ w1: copy(p.w1), b1: row(p.b1), w2: copy(p.w2), b2: row(p.b2) });
export const normParams = (p: NormNodes): LayerNormParams => ({ gamma: row(p.gamma), beta: row(p.beta), eps: p.eps });

/** Every trainable Node in a parameter tree, in a fixed order (for the optimiser and for saving). */
export function paramNodes(tree: object): Node[] {
  return Object.values(tree).flatMap((v) => (v instanceof Node ? [v] : v !== null && typeof v === "object" ? paramNodes(v) : []));
}
