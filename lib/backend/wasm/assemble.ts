// Assembles gemm.wat into WebAssembly bytes with wabt (an npm devDependency, never loaded at run time):
// scripts/build_gemm.ts writes the result into gemm_wasm.ts, and a test re-assembles and compares.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The committed source, read from beside this file. */
export function gemmSource(file = "gemm.wat"): string {
  return readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), file), "utf8");
}

/**
 * A .wat → the module's bytes (SIMD, shared memory and relaxed SIMD enabled; no names section, so the bytes
 * are stable). Relaxed SIMD is only used by gemm_fma.wat.
 */
export async function assembleGemm(source = gemmSource()): Promise<Uint8Array> {
  const wabt = await (await import("wabt")).default();
  const features = { simd: true, threads: true, relaxed_simd: true };
  const mod = wabt.parseWat("gemm.wat", source, features);
  try {
    // wabt's typings omit validate's features argument; without it shared memory is refused
    (mod as unknown as { validate(f: typeof features): void }).validate(features);
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
