// The GRU step as one op with a hand-derived backward (the trainer's profile: the ~15 small ops of the readable
// composition in lib/seq2seq/gru.ts spent more time allocating and walking the tape than computing). The
// forward does the same operations in the same order as that composition, so its values are bit-identical;
// the backward adds the same terms in another order (gradients agree to rounding; test/lib/gru_fused.test.ts).
import { Matrix } from "../matrix.js";
import { product } from "../matmul.js";
import { Graph, Node } from "./graph.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * h' = h + z ⊙ (h̃ − h) with z = σ(x·W_z + h·U_z + b_z), r = σ(x·W_r + h·U_r + b_r),
 * h̃ = tanh(x·W_h + b_h + (r ⊙ h)·U_h); W = [W_z | W_r | W_h] (dIn, 3H), b (1, 3H), Uzr = [U_z | U_r] (H, 2H), Uh (H, H).
 * Shapes: x (B, dIn), h (B, H) → h' (B, H).
 */
export function gruCell(g: Graph, x: Node, h: Node, W: Node, Uzr: Node, Uh: Node, b: Node): Node {
  const B = h.rows, H = h.cols, H2 = 2 * H, H3 = 3 * H;
  if (W.rows !== x.cols || W.cols !== H3 || Uzr.rows !== H || Uzr.cols !== H2 || Uh.rows !== H || Uh.cols !== H || b.cols !== H3 || x.rows !== B) {
    throw new Error(`autodiff.gruCell: x ${x.value.shape}, h ${h.value.shape}, W ${W.value.shape}, Uzr ${Uzr.value.shape}, Uh ${Uh.value.shape}, b ${b.value.shape} do not fit (B, dIn), (B, H), (dIn, 3H), (H, 2H), (H, H), (1, 3H)`);
  }
  const xw = product(x.value, W.value).data, hu = product(h.value, Uzr.value).data, bd = b.value.data, hv = h.value.data; // (B, 3H), (B, 2H)
  const z = new Float64Array(B * H), r = new Float64Array(B * H), ht = new Float64Array(B * H), rh = new Matrix(B, H);
  for (let i = 0; i < B; i++) {
    for (let j = 0; j < H; j++) {
      const o = i * H + j, q = i * H3 + j, u = i * H2 + j;
      z[o] = sigmoid(xw[q] + bd[j] + hu[u]);
      r[o] = sigmoid(xw[q + H] + bd[j + H] + hu[u + H]);
      rh.data[o] = r[o] * hv[o];
    }
  }
  const hc = product(rh, Uh.value).data; // (B, H)
  const out = g.matrix(B, H);
  for (let i = 0; i < B; i++) {
    for (let j = 0; j < H; j++) {
      const o = i * H + j;
      ht[o] = Math.tanh(xw[i * H3 + 2 * H + j] + bd[j + 2 * H] + hc[o]);
      out.data[o] = hv[o] + z[o] * (ht[o] - hv[o]);
    }
  }
  return g.result(out, [x, h, W, Uzr, Uh, b], (o) => {
    const dOut = o.grad!;
    const dxw = new Matrix(B, H3), dhu = new Matrix(B, H2), dhc = new Matrix(B, H); // pre-activation grads
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < H; j++) {
        const n = i * H + j, d = dOut[n];
        const dz = d * (ht[n] - hv[n]) * z[n] * (1 - z[n]);
        const dpre = d * z[n] * (1 - ht[n] * ht[n]);
        dxw.data[i * H3 + j] = dz; dhu.data[i * H2 + j] = dz;
        dxw.data[i * H3 + 2 * H + j] = dpre; dhc.data[n] = dpre;
      }
    }
    const drh = product(dhc, Uh.value, false, true).data; // (B, H) = dhc · Uhᵀ
    for (let i = 0; i < B; i++) {
      for (let j = 0; j < H; j++) {
        const n = i * H + j, dr = drh[n] * hv[n] * r[n] * (1 - r[n]);
        dxw.data[i * H3 + H + j] = dr; dhu.data[i * H2 + H + j] = dr;
      }
    }
    if (Uh.requiresGrad) addInto(Uh.g(), product(rh, dhc, true, false).data); // rhᵀ · dhc (H, H)
    if (W.requiresGrad) addInto(W.g(), product(x.value, dxw, true, false).data); // xᵀ · dxw (dIn, 3H)
    if (Uzr.requiresGrad) addInto(Uzr.g(), product(h.value, dhu, true, false).data); // hᵀ · dhu (H, 2H)
    if (b.requiresGrad) { const db = b.g(); for (let i = 0; i < B; i++) for (let j = 0; j < H3; j++) db[j] += dxw.data[i * H3 + j]; }
    if (x.requiresGrad) addInto(x.g(), product(dxw, W.value, false, true).data); // dxw · Wᵀ (B, dIn)
    if (h.requiresGrad) {
      const dh = h.g(), back = product(dhu, Uzr.value, false, true).data; // dhu · Uzrᵀ (B, H)
      for (let n = 0; n < B * H; n++) dh[n] += dOut[n] * (1 - z[n]) + drh[n] * r[n] + back[n];
    }
  });
}

function addInto(out: Float64Array, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] += x[i];
}
