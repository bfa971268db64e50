// Batched attention for a decoder step, fused into one op each (with a hand-derived backward), because
// the keys live in a (B·T, d) block and a generic-op version would allocate T matrices per step.
// Row b·T + t of Kp / V / keys belongs to sequence b, time t; mask[b·T + t] is false for padding.
import { Matrix } from "../matrix.js";
import { softmaxRow } from "../softmax_row.js";
import { Graph, Node } from "./graph.js";

export interface AttentionStep { context: Node; weights: Matrix } // context (B, dV); weights (B, T), rows sum to 1

/** context_b = Σ_t w_bt V_bt; returns d(score) from d(context) through softmax (shared by both ops). */
function mixAndBackprop(B: number, T: number, V: Node, w: Matrix, dCtx: Float64Array): Float64Array {
  const dV = V.cols, dScore = new Float64Array(B * T), v = V.value.data, wd = w.data;
  const gV = V.requiresGrad ? V.g() : null;
  for (let b = 0; b < B; b++) {
    let dot = 0;
    for (let t = 0; t < T; t++) {
      const r = (b * T + t) * dV, wt = wd[b * T + t];
      let dw = 0;
      for (let j = 0; j < dV; j++) { dw += dCtx[b * dV + j] * v[r + j]; if (gV) gV[r + j] += wt * dCtx[b * dV + j]; }
      dScore[b * T + t] = dw;
      dot += wt * dw;
    }
    for (let t = 0; t < T; t++) dScore[b * T + t] = wd[b * T + t] * (dScore[b * T + t] - dot);
  }
  return dScore;
}

/**
 * The part both ops share: masked softmax of `scores` (B·T) into weights, context = Σ_t w V; on backward,
 * d(context) is taken back through the mix and the softmax, and `scoreBackward` gets d(score).
 */
function attendFromScores(g: Graph, scores: Float64Array, B: number, T: number, V: Node, mask: ArrayLike<boolean>, inputs: Node[], scoreBackward: (dScore: Float64Array) => void): AttentionStep {
  const w = g.matrix(B, T);
  for (let b = 0; b < B; b++) {
    if (!softmaxRow(scores, w.data, b * T, T, mask)) throw new Error(`autodiff attention: sequence ${b} of ${B} has no key it may attend to (keep all false over its T = ${T} steps)`);
  }
  const ctx = g.result(context(B, T, V, w), inputs, (o) => scoreBackward(mixAndBackprop(B, T, V, w, o.grad!)));
  return { context: ctx, weights: w };
}

function context(B: number, T: number, V: Node, w: Matrix): Matrix {
  const dV = V.cols, out = new Matrix(B, dV);
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
    const wt = w.data[b * T + t];
    if (wt === 0) continue;
    for (let j = 0; j < dV; j++) out.data[b * dV + j] += wt * V.value.data[(b * T + t) * dV + j];
  }
  return out;
}

/**
 * Additive (Bahdanau) attention: score_bt = wv · tanh(Qp_b + Kp_bt), masked softmax over t, context = Σ w V.
 * Qp (B, h) is the projected query, Kp (B·T, h) the projected keys, wv (1, h), V (B·T, dV).
 */
export function additiveAttentionStep(g: Graph, Qp: Node, Kp: Node, wv: Node, V: Node, T: number, mask: ArrayLike<boolean>): AttentionStep {
  const B = Qp.rows, h = Qp.cols;
  const th = new Float64Array(B * T * h), scores = new Float64Array(B * T);
  const q = Qp.value.data, k = Kp.value.data, a = wv.value.data;
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) {
    const r = b * T + t;
    if (!mask[r]) continue;
    let s = 0;
    for (let j = 0; j < h; j++) { const x = Math.tanh(q[b * h + j] + k[r * h + j]); th[r * h + j] = x; s += a[j] * x; }
    scores[r] = s;
  }
  return attendFromScores(g, scores, B, T, V, mask, [Qp, Kp, wv, V], (dScore) => {
    const gQ = Qp.requiresGrad ? Qp.g() : null, gK = Kp.requiresGrad ? Kp.g() : null, gA = wv.requiresGrad ? wv.g() : null;
    for (let r = 0; r < B * T; r++) {
      const ds = dScore[r];
      if (ds === 0) continue;
      const b = Math.floor(r / T);
      for (let j = 0; j < h; j++) {
        const x = th[r * h + j];
        if (gA) gA[j] += ds * x;
        const dpre = ds * a[j] * (1 - x * x);
        if (gQ) gQ[b * h + j] += dpre;
        if (gK) gK[r * h + j] += dpre;
      }
    }
  });
}

/** Luong's multiplicative attention: score_bt = q_b · K_bt (use q·W first for "general"), masked softmax, Σ w V. */
export function dotAttentionStep(g: Graph, Q: Node, K: Node, V: Node, T: number, mask: ArrayLike<boolean>): AttentionStep {
  const B = Q.rows, d = Q.cols, q = Q.value.data, k = K.value.data;
  const scores = new Float64Array(B * T);
  for (let r = 0; r < B * T; r++) {
    if (!mask[r]) continue;
    const b = Math.floor(r / T);
    let s = 0;
    for (let j = 0; j < d; j++) s += q[b * d + j] * k[r * d + j];
    scores[r] = s;
  }
  return attendFromScores(g, scores, B, T, V, mask, [Q, K, V], (dScore) => {
    const gQ = Q.requiresGrad ? Q.g() : null, gK = K.requiresGrad ? K.g() : null;
    for (let r = 0; r < B * T; r++) {
      const ds = dScore[r];
      if (ds === 0) continue;
      const b = Math.floor(r / T);
      for (let j = 0; j < d; j++) {
        if (gQ) gQ[b * d + j] += ds * k[r * d + j];
        if (gK) gK[r * d + j] += ds * q[b * d + j];
      }
    }
  });
}
