// `productTo` on the SIMD kernel: autodiff's products (a layer's X·W + b forward, dY·Wᵀ and Xᵀ·dY into the
// gradients backward) without a fresh matrix each. A is copied in and read in place (gemmu), or for Xᵀ·dY
// packed by the module; the result is added to the bias or to the gradient while it is copied out.
import type { Matrix } from "../../matrix.js";
import { addProductTo } from "../readable/index.js";
import { loadWasm, reserve, fitsBytes, packB, packPanels, BASE } from "./wasm.js";
import { gemmThreads, runPair } from "./pool.js";
import { tuning } from "./tuning.js";
import { loadElementwise } from "./elementwise.js";

/**
 * out = op(A)·op(B) (+ bias on every row), or out += op(A)·op(B) with `accumulate`; the same bits as the
 * readable backend's product followed by the add. False, doing nothing, when the operands do not fit.
 */
export function productToWasm(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out: Float64Array, accumulate: boolean, bias?: Float64Array): boolean {
  const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, m = transB ? B.rows : B.cols;
  const n4 = Math.ceil(n / 4) * 4, m4 = Math.ceil(m / 4) * 4;
  // A, packed B, C, packB's copy of B, then the epilogue's copy of out (f64 offsets from BASE)
  if (!fitsBytes(BASE + (n4 * k + m4 * k + n4 * m4 + k * Math.max(n4, m4) + n * m) * 8)) return false;
  const w = loadWasm();
  let c: number; // where the result is, rows m4 apart (f64 offset)
  const room = (c: number) => c + n4 * m4 + k * Math.max(n4, m4); // past C and packB's copy of B: the epilogue's
  if (transA) { // Xᵀ·dY: the row panels of Xᵀ are the column panels of X, so the module packs both operands
    const a = BASE / 8, b = a + n4 * k, rows = n4 / 4, { kc, mcp } = tuning;
    c = b + m4 * k;
    reserve(w, (room(c) + n * m) * 8);
    if (transB) packPanels(new Float64Array(w.memory.buffer), b, B.data, m, k, true);
    else packB(w, B.data, k, m, b, c + n4 * m4);
    packB(w, A.data, k, n, a, c + n4 * m4);
    new Float64Array(w.memory.buffer).fill(0, c, c + n4 * m4); // the blocked kernel adds into C
    const args = (r0: number, r1: number) => [a * 8, b * 8, c * 8, k, m4 / 4, r0, r1, kc, mcp];
    runPair(w, "gemm", args(0, rows >> 1), gemmThreads() > 1 && n * m * k >= tuning.parallelMin && rows > 1 ? args(rows >> 1, rows) : null, args(0, rows));
  } else {
    const a = BASE / 8, b = a + n4 * k;
    c = b + m4 * k;
    reserve(w, (room(c) + n * m) * 8);
    const f = new Float64Array(w.memory.buffer);
    f.set(A.data, a);
    f.fill(0, a + n * k, a + n4 * k); // the padding rows the last row panel reads
    if (transB) packPanels(f, b, B.data, m, k, true); // dY·Wᵀ: W's rows are op(B)'s columns
    else packB(w, B.data, k, m, b, c + n4 * m4); // B copied in after C, then packed
    const rows = n4 / 4, args = (r0: number, r1: number) => [a * 8, k * 8, b * 8, k * 32, c * 8, m4 * 8, k, m4 / 4, r0, r1];
    runPair(w, "gemmu", args(0, rows >> 1), gemmThreads() > 1 && n * m * k >= tuning.parallelMin && rows > 1 ? args(rows >> 1, rows) : null, args(0, rows));
  }
  const f = new Float64Array(w.memory.buffer), e = room(c), ew = loadElementwise(w);
  if (m === m4) { // rows are contiguous: the adds run in the module, the copies are memcpy
    if (accumulate) { f.set(out, e); ew.vadd(e * 8, c * 8, n * m); out.set(f.subarray(e, e + n * m)); return true; }
    if (bias) { f.set(bias, e); ew.addbias(c * 8, n, m, m * 8, e * 8); }
    out.set(f.subarray(c, c + n * m));
  } else for (let i = 0; i < n; i++) addProductTo(out.subarray(i * m, (i + 1) * m), f.subarray(c + i * m4, c + i * m4 + m), m, accumulate, bias);
  return true;
}
