// WebAssembly SIMD float64 GEMM: packing (wasm.ts), the f64x2 4×4 kernels (gemm.wat exact, gemm_fma.wat fused),
// a second thread (pool.ts); the fused attention weights here, multi-head attention in heads.ts.
import { Matrix } from "../../matrix.js";
import { NoKeyError } from "../../errors.js";
import { loadWasm, pack, unpack, fitsWasm, fitsBytes, packedSize, packB, BASE, type Packed, type Wasm } from "./wasm.js";
import { gemmThreads, runPair } from "./pool.js";
import { loadFma } from "./fma.js";
import { softmaxInMemory } from "./softmax.js";
import { tuning } from "./tuning.js";

/**
 * op(A)·op(B) with the SIMD kernel, op = transpose where `transA` / `transB`; bit-identical to
 * `matmulNaive(op(A), op(B))` (same summation order, no fused multiply-add).
 *
 * @example
 * gemmWasm(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])).toArray(); // => [[11]]
 */
export function gemmWasm(A: Matrix, B: Matrix, transA = false, transB = false): Matrix {
  const w = loadWasm();
  return unpack(w, gemmInMemory(w, A, B, transA, transB));
}

/** Packs, multiplies, and leaves op(A)·op(B) in the memory (rows m4 apart from `cOff`). */
function gemmInMemory(w: Wasm, A: Matrix, B: Matrix, transA: boolean, transB: boolean): Packed {
  const pk = pack(w, A, B, transA, transB);
  const [a, b, c, np, rows] = [pk.aOff * 8, pk.bOff * 8, pk.cOff * 8, pk.m4 / 4, pk.n4 / 4], { kc, mcp } = tuning;
  // row panels of 4, half on each thread for a large product (and no arrays for a small one)
  if (gemmThreads() === 1 || pk.n * pk.m * pk.k < tuning.parallelMin || rows < 2) w.gemm(a, b, c, pk.k, np, 0, rows, kc, mcp);
  else runPair(w, "gemm", [a, b, c, pk.k, np, 0, rows >> 1, kc, mcp], [a, b, c, pk.k, np, rows >> 1, rows, kc, mcp], [a, b, c, pk.k, np, 0, rows, kc, mcp]);
  return pk;
}

/**
 * Attention weights softmax(Q·Kᵀ·scale, mask) without leaving the module between the product and the
 * softmax: the same bits as `product(Q, K, false, true)`, a multiply by `scale`, then `softmaxRows`; null when
 * the product does not fit in the memory. A row with nothing to attend to throws NoKeyError naming `fn`.
 *
 * @example
 * attentionWeightsWasm(Matrix.from([[1, 0]]), Matrix.from([[1, 0], [0, 1]]), 1, undefined, "f")?.toArray(); // => [[0.7310585786300049, 0.2689414213699951]]
 */
export function attentionWeightsWasm(Q: Matrix, K: Matrix, scale: number, mask: boolean[][] | undefined, fn: string): Matrix | null {
  const n = Q.rows, m = K.rows, k = Q.cols;
  if (n * m === 0 || !fitsWasm(n, m, k + 8)) return null; // k + 8: room for the mask's n·m·8 bytes
  const w = loadWasm();
  const pk = gemmInMemory(w, Q, K, false, true);
  const bad = softmaxInMemory(w, pk.cOff * 8, n, m, pk.m4 * 8, scale, mask, BASE + packedSize(n, m, k) * 8);
  if (bad >= 0) throw new NoKeyError(fn, bad, n, m);
  return unpack(w, pk);
}

/**
 * A·B with fused multiply-adds (gemm_fma.wat) for products of at least the parallel size, on both threads;
 * null when the product is smaller, does not fit, or this Node cannot run relaxed SIMD. Each entry is within
 * 2·k·2⁻⁵³·Σ_p|a_ip·b_pj| of `matmulNaive`'s (both are within half of that of the exact sum), and the same on
 * one thread or two. `matmul` uses it; attention, autodiff and training keep the exact kernel, so their
 * results (and the shipped weights) do not depend on the machine having FMA.
 *
 * @example
 * matmulFma(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])); // => null
 */
export function matmulFma(A: Matrix, B: Matrix): Matrix | null {
  const n = A.rows, k = A.cols, m = B.cols, { kc, mcp } = tuning;
  if (n * m * k < tuning.parallelMin || !fitsWasm(n, 2 * m, k)) return null; // 2·m: room to copy B in before packing
  const w = loadWasm();
  if (loadFma(w) === null) return null;
  if (k > 1024) { // a 4-column panel of B no longer fits in L1: the blocked kernel on packed operands
    const pk = pack(w, A, B, false, false);
    const args = [pk.aOff * 8, pk.bOff * 8, pk.cOff * 8, pk.k, pk.m4 / 4], rows = pk.n4 / 4, half = rows >> 1;
    runPair(w, "gemmf", [...args, 0, half, kc, mcp], rows >= 2 ? [...args, half, rows, kc, mcp] : null, [...args, 0, rows, kc, mcp]);
    return unpack(w, pk);
  }
  // A copied in whole (no packing), B packed. Copying the result out into a fresh matrix costs ~0.8 ms at 512²
  // (page faults), so it is done in pieces while the worker computes.
  // gemmuf's row panels are 6 rows high
  const n6 = Math.ceil(n / 6) * 6, m4 = Math.ceil(m / 4) * 4, a = BASE / 8, b = a + n6 * k, c = b + m4 * k;
  if (!fitsBytes((c + n6 * m4 + k * m4) * 8)) return null;
  packB(w, B.data, k, m, b, c + n6 * m4); // B copied in after C, then packed
  const f = new Float64Array(w.memory.buffer);
  // Rows [0, m1) here, [m1, x) on the worker while this thread copies its rows out; then the worker does the
  // last few rows [x, rows) while this thread copies [m1, x) out, so little is left at the end (tuning.ts's
  // fmaShares: both threads finish each phase together at 512² on the machine measured).
  const rows = n6 / 6, m1 = Math.round(rows * tuning.fmaShares[0]), x = Math.max(m1, Math.round(rows * tuning.fmaShares[1]));
  const split = rows >= 2 && m1 > 0;
  // A's rows go in just before the thread that reads them starts (the worker's first)
  const copyA = (r0: number, r1: number) => {
    f.set(A.data.subarray(Math.min(n, 6 * r0) * k, Math.min(n, 6 * r1) * k), a + 6 * r0 * k);
    if (6 * r1 > n) f.fill(0, a + Math.max(n, 6 * r0) * k, a + 6 * r1 * k);
  };
  copyA(split ? m1 : 0, rows);
  const args = (r0: number, r1: number) => [a * 8, k * 8, b * 8, k * 32, c * 8, m4 * 8, k, m4 / 4, r0, r1];
  const out = new Matrix(n, m);
  let copied = 0;
  const copyTo = (row: number) => { // copies out the result rows [copied, row)
    const i1 = Math.min(n, row);
    if (m === m4) out.data.set(f.subarray(c + copied * m, c + i1 * m), copied * m);
    else for (let i = copied; i < i1; i++) out.data.set(f.subarray(c + i * m4, c + i * m4 + m), i * m);
    copied = Math.max(copied, i1);
  };
  runPair(w, "gemmuf", args(0, m1), split ? args(m1, x) : null, args(0, x), () => copyTo(6 * (split ? m1 : x)), () => { if (split) copyA(0, m1); });
  runPair(w, "gemmuf", args(x, x), split && x < rows ? args(x, rows) : null, args(x, rows), () => copyTo(6 * x));
  copyTo(n);
  return out;
}

