import test from "ava";
import { assembleGemm, gemmSource } from "../../lib/backend/wasm/assemble.js";
import { GEMM_WASM_BASE64 } from "../../lib/backend/wasm/gemm_wasm.js";
import { GEMM_FMA_WASM_BASE64 } from "../../lib/backend/wasm/gemm_fma_wasm.js";
import { ELEMENTWISE_WASM_BASE64 } from "../../lib/backend/wasm/elementwise_wasm.js";

test("the committed gemm_wasm.ts is exactly what wabt assembles from gemm.wat (rerun scripts/build_gemm.ts)", async (t) => {
  const fresh = Buffer.from(await assembleGemm()).toString("base64");
  t.is(GEMM_WASM_BASE64, fresh);
});

test("the committed gemm_fma_wasm.ts is exactly what wabt assembles from gemm_fma.wat", async (t) => {
  t.is(GEMM_FMA_WASM_BASE64, Buffer.from(await assembleGemm(gemmSource("gemm_fma.wat"))).toString("base64"));
});

test("the committed elementwise_wasm.ts is exactly what wabt assembles from elementwise.wat, and exports its three kernels", async (t) => {
  t.is(ELEMENTWISE_WASM_BASE64, Buffer.from(await assembleGemm(gemmSource("elementwise.wat"))).toString("base64"));
  const bytes = Buffer.from(ELEMENTWISE_WASM_BASE64, "base64");
  t.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort(), ["addbias", "colsum", "vadd"]);
});

test("the assembler refuses a broken source, so the check above can fail", async (t) => {
  await t.throwsAsync(() => assembleGemm("(module (func (result i32) f64.const 1))"));
});

test("the module validates in this Node (WebAssembly SIMD) and exports its kernels", (t) => {
  const bytes = Buffer.from(GEMM_WASM_BASE64, "base64");
  t.true(WebAssembly.validate(bytes));
  t.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name).sort(), ["attb", "attf", "exp", "gemm", "gemmu", "heads", "packb", "softmax"]);
});
