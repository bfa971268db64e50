// lib must load in a browser page (a later step bundles it for a Web Worker): bundled by esbuild for the
// browser, it has no node: import (the one left is in the GEMM worker's source text, run by Node only), and
// run where there is no `process` (a vm context with only what a page has) it computes on the WebAssembly
// backend, on one thread, the same bits as in Node.
import test from "ava";
import { buildSync } from "esbuild";
import vm from "node:vm";
import path from "node:path";
import { matmul, matmulNaive, multiHeadAttention, randomNormal, Rng, type Matrix } from "../../lib/index.js";

const root = path.resolve(import.meta.dirname, "../..");
/** The first entry whose bits differ, or −1 (ava's diff of two long arrays would take minutes). */
const firstDiff = (a: Matrix, b: Matrix) => (a.shape !== b.shape ? -2 : a.data.findIndex((v, i) => !Object.is(v, b.data[i])));

test("lib/index.ts bundles for the browser and runs without Node's globals, giving Node's bits", async (t) => {
  const out = buildSync({ entryPoints: [path.join(root, "lib/index.ts")], bundle: true, platform: "browser", format: "iife", globalName: "lib", write: false, logLevel: "silent" });
  const code = out.outputFiles[0].text;
  t.deepEqual(code.match(/\b(import|require)\s*\(?\s*["']node:[a-z_]+["']\)?(\.workerData)?/g), ['require("node:worker_threads").workerData']);
  const page = { WebAssembly, atob, SharedArrayBuffer, Atomics, performance, console, Math } as Record<string, unknown>;
  vm.createContext(page);
  vm.runInContext(`${code}\nglobalThis.lib = lib;`, page);
  const web = page.lib as typeof import("../../lib/index.js");
  t.is(typeof (page as { process?: unknown }).process, "undefined");
  const rng = new Rng(3), A = randomNormal(120, 130, { rng }), B = randomNormal(130, 140, { rng });
  t.is(firstDiff(web.matmul(A.toArray(), B.toArray()), matmul(A, B)), -1);
  // a large product runs too: no relaxed-SIMD flag can be set here, so on the exact kernel, one thread
  const C = randomNormal(170, 170, { rng });
  t.is(firstDiff(web.matmul(C.toArray(), C.toArray()), matmulNaive(C, C)), -1);
  const x = randomNormal(32, 16, { rng }), W = () => randomNormal(16, 16, { rng }), p = { numHeads: 4, wq: W(), wk: W(), wv: W(), wo: W() };
  const a = multiHeadAttention(x, x, x, p), b = web.multiHeadAttention(x.toArray(), x.toArray(), x.toArray(), { ...p, wq: p.wq.toArray(), wk: p.wk.toArray(), wv: p.wv.toArray(), wo: p.wo.toArray() });
  t.is(firstDiff(b.output, a.output), -1);
  t.is(firstDiff(b.weights[3], a.weights[3]), -1);
});
