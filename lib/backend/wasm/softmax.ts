// Row softmax in the WebAssembly module (gemm.wat's `softmax`, with a two-lane exp that is bit-identical to
// V8's Math.exp): the same bits as lib/softmax_row.ts's readable loop, ~6× faster (scripts/bench.ts).
import { Matrix } from "../../matrix.js";
import { NoKeyError } from "../../errors.js";
import { loadWasm, reserve, fitsBytes, BASE, type Wasm } from "./wasm.js";

/**
 * Softmax of (x·scale) in place for n rows of m values at byte offset `off`, `ld` bytes apart; `mask`
 * (true = keep) is written at `maskOff` first, 8 bytes an entry (all ones = keep). Returns −1, or the first row whose kept entries all
 * are −∞ (or that keeps nothing), for the caller to throw about.
 */
export function softmaxInMemory(w: Wasm, off: number, n: number, m: number, ld: number, scale: number, mask: boolean[][] | undefined, maskOff: number): number {
  if (mask) writeMask(w, mask, n, m, maskOff);
  return w.softmax(off, n, m, ld, scale, mask ? maskOff : 0);
}

/** The (n, m) mask as the module reads it at byte `off`: 8 bytes an entry, all ones = keep, all zeros = masked. */
export function writeMask(w: Wasm, mask: boolean[][], n: number, m: number, off: number): void {
  reserve(w, off + n * m * 8);
  const lanes = new Int32Array(w.memory.buffer, off, 2 * n * m);
  for (let i = 0, e = 0; i < n; i++) {
    const keep = mask[i];
    for (let j = 0; j < m; j++, e += 2) lanes[e] = lanes[e + 1] = keep[j] ? -1 : 0;
  }
}

/**
 * softmaxRows(X, mask) in the module: a new (n, m) matrix; null when X is too large for the module's memory
 * (the caller then runs the readable loop). A row with nothing to attend to throws NoKeyError naming `fn`.
 *
 * @example
 * softmaxWasm(Matrix.from([[0, Math.log(3)]]), undefined, "f")?.toArray(); // => [[0.25, 0.75]]
 */
export function softmaxWasm(X: Matrix, mask: boolean[][] | undefined, fn: string): Matrix | null {
  const n = X.rows, m = X.cols, bytes = n * m * 8;
  if (bytes === 0 || !fitsBytes(BASE + 2 * bytes)) return null;
  const w = loadWasm();
  reserve(w, BASE + bytes);
  new Float64Array(w.memory.buffer, BASE, n * m).set(X.data);
  const bad = softmaxInMemory(w, BASE, n, m, m * 8, 1, mask, BASE + bytes);
  if (bad >= 0) throw new NoKeyError(fn, bad, n, m);
  return new Matrix(n, m, new Float64Array(w.memory.buffer, BASE, n * m).slice());
}
