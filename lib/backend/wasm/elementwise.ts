// elementwise.wat's kernels, instantiated on the GEMM module's memory: the adds after a product (a gradient
// plus the product, a product plus the bias, a bias gradient's column sums) two lanes at a time, same bits.
import { ELEMENTWISE_WASM_BASE64 } from "./elementwise_wasm.js";
import type { Matrix } from "../../matrix.js";
import { loadWasm, reserve, fitsBytes, BASE, type Wasm } from "./wasm.js";

export interface Elementwise {
  /** dst[i] += src[i], n even (byte offsets). */
  vadd(dst: number, src: number, n: number): void;
  /** x[i][j] += b[j] over rows of m (even) values, ld bytes apart. */
  addbias(x: number, rows: number, m: number, ld: number, b: number): void;
  /** out[j] += x[0][j], then x[1][j], … (rows in order); m even, rows ld bytes apart. */
  colsum(x: number, rows: number, m: number, ld: number, out: number): void;
}
const WA = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Record<string, unknown> } } }).WebAssembly;
let kernels: Elementwise | undefined;

/** out[j] += X[i][j] over the rows in order (the readable loop's bits); false when X's width is odd. */
export function addColumnSumsWasm(X: Matrix, out: Float64Array): boolean {
  const n = X.rows, m = X.cols, x = BASE / 8, o = x + n * m;
  if (m % 2 !== 0 || !fitsBytes((o + m) * 8)) return false;
  const w = loadWasm();
  reserve(w, (o + m) * 8);
  const f = new Float64Array(w.memory.buffer);
  f.set(X.data, x);
  f.set(out, o);
  loadElementwise(w).colsum(x * 8, n, m, m * 8, o * 8);
  out.set(f.subarray(o, o + m));
  return true;
}

/** Compiles and instantiates the module on `w`'s memory on first use. */
export function loadElementwise(w: Wasm): Elementwise {
  if (kernels) return kernels;
  const bytes = Uint8Array.from(atob(ELEMENTWISE_WASM_BASE64), (ch) => ch.charCodeAt(0));
  kernels = new WA.Instance(new WA.Module(bytes), { env: { mem: w.memory } }).exports as unknown as Elementwise;
  return kernels;
}
