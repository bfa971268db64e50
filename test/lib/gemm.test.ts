import test from "ava";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Matrix, matmul, matmulNaive, matmulTiled, matmulWasm, Rng, randomNormal, transpose } from "../../lib/index.js";
import { product } from "../../lib/matmul.js";
import { toMatrix } from "../../lib/matrix.js";
import { NonFiniteError } from "../../lib/errors.js";
import { loadWasm, packB, packPanels, BASE } from "../../lib/backend/wasm/wasm.js";
import { gemmWasm, matmulFma } from "../../lib/backend/wasm/gemm.js";
import { setGemmThreads, poolState, gemmThreads, fmaAvailable, setTuning } from "../../lib/backend/wasm/index.js";
import { assertClose, throwsWith } from "../helpers.js";
import { mm } from "../reference.js";

// Tolerance: 0. The naive loop, the tiled kernel and the SIMD kernel all add the k terms of an entry one
// at a time in the order p = 0 … k−1 from 0, each product rounded before its add (no FMA in JavaScript or
// WebAssembly SIMD), so they must agree bit for bit; blocking and thread splits never reorder a sum.
function sameBits(t: import("ava").ExecutionContext, got: Matrix, want: Matrix, what: string): void {
  t.is(got.shape, want.shape, what);
  const i = got.data.findIndex((v, j) => !Object.is(v, want.data[j]));
  t.is(i, -1, `${what}: entry ${i} is ${got.data[i]}, expected ${want.data[i]}`);
}

const edgeShapes: [number, number, number][] = [
  [1, 1, 1], [1, 7, 1], [1, 5, 9], [9, 5, 1], [3, 1, 3], [5, 3, 7], [4, 4, 4], [8, 8, 8], [13, 11, 6], [6, 2, 13],
  [1, 300, 64], [64, 300, 1], [37, 1, 41], // 1 × n, n × 1, rank one
  [67, 257, 70], // k > the 256-wide k block: the sum continues across blocks in order
  [130, 300, 129], // rows beyond one 64-row cache block, odd edges everywhere
];

test("naive, tiled and SIMD kernels agree bit for bit on every edge shape", (t) => {
  const rng = new Rng(13);
  for (const [n, k, m] of edgeShapes) {
    const A = randomNormal(n, k, { rng }), B = randomNormal(k, m, { rng });
    const ref = matmulNaive(A, B), what = `(${n}, ${k})·(${k}, ${m})`;
    sameBits(t, matmulTiled(A, B), ref, `tiled ${what}`);
    sameBits(t, matmulWasm(A, B), ref, `wasm ${what}`);
    if (n * k * m < 160 ** 3) sameBits(t, matmul(A, B), ref, `matmul ${what}`); // larger: the FMA test below
    assertClose(t, ref, mm(A.toArray(), B.toArray()), 1e-12); // and the independent reference
  }
});

test("transposed operands are read in place and give the same bits as an explicit transpose", (t) => {
  const rng = new Rng(14);
  for (const [n, k, m] of edgeShapes) {
    const A = randomNormal(n, k, { rng }), B = randomNormal(k, m, { rng });
    const At = transpose(A), Bt = transpose(B), ref = matmulNaive(A, B), what = `(${n}, ${k})·(${k}, ${m})`;
    sameBits(t, gemmWasm(At, B, true, false), ref, `Aᵀ ${what}`);
    sameBits(t, gemmWasm(A, Bt, false, true), ref, `Bᵀ ${what}`);
    sameBits(t, gemmWasm(At, Bt, true, true), ref, `AᵀBᵀ ${what}`);
    sameBits(t, product(At, Bt, true, true), ref, `product AᵀBᵀ ${what}`);
  }
});

test("a product computed after a larger one is not disturbed by leftovers in the shared memory", (t) => {
  const rng = new Rng(15);
  const big = [randomNormal(90, 90, { rng }), randomNormal(90, 90, { rng })];
  gemmWasm(big[0], big[1]);
  const A = randomNormal(5, 3, { rng }), B = randomNormal(3, 6, { rng });
  sameBits(t, gemmWasm(A, B), matmulNaive(A, B), "small after big");
});

test("one and two threads give bit-identical results, and the second thread really runs", async (t) => {
  const rng = new Rng(16);
  const A = randomNormal(203, 310, { rng }), B = randomNormal(310, 197, { rng });
  setGemmThreads(1);
  const one = gemmWasm(A, B);
  setGemmThreads(2);
  gemmWasm(A, B); // starts the worker
  for (let i = 0; i < 1000 && !poolState().ready; i++) await new Promise((r) => setTimeout(r, 10));
  t.true(poolState().ready, "the worker did not start within 10 s");
  const before = poolState().shared;
  const two = gemmWasm(A, B);
  t.true(poolState().shared > before, "the product was not shared with the worker");
  sameBits(t, two, one, "2 threads vs 1");
  sameBits(t, two, matmulNaive(A, B), "2 threads vs naive");
  setGemmThreads(gemmThreadsDefault);
});
const gemmThreadsDefault = gemmThreads();

// Tolerance of the FMA kernel, per entry: |C_fma − C_naive| ≤ 2·k·u·Σ_p|a_ip·b_pj|, u = 2⁻⁵³. Both sums
// are within γ_k·Σ_p|a_ip·b_pj| (γ_k ≈ k·u) of the exact one (the standard bound for recursive summation,
// Higham §3.1), so they are within twice that of each other; cancellation makes a relative bound on C useless.
/** The first entry of `got` outside the bound around matmulNaive(A, B), or −1; with the numbers, for a message. */
function fmaBoundViolation(got: Matrix, A: Matrix, B: Matrix): { i: number; why: string } {
  const ref = matmulNaive(A, B), abs = (M: Matrix) => new Matrix(M.rows, M.cols, M.data.map(Math.abs));
  const scale = matmulNaive(abs(A), abs(B)), bound = 2 * A.cols * 2 ** -53 * (1 + 1e-9);
  const i = got.data.findIndex((v, j) => !(Math.abs(v - ref.data[j]) <= bound * scale.data[j]));
  return { i, why: `entry ${i} is ${got.data[i]}, naive ${ref.data[i]}, bound ${bound * scale.data[i]}` };
}
function withinFmaBound(t: import("ava").ExecutionContext, got: Matrix, A: Matrix, B: Matrix, what: string): void {
  const v = fmaBoundViolation(got, A, B);
  t.is(v.i, -1, `${what}: ${v.why}`);
}

test("matmul's large products use fused multiply-adds where available: within the bound, the same on 1 and 2 threads", async (t) => {
  const rng = new Rng(17);
  if (!fmaAvailable()) t.log("relaxed SIMD is not available in this Node: matmul keeps the exact kernel (checked)");
  for (const [n, k, m] of [[203, 310, 197], [161, 161, 161], [512, 64, 130]]) {
    const A = randomNormal(n, k, { rng }), B = randomNormal(k, m, { rng }), what = `(${n}, ${k})·(${k}, ${m})`;
    setGemmThreads(1);
    const one = matmul(A, B);
    setGemmThreads(2);
    for (let i = 0; i < 1000 && !poolState().ready; i++) { matmul(A, B); await new Promise((r) => setTimeout(r, 10)); }
    const before = poolState().shared;
    const two = matmul(A, B);
    t.true(poolState().shared > before, `${what}: the worker took part`);
    sameBits(t, two, one, `${what}: 2 threads vs 1`);
    if (fmaAvailable()) withinFmaBound(t, one, A, B, what);
    else sameBits(t, one, matmulNaive(A, B), what);
  }
  setGemmThreads(gemmThreadsDefault);
  // the check can fail: the tiny product below is 0 unfused and −2⁻⁶⁰ fused, so a fused kernel is seen
  const old = setTuning({ parallelMin: 1 });
  const fused = matmulFma(Matrix.from([[-1, 1 + 2 ** -30]]), Matrix.from([[1], [1 - 2 ** -30]]));
  setTuning(old);
  if (fmaAvailable()) t.is(fused?.data[0], -(2 ** -60), "relaxed_madd did not fuse here");
  t.is(matmulNaive(Matrix.from([[-1, 1 + 2 ** -30]]), Matrix.from([[1], [1 - 2 ** -30]])).data[0], 0);
  // and the bound check itself can fail: a 1e-9 relative error in one entry is outside it, the exact product inside
  const A = randomNormal(170, 170, { rng }), B = randomNormal(170, 170, { rng });
  const off = matmulNaive(A, B);
  t.is(fmaBoundViolation(off, A, B).i, -1);
  off.data[7] += 1e-9 * Math.abs(off.data[7]);
  t.is(fmaBoundViolation(off, A, B).i, 7, "a 1e-9 relative error is outside the bound");
});

test("large matmuls check their entries before any product: a NonFiniteError with toMatrix's message, a before b", (t) => {
  const rng = new Rng(18);
  const message = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return "no error"; };
  for (const [n, k, m] of [[300, 200, 170], [170, 170, 171]]) {
    const A = randomNormal(n, k, { rng }), B = randomNormal(k, m, { rng });
    const badA = new Matrix(n, k, A.data.slice()), badB = new Matrix(k, m, B.data.slice());
    badA.data[3 * k + 7] = NaN;
    badB.data[(k - 1) * m + m - 1] = -Infinity; // the last entry: past the padding of a row of 171
    const want = (X: Matrix, arg: string) => message(() => toMatrix(X, "matmul", arg));
    t.is(message(() => matmul(badA, B)), want(badA, "a"));
    t.true(t.throws(() => matmul(A, badB)) instanceof NonFiniteError);
    t.is(message(() => matmul(A, badB)), want(badB, "b"));
    t.is(message(() => matmul(badA, badB)), want(badA, "a"));
    t.regex(want(badB, "b"), new RegExp(`-Infinity at \\(${k - 1}, ${m - 1}\\)`));
    badA.data[3 * k + 7] = Infinity;
    t.is(message(() => matmul(badA, B)), want(badA, "a"));
  }
});

test("the module's packb lays B out exactly as the readable packPanels does (k not a multiple of its 8-row blocks, m not of 4)", (t) => {
  const rng = new Rng(19);
  for (const [k, m] of [[1, 1], [7, 5], [9, 12], [300, 170], [512, 64]]) {
    const B = randomNormal(k, m, { rng }), w = loadWasm(), m4 = Math.ceil(m / 4) * 4, dst = BASE / 8, tmp = dst + k * m4;
    packB(w, B.data, k, m, dst, tmp);
    const want = new Float64Array(k * m4);
    packPanels(want, 0, B.data, m, k, false);
    sameBits(t, new Matrix(k, m4, new Float64Array(w.memory.buffer, BASE, k * m4).slice()), new Matrix(k, m4, want), `(${k}, ${m})`);
  }
});

test("ATTENTION_THREADS=1 selects one thread; the default is at most 2", (t) => {
  const root = path.resolve(import.meta.dirname, "../..");
  const threads = (env: Record<string, string>) => execFileSync(process.execPath, ["--import", "tsx", "-e",
    'import("./lib/backend/wasm/index.ts").then((g) => process.stdout.write(String(g.gemmThreads())))'], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  t.is(threads({ ATTENTION_THREADS: "1" }), "1");
  t.true(["1", "2"].includes(threads({ ATTENTION_THREADS: "" })));
  throwsWith(t, () => setGemmThreads(3), "setGemmThreads", "3");
});

test("shape errors name the function and both shapes", (t) => {
  throwsWith(t, () => matmulWasm(new Matrix(2, 3), new Matrix(2, 3)), "matmulWasm", "(2, 3)", "inner");
  throwsWith(t, () => product(new Matrix(2, 3), new Matrix(2, 3), true, true), "product", "(3, 2)", "(3, 2)");
});
