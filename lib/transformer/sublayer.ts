// The two pieces every Transformer layer repeats: a residual sub-layer with its layer norm (after or
// before), and a multi-head attention whose errors name the layer function the caller called.
import { Matrix } from "../matrix.js";
import { add } from "../elementwise.js";
import { checkMaskShape } from "../mask.js";
import { multiHeadAttention, type MultiHeadParams } from "../multi_head_attention.js";
import { layerNormRows, type LayerNormParams } from "./layer_norm.js";

/**
 * Post-norm (default): LN(x + f(x)). Pre-norm (`normFirst`): x + f(LN(x)). Shapes: x (n, d) → (n, d).
 * `name` and `normName` are the caller's argument names (e.g. "attn", "norm1") for errors.
 */
export function residual(X: Matrix, f: (y: Matrix) => Matrix, norm: LayerNormParams | undefined, normFirst: boolean, fn: string, name: string, normName: string): Matrix {
  const Y = f(normFirst ? layerNormRows(X, norm, fn, `${normName}.`) : X); // (n, d)
  if (Y.rows !== X.rows || Y.cols !== X.cols) {
    throw new Error(`${fn}: ${name} gives ${Y.shape} for x of ${X.shape}; the residual connection needs d_model = ${X.cols} columns out`);
  }
  const sum = add(X, Y); // (n, d)
  return normFirst ? sum : layerNormRows(sum, norm, fn, `${normName}.`);
}

/**
 * `multiHeadAttention(q, kv, kv, p, { mask, causal })` for a layer: the mask is checked under `maskName`,
 * and any error of the inner call is re-thrown under the caller's function `fn` and argument `name`.
 */
export function attentionSublayer(q: Matrix, kv: Matrix, p: MultiHeadParams, mask: boolean[][] | undefined, causal: boolean,
  fn: string, name: string, maskName: string): { output: Matrix; weights: Matrix[] } {
  if (p === null || typeof p !== "object") throw new Error(`${fn}: ${name} must be multi-head parameters { numHeads, wq, wk, wv, wo }, got ${p === null ? "null" : typeof p}`);
  if (mask !== undefined) checkMaskShape(`${fn}: ${maskName}`, mask, q.rows, kv.rows);
  try {
    return multiHeadAttention(q, kv, kv, p, { mask, causal }); // output (nQ, dOut), weights numHeads × (nQ, nK)
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new Error(`${fn}: ${name}: ${msg.replace(/^multiHeadAttention: /, "")}`);
  }
}
