// Multi-head scaled dot-product attention for a batch of sequences, fused into one op (hand-derived backward):
// a generic-op version would allocate a matrix per head per sequence. Rows b·nQ + i of Q belong to sequence b,
// query i; rows b·nK + j of K and V to sequence b, key j. Head h uses columns [h·dK, (h+1)·dK).
import { Matrix } from "../matrix.js";
import { softmaxRow } from "../softmax_row.js";
import { Graph, Node } from "./graph.js";

export interface HeadsOptions {
  numHeads: number;
  /** Sequences in the batch: Q has B·nQ rows, K and V have B·nK. */
  B: number;
  /** Query i sees keys j ≤ i. */
  causal?: boolean;
  /** (nQ, nK), shared by every sequence; true = may attend (lib's polarity). */
  mask?: boolean[][];
  /** (B·nK), one per key row; false marks padding. */
  keep?: ArrayLike<boolean>;
}

/** context (B·nQ, dV) and weights[b][h] (nQ, nK), rows summing to 1 (views into one buffer). */
export interface HeadsResult { context: Node; weights: Matrix[][] }

/** softmax(Q_h K_hᵀ / √dK with the masks) · V_h per head and sequence, heads side by side in the context. */
export function attendHeads(g: Graph, Q: Node, K: Node, V: Node, o: HeadsOptions): HeadsResult {
  const fn = "autodiff.attendHeads", { numHeads: H, B } = o;
  const d = Q.cols, dV = V.cols, nQ = Q.rows / B, nK = K.rows / B;
  if (!Number.isInteger(H) || H < 1 || d % H !== 0 || dV % H !== 0 || K.cols !== d) {
    throw new Error(`${fn}: q is ${Q.value.shape}, k is ${K.value.shape}, v is ${V.value.shape}; q and k need equal widths and all widths must split into numHeads = ${H} heads`);
  }
  if (!Number.isInteger(nQ) || !Number.isInteger(nK) || K.rows !== V.rows) {
    throw new Error(`${fn}: q is ${Q.value.shape}, k is ${K.value.shape}, v is ${V.value.shape}; row counts must be B = ${B} times the sequence lengths`);
  }
  if (o.keep !== undefined && o.keep.length !== B * nK) throw new Error(`${fn}: keep has length ${o.keep.length}, expected B·nK = ${B * nK}`);
  if (o.mask !== undefined && (o.mask.length !== nQ || o.mask.some((r) => r.length !== nK))) throw new Error(`${fn}: mask must be (${nQ}, ${nK})`);
  const dK = d / H, dVh = dV / H, scale = 1 / Math.sqrt(dK);
  const q = Q.value.data, k = K.value.data, v = V.value.data;
  // which keys each query may see, once for all heads: (B·nQ·nK), 1 = allowed
  const allowed = new Uint8Array(B * nQ * nK);
  for (let b = 0; b < B; b++) for (let i = 0; i < nQ; i++) for (let j = 0; j < nK; j++) {
    allowed[(b * nQ + i) * nK + j] = (!o.keep || o.keep[b * nK + j]) && (!o.causal || j <= i) && (!o.mask || o.mask[i][j]) ? 1 : 0;
  }
  const W = new Float64Array(B * H * nQ * nK), ctx = new Matrix(B * nQ, dV);
  for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let i = 0; i < nQ; i++) {
    const w0 = ((b * H + h) * nQ + i) * nK, a0 = (b * nQ + i) * nK, qi = (b * nQ + i) * d + h * dK;
    for (let j = 0; j < nK; j++) {
      if (!allowed[a0 + j]) continue;
      const kj = (b * nK + j) * d + h * dK;
      let s = 0;
      for (let c = 0; c < dK; c++) s += q[qi + c] * k[kj + c];
      W[w0 + j] = s * scale;
    }
    if (!softmaxRow(W, W, w0, nK, allowed, a0)) throw new Error(`${fn}: query ${i} of sequence ${b} has no key it may attend to (nQ = ${nQ}, nK = ${nK})`);
    const out = (b * nQ + i) * dV + h * dVh;
    for (let j = 0; j < nK; j++) {
      const wj = W[w0 + j];
      if (wj === 0) continue;
      const vj = (b * nK + j) * dV + h * dVh;
      for (let c = 0; c < dVh; c++) ctx.data[out + c] += wj * v[vj + c];
    }
  }
  const context = g.result(ctx, [Q, K, V], (o2) => {
    const dC = o2.grad!, dw = new Float64Array(nK);
    const gQ = Q.requiresGrad ? Q.g() : null, gK = K.requiresGrad ? K.g() : null, gV = V.requiresGrad ? V.g() : null;
    for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) for (let i = 0; i < nQ; i++) {
      const w0 = ((b * H + h) * nQ + i) * nK, out = (b * nQ + i) * dV + h * dVh, qi = (b * nQ + i) * d + h * dK;
      let dot = 0;
      for (let j = 0; j < nK; j++) {
        const wj = W[w0 + j];
        if (wj === 0) { dw[j] = 0; continue; } // masked: no path to this key
        const vj = (b * nK + j) * dV + h * dVh;
        let s = 0;
        for (let c = 0; c < dVh; c++) { s += dC[out + c] * v[vj + c]; if (gV) gV[vj + c] += wj * dC[out + c]; }
        dw[j] = s;
        dot += wj * s;
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
  });
  const weights = Array.from({ length: B }, (_, b) => Array.from({ length: H }, (_, h) =>
    new Matrix(nQ, nK, W.subarray((b * H + h) * nQ * nK, (b * H + h + 1) * nQ * nK))));
  return { context, weights };
}
