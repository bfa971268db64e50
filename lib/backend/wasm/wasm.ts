// The WebAssembly side of the GEMM: one module (gemm.wat, embedded as base64), one shared memory that the
// main thread and the worker (pool.ts) both see, and the packing of a product's operands into it.
import { Matrix } from "../../matrix.js";
import { GEMM_WASM_BASE64 } from "./gemm_wasm.js";

export type GemmFn = (a: number, b: number, c: number, k: number, np: number, r0: number, r1: number, kc: number, mcp: number) => void;
// The few WebAssembly calls used, typed here: some TypeScript setups (tslab's lib) declare no WebAssembly global.
interface WasmMemory { readonly buffer: SharedArrayBuffer; grow(pages: number): number }
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
export type SoftmaxFn = (p: number, n: number, m: number, ld: number, scale: number, mask: number) => number;
type Fn = (...args: number[]) => number;
export interface Wasm { module: object; memory: WasmMemory; gemm: GemmFn; gemmu: Fn; heads: Fn; packb: Fn; softmax: SoftmaxFn; attf: Fn; attb: Fn; exp: (p: number, n: number) => void; startupMs: number }

const PAGE = 65536;
/** Bytes 0…511 of the memory hold gemm.wat's constants (the exp's, the all-ones mask); products start after. */
export const BASE = 512;
// f64 constants by byte offset, as gemm.wat reads them (each stored in both lanes); integers as i64 bit patterns
const CONSTS: [number, bigint | number][] = [
  [0, -1n], [16, 1.44269504088896338700e+00], [32, 0.5], [48, -(2n ** 63n)], [64, 6.93147180369123816490e-01],
  [80, 1.90821492927058770002e-10], [96, 1.66666666666666019037e-01], [112, -2.77777777770155933842e-03],
  [128, 6.61375632143793436117e-05], [144, -1.65339022054652515390e-06], [160, 4.13813679705723846039e-08],
  [176, 1], [192, 2], [208, 6755399441055744], [224, 1023n], [240, -1021n], [256, 1024n], [272, 1000n], [288, 1n],
  [304, 2 ** -1000], [320, 2 ** 1023], [336, 0x3e300000n], [352, 0x3fd62e42n], [368, 0x3ff0a2b2n], [384, 0x7fffffffn],
  [400, Math.E], [416, 7.09782712893383973096e+02], [432, -7.45133219101941108420e+02], [448, Infinity], [464, -Infinity],
];
const MAX_PAGES = 32768; // 2 GiB: i32 byte offsets stay positive
let wasm: Wasm | null = null;

/** Compiles and instantiates the module on first use; `startupMs` is what that cost. */
export function loadWasm(): Wasm {
  if (wasm) return wasm;
  const t0 = performance.now();
  const bytes = Uint8Array.from(atob(GEMM_WASM_BASE64), (ch) => ch.charCodeAt(0));
  const module = new WA.Module(bytes);
  const memory = new WA.Memory({ initial: 64, maximum: MAX_PAGES, shared: true });
  const f = new Float64Array(memory.buffer, 0, BASE / 8), i64 = new BigInt64Array(memory.buffer, 0, BASE / 8);
  for (const [off, v] of CONSTS) (typeof v === "bigint" ? i64 : f).fill(v as never, off / 8, off / 8 + 2);
  const ex = new WA.Instance(module, { env: { mem: memory } }).exports;
  const [gemm, softmax, exp, gemmu, heads, packb] = [ex.gemm as GemmFn, ex.softmax as SoftmaxFn, ex.exp as Wasm["exp"], ex.gemmu as Fn, ex.heads as Fn, ex.packb as Fn];
  wasm = { module, memory, gemm, gemmu, heads, packb, softmax, exp, attf: ex.attf as Fn, attb: ex.attb as Fn, startupMs: performance.now() - t0 };
  return wasm;
}

/** Where a packed product lives in the memory (offsets in f64 elements) and its padded sizes. */
export interface Packed { aOff: number; bOff: number; cOff: number; n: number; m: number; k: number; n4: number; m4: number }

/** Doubles of memory a product (n, k)·(k, m) needs, packed and padded. */
export const packedSize = (n: number, m: number, k: number): number => {
  const n4 = Math.ceil(n / 4) * 4, m4 = Math.ceil(m / 4) * 4;
  return n4 * k + m4 * k + n4 * m4;
};

/** Grows the memory to hold at least `bytes`. */
export function reserve(w: Wasm, bytes: number): void {
  if (bytes > w.memory.buffer.byteLength) w.memory.grow(Math.ceil((bytes - w.memory.buffer.byteLength) / PAGE));
}

/** True when the product fits in the 2 GiB the module can address. */
export const fitsWasm = (n: number, m: number, k: number): boolean => fitsBytes(BASE + packedSize(n, m, k) * 8);

/** True when `bytes` fit in the 2 GiB the module can address. */
export const fitsBytes = (bytes: number): boolean => bytes <= MAX_PAGES * PAGE;

/**
 * Packs op(A) (n, k) and op(B) (k, m) into panels of 4 (zero-padded), zeroes C; `transA` means A holds
 * op(A)ᵀ (k, n) and likewise for B, so Q·Kᵀ and the backward's dC·Bᵀ, Aᵀ·dC need no transpose copy.
 */
export function pack(w: Wasm, A: Matrix, B: Matrix, transA: boolean, transB: boolean): Packed {
  const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, m = transB ? B.rows : B.cols;
  const n4 = Math.ceil(n / 4) * 4, m4 = Math.ceil(m / 4) * 4;
  const need = BASE + packedSize(n, m, k) * 8;
  reserve(w, need);
  const f = new Float64Array(w.memory.buffer);
  const aOff = BASE / 8, bOff = aOff + n4 * k, cOff = bOff + m4 * k;
  packPanels(f, aOff, A.data, n, k, !transA);
  packPanels(f, bOff, B.data, m, k, transB);
  f.fill(0, cOff, cOff + n4 * m4);
  return { aOff, bOff, cOff, n, m, k, n4, m4 };
}

/**
 * Panels of 4 "lines" (rows of op(A), columns of op(B)), each panel p-major: dst[off + r·4k + p·4 + i] =
 * line 4r + i at position p, 0 past the last line. `lineMajor`: src holds line i at src[i·k + p];
 * otherwise at src[p·lines + i].
 */
export function packPanels(dst: Float64Array, off: number, src: Float64Array, lines: number, k: number, lineMajor: boolean): void {
  for (let r = 0; r < lines; r += 4) {
    const base = off + r * k, full = r + 4 <= lines;
    if (lineMajor) {
      const s0 = r * k, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
      if (full) {
        for (let p = 0, d = base; p < k; p++, d += 4) { dst[d] = src[s0 + p]; dst[d + 1] = src[s1 + p]; dst[d + 2] = src[s2 + p]; dst[d + 3] = src[s3 + p]; }
        continue;
      }
    } else if (full) {
      for (let p = 0, d = base, s = r; p < k; p++, d += 4, s += lines) { dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]; dst[d + 3] = src[s + 3]; }
      continue;
    }
    for (let p = 0, d = base; p < k; p++, d += 4) {
      for (let i = 0; i < 4; i++) dst[d + i] = r + i < lines ? src[lineMajor ? (r + i) * k + p : p * lines + r + i] : 0;
    }
  }
}

/**
 * B (k, m) into column panels of 4 at `dst` (f64 offset), as packPanels(…, lineMajor = false) does: B is
 * copied in row by row at `tmp` (zero-padded to m4 columns), then the module rearranges it (~3× faster
 * than doing it here element by element).
 */
export function packB(w: Wasm, B: Float64Array, k: number, m: number, dst: number, tmp: number): void {
  const m4 = Math.ceil(m / 4) * 4;
  reserve(w, (tmp + k * m4) * 8);
  const f = new Float64Array(w.memory.buffer);
  if (m === m4) f.set(B.subarray(0, k * m), tmp);
  else for (let p = 0; p < k; p++) { f.set(B.subarray(p * m, p * m + m), tmp + p * m4); f.fill(0, tmp + p * m4 + m, tmp + p * m4 + m4); }
  w.packb(tmp * 8, m4 * 8, dst * 8, k, m4 / 4);
}

/** Copies the unpadded (n, m) result out of the memory. */
export function unpack(w: Wasm, pk: Packed): Matrix {
  const f = new Float64Array(w.memory.buffer);
  if (pk.m === pk.m4) return new Matrix(pk.n, pk.m, f.slice(pk.cOff, pk.cOff + pk.n * pk.m)); // one copy, no zero fill
  const out = new Matrix(pk.n, pk.m);
  for (let i = 0; i < pk.n; i++) out.data.set(f.subarray(pk.cOff + i * pk.m4, pk.cOff + i * pk.m4 + pk.m), i * pk.m);
  return out;
}
