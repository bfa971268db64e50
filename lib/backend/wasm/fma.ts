// The fused multiply-add kernel (gemm_fma.wat): relaxed SIMD, which Node 20 keeps behind a V8 flag. The flag
// only lets modules use the relaxed instructions; it is set once, just before this module is compiled, and
// only when this Node does not validate the module already (browsers need no flag). Without it (or off x86
// FMA) lib keeps the exact kernel.
import { nodeBuiltin } from "../../node_builtin.js";
import { GEMM_FMA_WASM_BASE64 } from "./gemm_fma_wasm.js";
import type { GemmFn, Wasm } from "./wasm.js";

interface Fma { module: object; gemmf: GemmFn; gemmuf: (...args: number[]) => void }
let fma: Fma | null | undefined;
const WA = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean; Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => { exports: Record<string, unknown> } } }).WebAssembly;

/** Compiles and instantiates the FMA module on `w`'s memory on first use; null where it cannot run. */
export function loadFma(w: Wasm): Fma | null {
  if (fma !== undefined) return fma;
  try {
    const bytes = Uint8Array.from(atob(GEMM_FMA_WASM_BASE64), (ch) => ch.charCodeAt(0));
    if (!WA.validate(bytes)) nodeBuiltin<{ setFlagsFromString(f: string): void }>("node:v8")?.setFlagsFromString("--experimental-wasm-relaxed-simd");
    const module = new WA.Module(bytes);
    const ex = new WA.Instance(module, { env: { mem: w.memory } }).exports;
    fma = { module, gemmf: ex.gemmf as GemmFn, gemmuf: ex.gemmuf as Fma["gemmuf"] };
  } catch {
    fma = null; // a Node without relaxed SIMD: the exact kernel is used
  }
  return fma;
}
