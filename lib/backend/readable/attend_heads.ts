// autodiff.attendHeads' numeric work as plain loops (the reference the WebAssembly kernels match bit for bit):
// every dot product sums over the columns in order from 0, every gradient entry adds its terms in loop order,
// and weights that are exactly 0 (masked keys) add nothing, so −0 and NaN·0 never reach a gradient.
import { softmaxRow } from "../../softmax_row.js";
import type { AttendShape } from "../backend.js";

/** Backend.attendForward as loops over sequences, heads, queries and keys. */
export function attendForwardReadable(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, allowed: Uint8Array, W: Float64Array, ctx: Float64Array): number {
  const { B, H, nQ, nK, dK, dVh } = s, d = H * dK, dV = H * dVh, scale = 1 / Math.sqrt(dK);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let i = 0; i < nQ; i++) {
    const w0 = ((b * H + h) * nQ + i) * nK, a0 = (b * nQ + i) * nK, qi = (b * nQ + i) * d + h * dK;
    for (let j = 0; j < nK; j++) {
      if (!allowed[a0 + j]) continue;
      const kj = (b * nK + j) * d + h * dK;
      let dot = 0;
      for (let c = 0; c < dK; c++) dot += q[qi + c] * k[kj + c];
      W[w0 + j] = dot * scale;
    }
    if (!softmaxRow(W, W, w0, nK, allowed, a0)) return b * nQ + i;
    const out = (b * nQ + i) * dV + h * dVh;
    for (let j = 0; j < nK; j++) {
      const wj = W[w0 + j];
      if (wj === 0) continue;
      const vj = (b * nK + j) * dV + h * dVh;
      for (let c = 0; c < dVh; c++) ctx[out + c] += wj * v[vj + c];
    }
  }
  return -1;
}

/** Backend.attendBackward: through W·v, the softmax, then the 1/√dK, into q and k. */
export function attendBackwardReadable(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, W: Float64Array, dC: Float64Array,
  gQ: Float64Array | null, gK: Float64Array | null, gV: Float64Array | null): void {
  const { B, H, nQ, nK, dK, dVh } = s, d = H * dK, dV = H * dVh, scale = 1 / Math.sqrt(dK), dw = new Float64Array(nK);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let i = 0; i < nQ; i++) {
    const w0 = ((b * H + h) * nQ + i) * nK, out = (b * nQ + i) * dV + h * dVh, qi = (b * nQ + i) * d + h * dK;
    let dot = 0;
    for (let j = 0; j < nK; j++) {
      const wj = W[w0 + j];
      if (wj === 0) { dw[j] = 0; continue; } // masked: no path to this key
      const vj = (b * nK + j) * dV + h * dVh;
      let sum = 0;
      for (let c = 0; c < dVh; c++) { sum += dC[out + c] * v[vj + c]; if (gV) gV[vj + c] += wj * dC[out + c]; }
      dw[j] = sum;
      dot += wj * sum;
    }
    for (let j = 0; j < nK; j++) {
      const ds = W[w0 + j] * (dw[j] - dot) * scale; // through softmax, then the 1/√dK
      if (ds === 0) continue;
      const kj = (b * nK + j) * d + h * dK;
      for (let c = 0; c < dK; c++) {
        if (gQ) gQ[qi + c] += ds * k[kj + c];
        if (gK) gK[kj + c] += ds * q[qi + c];
      }
    }
  }
}
