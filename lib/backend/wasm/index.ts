// The WebAssembly backend: SIMD kernels for products, softmax, attention weights, whole multi-head attention,
// autodiff's fused attention (forward and backward) and the adds after its products, with a second thread for
// large work. Where a kernel does not pay (tuning.ts) or the operands do not fit in the module's memory, it
// runs the readable kernels or steps instead, which give the same bits.
import type { Matrix } from "../../matrix.js";
import type { Backend } from "../backend.js";
import { readable } from "../readable/index.js";
import { checkInner } from "../readable/matmul.js";
import { attentionWeightsSteps, multiHeadSteps } from "../readable/steps.js";
import { gemmWasm, matmulFma, attentionWeightsWasm } from "./gemm.js";
import { softmaxWasm } from "./softmax.js";
import { multiHeadWasm, headsFit } from "./heads.js";
import { productToWasm } from "./product_to.js";
import { addColumnSumsWasm } from "./elementwise.js";
import { fitsWasm, loadWasm } from "./wasm.js";
import { loadFma } from "./fma.js";
import { tuning } from "./tuning.js";
import { attendForwardWasm, attendBackwardWasm } from "./attend_heads.js";

export { gemmThreads, setGemmThreads, poolState } from "./pool.js";
export { tuning, setTuning, type Tuning } from "./tuning.js";

export const wasm: Backend = {
  name: "wasm",
  product(A, B, transA = false, transB = false) {
    const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, m = transB ? B.rows : B.cols;
    // one output column, or a tiny product: the tiled TypeScript kernel is as fast
    if (m > 1 && n * m * k >= tuning.productMin && fitsWasm(n, m, k)) return gemmWasm(A, B, transA, transB);
    return readable.product(A, B, transA, transB);
  },
  productTo(A, B, transA, transB, out, accumulate, bias) {
    const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, m = transB ? B.rows : B.cols;
    if (m > 1 && n * m * k >= tuning.productMin && productToWasm(A, B, transA, transB, out, accumulate, bias)) return;
    readable.productTo(A, B, transA, transB, out, accumulate, bias);
  },
  addColumnSums: (X, out) => { if (X.rows * X.cols < tuning.productMin || !addColumnSumsWasm(X, out)) readable.addColumnSums(X, out); },
  matmul: (A, B) => matmulFma(A, B) ?? wasm.product(A, B),
  softmaxRows: (X, mask, fn) => (X.rows * X.cols >= tuning.softmaxMin ? softmaxWasm(X, mask, fn) : null) ?? readable.softmaxRows(X, mask, fn),
  attentionWeights: (Q, K, s, mask, fn) => attentionWeightsWasm(Q, K, s, mask, fn) ?? attentionWeightsSteps(wasm, Q, K, s, mask, fn),
  multiHead(p, fn) {
    if (p.Xq.rows * p.Xk.rows * p.WQ.cols >= tuning.headsMin && headsFit(p)) return multiHeadWasm(p, fn);
    return multiHeadSteps(wasm, p, fn);
  },
  attendForward: (s, q, k, v, allowed, W, ctx) => attendForwardWasm(s, q, k, v, allowed, W, ctx) ?? readable.attendForward(s, q, k, v, allowed, W, ctx),
  attendBackward(s, q, k, v, W, dC, gQ, gK, gV) {
    if (!attendBackwardWasm(s, q, k, v, W, dC, gQ, gK, gV)) readable.attendBackward(s, q, k, v, W, dC, gQ, gK, gV);
  },
};

/**
 * The WebAssembly SIMD kernel (f64x2, 4×4 register tile, packed and cache-blocked; gemm.wat) at every size,
 * on both threads for large products: bit-identical to `matmulNaive`.
 *
 * @example
 * matmulWasm(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); // => [[11]]
 */
export function matmulWasm(A: Matrix, B: Matrix): Matrix {
  checkInner("matmulWasm", A, B);
  return gemmWasm(A, B);
}

/** Whether this Node runs the FMA kernel (relaxed SIMD available). */
export const fmaAvailable = (): boolean => loadFma(loadWasm()) !== null;

/** Milliseconds the module took to decode, compile and instantiate (0 before first use loads it). */
export const gemmStartupMs = (): number => loadWasm().startupMs;
