// Assembles gemm.wat into WebAssembly bytes with wabt (an npm devDependency, never loaded at run time):
// scripts/build_gemm.ts writes the result into gemm_wasm.ts, and a test re-assembles and compares.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The committed source, read from beside this file. */
export function gemmSource(): string {
  return readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "gemm.wat"), "utf8");
}

/** gemm.wat → the module's bytes (SIMD and shared memory enabled; no names section, so the bytes are stable). */
export async function assembleGemm(source = gemmSource()): Promise<Uint8Array> {
  const wabt = await (await import("wabt")).default();
  const features = { simd: true, threads: true };
  const mod = wabt.parseWat("gemm.wat", source, features);
  try {
    // wabt's typings omit validate's features argument; without it shared memory is refused
    (mod as unknown as { validate(f: typeof features): void }).validate(features);
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
