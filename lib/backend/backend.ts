// The boundary between lib's readable operations and the kernels that compute them. A public op (matmul,
// softmax, scaledDotProductAttention, multiHeadAttention, …) checks its arguments once, in TypeScript, then
// calls the active backend (backend/index.ts) with validated matrices. Two backends implement this: the
// readable one (plain loops, backend/readable/) and the WebAssembly one (SIMD, threads, packing,
// backend/wasm/). Every method except `matmul` gives the same bits in both; tests run each op on both.
import type { Matrix } from "../matrix.js";

export type BackendName = "readable" | "wasm";

/** multiHeadAttention's inputs after validation (shapes agree, entries finite, biases of the right length). */
export interface HeadsInput {
  Xq: Matrix; Xk: Matrix; Xv: Matrix; WQ: Matrix; WK: Matrix; WV: Matrix; WO: Matrix;
  bq?: number[]; bk?: number[]; bv?: number[]; bo?: number[];
  numHeads: number;
  /** (nQ, nK), true = may attend; undefined: nothing masked. */
  mask: boolean[][] | undefined;
}

/**
 * Sizes of autodiff's fused attention (attendHeads) over B sequences: q (B·nQ, H·dK), k (B·nK, H·dK) and
 * v (B·nK, H·dVh) row-major; head h uses columns [h·dK, (h+1)·dK) of q and k, [h·dVh, …) of v.
 */
export interface AttendShape { B: number; H: number; nQ: number; nK: number; dK: number; dVh: number }

export interface Backend {
  readonly name: BackendName;
  /**
   * op(A)·op(B), op = transpose where `transA` / `transB` (read in place, no copy). Each entry sums its
   * terms in order from 0, one rounding per multiply and per add: bit-identical to matmulNaive.
   */
  product(A: Matrix, B: Matrix, transA?: boolean, transB?: boolean): Matrix;
  /**
   * `product` written into `out` (row-major, the product's shape): out = op(A)·op(B) + bias on every row, or,
   * with `accumulate`, out += op(A)·op(B) (autodiff's gradients). The same bits as `product` followed by that
   * add; the WebAssembly backend adds while it copies the result out of its memory. `out` must not overlap A or
   * B (autodiff's ops never pass overlapping arrays); a bias inside `out` is read before `out` is written.
   */
  productTo(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: Float64Array, accumulate: boolean, bias?: Float64Array): void;
  /** out[j] += X[0][j], then X[1][j], … (the rows in order): a bias's gradient from the layer's dY. */
  addColumnSums(X: Matrix, out: Float64Array): void;
  /** A·B for the public `matmul`: may use fused multiply-adds on large products (within a stated bound). */
  matmul(A: Matrix, B: Matrix): Matrix;
  /** Row-wise softmax of X under `mask`; a row that keeps nothing throws NoKeyError naming `fn`. */
  softmaxRows(X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix;
  /** softmax(Q·Kᵀ·scale) under `mask`: (nQ, nK). */
  attentionWeights(Q: Matrix, K: Matrix, scale: number, mask: boolean[][] | undefined, fn: string): Matrix;
  /** concat_h(softmax(Q_h·K_hᵀ/√d_k)·V_h)·W_O + b_O with Q = X_q·W_Q + b_Q, …; each head's weights. */
  multiHead(p: HeadsInput, fn: string): { output: Matrix; weights: Matrix[] };
  /**
   * attendHeads' forward: W (B·H·nQ·nK, index ((b·H + h)·nQ + i)·nK + j) = softmax(q_i·k_j/√dK) over the keys
   * with allowed[(b·nQ + i)·nK + j] = 1, and ctx (B·nQ, H·dVh) = W·v per head. W and ctx arrive zero-filled.
   * Returns −1, or b·nQ + i for the first (b, h, i) with nothing to attend to (the caller throws; W and ctx
   * are then unspecified).
   */
  attendForward(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, allowed: Uint8Array, W: Float64Array, ctx: Float64Array): number;
  /** attendHeads' backward: adds d(loss)/dq, /dk, /dv for the context gradient dC into gQ, gK, gV (null: not needed). */
  attendBackward(s: AttendShape, q: Float64Array, k: Float64Array, v: Float64Array, W: Float64Array, dC: Float64Array,
    gQ: Float64Array | null, gK: Float64Array | null, gV: Float64Array | null): void;
}
