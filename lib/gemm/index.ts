// WebAssembly SIMD float64 GEMM: packing (wasm.ts), the f64x2 4×4 kernel (gemm.wat), a second thread (pool.ts).
import type { Matrix } from "../matrix.js";
import { loadWasm, pack, unpack, fitsWasm } from "./wasm.js";
import { runSplit } from "./pool.js";

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
  const pk = pack(w, A, B, transA, transB);
  const bytes = 8;
  const large = pk.n * pk.m * pk.k >= PARALLEL_MIN;
  runSplit(w, [pk.aOff * bytes, pk.bOff * bytes, pk.cOff * bytes, pk.k, pk.m4 / 4], pk.n4 / 4, KC, MCP, large);
  return unpack(w, pk);
}

/** Milliseconds the module took to decode, compile and instantiate (0 before first use loads it). */
export const gemmStartupMs = (): number => loadWasm().startupMs;
