// A GRU cell on the autodiff graph, in the paper's row-vector layout (the same equations as exercise 4.3):
//   z = σ(x·W_z + h·U_z + b_z),  r = σ(x·W_r + h·U_r + b_r),
//   h̃ = tanh(x·W_h + (r ⊙ h)·U_h + b_h),  h' = h + z ⊙ (h̃ − h) = (1 − z) ⊙ h + z ⊙ h̃.
// W = [W_z | W_r | W_h] (dIn, 3H) and b likewise (1, 3H); U_zr = [U_z | U_r] (H, 2H), U_h (H, H).
import { Matrix } from "../matrix.js";
import { mergeHeads } from "../multi_head_attention.js";
import { Rng, xavierUniform } from "../random.js";
import * as ad from "../autodiff/index.js";

export interface GruParams { W: ad.Node; Uzr: ad.Node; Uh: ad.Node; b: ad.Node }

export function initGru(dIn: number, H: number, rng: Rng): GruParams {
  // one Xavier block per gate, side by side (the same layout as concatenated attention heads)
  return {
    W: ad.param(mergeHeads([0, 1, 2].map(() => xavierUniform(dIn, H, { rng })))),
    Uzr: ad.param(mergeHeads([0, 1].map(() => xavierUniform(H, H, { rng })))),
    Uh: ad.param(xavierUniform(H, H, { rng })),
    b: ad.param(new Matrix(1, 3 * H)),
  };
}

/** One step for a batch: x (B, dIn), h (B, H) → h' (B, H); the fused op (one tape entry, same forward values). */
export function gruCell(g: ad.Graph, p: GruParams, x: ad.Node, h: ad.Node): ad.Node {
  return ad.gruCell(g, x, h, p.W, p.Uzr, p.Uh, p.b);
}

/** The same step composed from small ops, the equations above line by line: the reference for the fused op. */
export function gruCellComposed(g: ad.Graph, p: GruParams, x: ad.Node, h: ad.Node): ad.Node {
  const H = h.cols;
  const xw = ad.addBias(g, ad.matmul(g, x, p.W), p.b); // (B, 3H)
  const hu = ad.matmul(g, h, p.Uzr); // (B, 2H)
  const z = ad.sigmoid(g, ad.add(g, ad.sliceCols(g, xw, 0, H), ad.sliceCols(g, hu, 0, H))); // (B, H)
  const r = ad.sigmoid(g, ad.add(g, ad.sliceCols(g, xw, H, 2 * H), ad.sliceCols(g, hu, H, 2 * H))); // (B, H)
  const hTilde = ad.tanh(g, ad.add(g, ad.sliceCols(g, xw, 2 * H, 3 * H), ad.matmul(g, ad.mul(g, r, h), p.Uh))); // (B, H)
  return ad.lerp(g, h, hTilde, z); // (B, H)
}
