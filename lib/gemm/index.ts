// WebAssembly SIMD float64 GEMM: packing (wasm.ts), the f64x2 4×4 kernels (gemm.wat exact, gemm_fma.wat fused),
// a second thread (pool.ts); the fused attention weights here, multi-head attention in heads.ts.
import { Matrix } from "../matrix.js";
import { loadWasm, pack, unpack, fitsWasm, fitsBytes, packedSize, packB, BASE, type Packed, type Wasm } from "./wasm.js";
import { runSplit, runPair } from "./pool.js";
import { loadFma } from "./fma.js";
import { softmaxInMemory } from "./softmax.js";

export { gemmThreads, setGemmThreads, poolState } from "./pool.js";
export { fitsWasm } from "./wasm.js";

// Cache blocking: a 4·KC sliver of B (8 KiB) stays in L1; MCP row panels of A (4·MCP·KC·8 = 128 KiB) in L2.
const KC = 256, MCP = 16;
// Below this many multiply-adds the hand-off to the worker (~20–50 µs) costs more than half the product
// saves; measured crossover between 128³ (no gain) and 256³ (1.4×), see scripts/bench.ts.
let PARALLEL_MIN = 160 ** 3;

/** Sets the size (multiply-adds) from which products use the second thread; for benchmarks. */
export function setParallelMin(madds: number): void { PARALLEL_MIN = madds; }

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
  const bytes = 8;
  const large = pk.n * pk.m * pk.k >= PARALLEL_MIN;
  runSplit(w, [pk.aOff * bytes, pk.bOff * bytes, pk.cOff * bytes, pk.k, pk.m4 / 4], pk.n4 / 4, KC, MCP, large);
  return pk;
}

/**
 * Attention weights softmax(Q·Kᵀ·scale, mask) without leaving the module between the product and the
 * softmax: the same bits as `product(Q, K, false, true)`, a multiply by `scale`, then `softmaxRows`. Returns the
 * first row with nothing to attend to as a number, or null when the product does not fit in the memory.
 *
 * @example
 * attentionWeightsWasm(Matrix.from([[1, 0]]), Matrix.from([[1, 0], [0, 1]]), 1, undefined).toArray(); // => [[0.7310585786300049, 0.2689414213699951]]
 */
export function attentionWeightsWasm(Q: Matrix, K: Matrix, scale: number, mask: boolean[][] | undefined): Matrix | number | null {
  const n = Q.rows, m = K.rows, k = Q.cols;
  if (n * m === 0 || !fitsWasm(n, m, k + 8)) return null; // k + 8: room for the mask's n·m·8 bytes
  const w = loadWasm();
  const pk = gemmInMemory(w, Q, K, false, true);
  const bad = softmaxInMemory(w, pk.cOff * 8, n, m, pk.m4 * 8, scale, mask, BASE + packedSize(n, m, k) * 8);
  return bad >= 0 ? bad : unpack(w, pk);
}

/**
 * A·B with fused multiply-adds (gemm_fma.wat) for products of at least the parallel size, on both threads;
 * null when the product is smaller, does not fit, or this Node cannot run relaxed SIMD. Each entry is within
 * 2·k·2⁻⁵³·Σ_p|a_ip·b_pj| of `matmulNaive`'s (both are within half of that of the exact sum), and the same on
 * one thread or two. `matmul` uses it; attention, autodiff and training keep the exact kernel, so their
 * results (and the shipped weights) do not depend on the machine having FMA. With `check` (the caller's
 * name), A's and B's entries are checked on the module's copies instead of by the caller (~1 ms less at 512²),
 * with toMatrix's errors.
 *
 * @example
 * matmulFma(Matrix.from([[1, 2]]), Matrix.from([[3], [4]])); // => null
 */
export function matmulFma(A: Matrix, B: Matrix, check?: string): Matrix | null {
  const n = A.rows, k = A.cols, m = B.cols;
  if (n * m * k < PARALLEL_MIN || !fitsWasm(n, 2 * m, k)) return null; // 2·m: room to copy B in before packing
  const w = loadWasm();
  if (loadFma(w) === null || (check !== undefined && k > 1024)) return null;
  if (k > 1024) { // a 4-column panel of B no longer fits in L1: the blocked kernel on packed operands
    const pk = pack(w, A, B, false, false);
    const args = [pk.aOff * 8, pk.bOff * 8, pk.cOff * 8, pk.k, pk.m4 / 4], rows = pk.n4 / 4, half = rows >> 1;
    runPair(w, "gemmf", [...args, 0, half, KC, MCP], rows >= 2 ? [...args, half, rows, KC, MCP] : null, [...args, 0, rows, KC, MCP]);
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
  // last few rows [x, rows) while this thread copies [m1, x) out and checks the entries (with `check`), so
  // little is left at the end (shares measured at 512²: both threads finish each phase together).
  const rows = n6 / 6, m1 = Math.round(rows * 0.44), x = Math.max(m1, Math.round(rows * 0.94));
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
  let bad: Error | null = null;
  runPair(w, "gemmuf", args(x, x), split && x < rows ? args(x, rows) : null, args(x, rows), () => {
    copyTo(6 * x);
    if (check === undefined) return; // the entries, checked on the copies (a product of a NaN is thrown away)
    const badA = w.nonfinite(a * 8, n * k), badB = badA >= 0 ? -1 : w.nonfinite((c + n6 * m4) * 8, k * m4);
    if (badA >= 0) bad = nonFiniteError(check, "a", A, badA);
    else if (badB >= 0) bad = nonFiniteError(check, "b", B, Math.floor(badB / m4) * m + (badB % m4));
  });
  if (bad) throw bad;
  copyTo(n);
  return out;
}

/** toMatrix's error for entry i of X (row-major), word for word. */
const nonFiniteError = (fn: string, arg: string, X: Matrix, i: number): Error =>
  new Error(`${fn}: ${arg} of shape ${X.shape} has ${X.data[i]} at (${Math.floor(i / X.cols)}, ${i % X.cols}); entries must be finite numbers`);

/** Whether this Node runs the FMA kernel (relaxed SIMD available). */
export const fmaAvailable = (): boolean => loadFma(loadWasm()) !== null;

/** Milliseconds the module took to decode, compile and instantiate (0 before first use loads it). */
export const gemmStartupMs = (): number => loadWasm().startupMs;
