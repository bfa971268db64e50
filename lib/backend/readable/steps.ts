// Attention step by step, on any backend's kernels: the readable backend runs these on its loops, and the
// WebAssembly one falls back to them (on its own kernels) where its fused paths do not apply. The fused
// paths are tested against these bit for bit.
import { Matrix } from "../../matrix.js";
import { addRowVector } from "../../elementwise.js";
import { splitHeads, mergeHeads } from "../../split_heads.js";
import type { Backend, HeadsInput } from "../backend.js";

/** softmax(Q·Kᵀ·s) with the mask: (nQ, dK)·(dK, nK) → (nQ, nK). */
export function attentionWeightsSteps(be: Backend, Q: Matrix, K: Matrix, s: number, mask: boolean[][] | undefined, fn: string): Matrix {
  const scores = be.product(Q, K, false, true); // Q·Kᵀ (nQ, nK), K read transposed in place
  for (let t = 0; t < scores.data.length; t++) scores.data[t] *= s; // (nQ, nK), variance ≈ 1 again
  return be.softmaxRows(scores, mask, fn); // (nQ, nK)
}

/** Project, split into heads, attend per head, merge, project: validated inputs. */
export function multiHeadSteps(be: Backend, p: HeadsInput, fn: string): { output: Matrix; weights: Matrix[] } {
  const project = (X: Matrix, W: Matrix, b?: number[]) => (b === undefined ? be.product(X, W) : addRowVector(be.product(X, W), b));
  const Q = project(p.Xq, p.WQ, p.bq); // (nQ, dModel)
  const K = project(p.Xk, p.WK, p.bk); // (nK, dModel)
  const V = project(p.Xv, p.WV, p.bv); // (nK, dModel)
  const [Qh, Kh, Vh] = [Q, K, V].map((X) => splitHeads(X, p.numHeads)); // numHeads × (n, dK)
  const s = 1 / Math.sqrt(Qh[0].cols);
  const weights = Qh.map((_, h) => be.attentionWeights(Qh[h], Kh[h], s, p.mask, fn)); // numHeads × (nQ, nK)
  const concat = mergeHeads(weights.map((w, h) => be.product(w, Vh[h]))); // (nQ, dModel)
  return { output: project(concat, p.WO, p.bo), weights }; // (nQ, dOut)
}
