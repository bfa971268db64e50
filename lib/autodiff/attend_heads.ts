// Multi-head scaled dot-product attention for a batch of sequences, fused into one op (hand-derived backward):
// a generic-op version would allocate a matrix per head per sequence. Rows b·nQ + i of Q belong to sequence b,
// query i; rows b·nK + j of K and V to sequence b, key j. Head h uses columns [h·dK, (h+1)·dK).
import { Matrix } from "../matrix.js";
import { backend } from "../backend/index.js";
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
  if (!Number.isInteger(B) || B < 1) throw new Error(`${fn}: B = ${B} sequences, for q ${Q.value.shape}, k ${K.value.shape}, v ${V.value.shape}; B must be a positive integer`);
  if (!Number.isInteger(H) || H < 1 || d % H !== 0 || dV % H !== 0 || K.cols !== d) {
    throw new Error(`${fn}: q is ${Q.value.shape}, k is ${K.value.shape}, v is ${V.value.shape}; q and k need equal widths and all widths must split into numHeads = ${H} heads`);
  }
  if (!Number.isInteger(nQ) || !Number.isInteger(nK) || K.rows !== V.rows) {
    throw new Error(`${fn}: q is ${Q.value.shape}, k is ${K.value.shape}, v is ${V.value.shape}; row counts must be B = ${B} times the sequence lengths`);
  }
  if (o.keep !== undefined && o.keep.length !== B * nK) throw new Error(`${fn}: keep has length ${o.keep.length}, expected B·nK = ${B * nK}`);
  if (o.mask !== undefined && (o.mask.length !== nQ || o.mask.some((r) => r.length !== nK))) throw new Error(`${fn}: mask must be (${nQ}, ${nK})`);
  const shape = { B, H, nQ, nK, dK: d / H, dVh: dV / H };
  const q = Q.value.data, k = K.value.data, v = V.value.data;
  // which keys each query may see, once for all heads: (B·nQ·nK), 1 = allowed
  const allowed = new Uint8Array(B * nQ * nK), { keep, causal, mask } = o;
  for (let b = 0; b < B; b++) for (let i = 0; i < nQ; i++) {
    const a0 = (b * nQ + i) * nK, k0 = b * nK, m = mask?.[i];
    for (let j = 0; j < nK; j++) allowed[a0 + j] = (!keep || keep[k0 + j]) && (!causal || j <= i) && (!m || m[j]) ? 1 : 0;
  }
  const W = g.matrix(B * H, nQ * nK).data, ctx = g.matrix(B * nQ, dV); // W: (B, H, nQ, nK)
  const bad = backend().attendForward(shape, q, k, v, allowed, W, ctx.data);
  if (bad >= 0) throw new Error(`${fn}: query ${bad % nQ} of sequence ${Math.floor(bad / nQ)} has no key it may attend to (nQ = ${nQ}, nK = ${nK})`);
  const context = g.result(ctx, [Q, K, V], (o2) => {
    const gQ = Q.requiresGrad ? Q.g() : null, gK = K.requiresGrad ? K.g() : null, gV = V.requiresGrad ? V.g() : null;
    backend().attendBackward(shape, q, k, v, W, o2.grad!, gQ, gK, gV);
  });
  const weights = Array.from({ length: B }, (_, b) => Array.from({ length: H }, (_, h) =>
    new Matrix(nQ, nK, W.subarray((b * H + h) * nQ * nK, (b * H + h + 1) * nQ * nK))));
  return { context, weights };
}
