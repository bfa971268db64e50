import test from "ava";
import { Matrix, Rng, randomNormal, multiHeadAttention, causalMask } from "../../lib/index.js";
import { readable } from "../../lib/backend/readable/index.js";
import type { HeadsInput } from "../../lib/backend/index.js";
import { headsFit } from "../../lib/backend/wasm/heads.js";
import { setGemmThreads, gemmThreads, poolState } from "../../lib/backend/wasm/index.js";
import { throwsWith } from "../helpers.js";
import { toMatrix } from "../../lib/matrix.js";
import { NoKeyError } from "../../lib/errors.js";

// Tolerance: 0 (bit patterns). The fused path computes the same products (each sum from 0, terms in order),
// the same scale, softmax (exp with Math.exp's bits) and bias adds as the readable steps, only without the
// split/merge copies and with the heads shared between two threads, which never changes a sum.
function sameBits(t: import("ava").ExecutionContext, got: Matrix, want: Matrix, what: string): void {
  t.is(got.shape, want.shape, what);
  const i = got.data.findIndex((v, j) => !Object.is(v, want.data[j]));
  t.is(i, -1, `${what}: entry ${i} is ${got.data[i]}, the readable path gives ${want.data[i]}`);
}

const cases: { n: number; nK: number; dIn: number; dm: number; heads: number; dOut: number; self?: boolean; bias?: boolean; causal?: boolean }[] = [
  { n: 16, nK: 16, dIn: 16, dm: 16, heads: 4, dOut: 16, self: true },
  { n: 37, nK: 37, dIn: 24, dm: 32, heads: 2, dOut: 13, self: true, bias: true, causal: true }, // odd rows, odd d_out
  { n: 9, nK: 23, dIn: 8, dm: 24, heads: 3, dOut: 8, bias: true }, // cross-attention, n ≠ n_k, 3 heads
  { n: 64, nK: 61, dIn: 40, dm: 64, heads: 8, dOut: 64 },
  { n: 5, nK: 130, dIn: 12, dm: 8, heads: 1, dOut: 7 }, // one head
];

test("the fused multi-head path and the readable steps agree bit for bit, on one and on two threads", async (t) => {
  const rng = new Rng(51);
  const base = gemmThreads();
  for (const c of cases) {
    const Xq = randomNormal(c.n, c.dIn, { rng }), Xk = c.self ? Xq : randomNormal(c.nK, c.dIn, { rng }), Xv = c.self ? Xq : randomNormal(c.nK, c.dIn, { rng });
    const W = (r: number, k: number) => randomNormal(r, k, { rng, std: 1 / Math.sqrt(r) });
    const b = (len: number) => (c.bias ? Array.from({ length: len }, () => rng.normal()) : undefined);
    const p = { numHeads: c.heads, wq: W(c.dIn, c.dm), wk: W(c.dIn, c.dm), wv: W(c.dIn, c.dm), wo: W(c.dm, c.dOut), bq: b(c.dm), bk: b(c.dm), bv: b(c.dm), bo: b(c.dOut) };
    const mask = c.causal ? causalMask(c.n) : undefined;
    const input: HeadsInput = { Xq, Xk, Xv, WQ: p.wq, WK: p.wk, WV: p.wv, WO: p.wo, bq: p.bq, bk: p.bk, bv: p.bv, bo: p.bo, numHeads: c.heads, mask };
    t.true(headsFit(input), "the case takes the fused path");
    const ref = readable.multiHead(input, "multiHeadAttention");
    for (const threads of [1, 2]) {
      setGemmThreads(threads as 1 | 2);
      if (threads === 2) for (let i = 0; i < 500 && !poolState().ready; i++) { multiHeadAttention(Xq, Xk, Xv, p, { mask }); await new Promise((r) => setTimeout(r, 10)); }
      const before = poolState().shared;
      const got = multiHeadAttention(Xq, Xk, Xv, p, { mask });
      if (threads === 2) t.true(poolState().shared > before, "the worker took part");
      const what = `n ${c.n}, n_k ${c.nK}, d_model ${c.dm}, ${c.heads} heads, ${threads} thread(s)`;
      sameBits(t, got.output, ref.output, `output, ${what}`);
      t.is(got.weights.length, c.heads);
      got.weights.forEach((w, h) => sameBits(t, w, ref.weights[h], `weights of head ${h}, ${what}`));
    }
  }
  setGemmThreads(base as 1 | 2);
});

test("d_k not a multiple of 4 takes the readable steps; shape errors (a bias) come before a row with no key", (t) => {
  const rng = new Rng(52);
  const x = randomNormal(20, 6, { rng }), W = randomNormal(6, 6, { rng });
  t.false(headsFit({ Xq: x, Xk: x, Xv: x, WQ: W, WK: W, WV: W, WO: W, numHeads: 2, mask: undefined })); // d_k = 3
  const x8 = randomNormal(40, 8, { rng }), W8 = randomNormal(8, 8, { rng });
  const p = { numHeads: 2, wq: W8, wk: W8, wv: W8, wo: W8 };
  throwsWith(t, () => multiHeadAttention(x8, x8, x8, { ...p, bk: [1, 2] }), "multiHeadAttention", "bk has length 2", "(8, 8)");
  const mask = x8.toArray().map((_, i) => Array.from({ length: 40 }, () => i !== 7));
  throwsWith(t, () => multiHeadAttention(x8, x8, x8, { ...p, bo: [1] }, { mask }), "multiHeadAttention", "bo has length 1");
  throwsWith(t, () => multiHeadAttention(x8, x8, x8, p, { mask }), "multiHeadAttention", "row 7", "(40, 40)");
  t.true(t.throws(() => multiHeadAttention(x8, x8, x8, p, { mask })) instanceof NoKeyError);
});

test("entries are checked first: a NaN or ±∞ anywhere gives toMatrix's error, before any other", (t) => {
  const rng = new Rng(53);
  const message = (f: () => unknown) => { try { f(); } catch (e) { return (e as Error).message; } return "no error"; };
  const x = randomNormal(40, 16, { rng }), y = randomNormal(40, 16, { rng });
  const W = () => randomNormal(16, 16, { rng });
  const base = { numHeads: 2, wq: W(), wk: W(), wv: W(), wo: W() };
  const names = ["q", "k", "v", "wq", "wk", "wv", "wo"] as const;
  names.forEach((name, i) => {
    const args: Matrix[] = [x, y, y, base.wq, base.wk, base.wv, base.wo].map((m) => new Matrix(m.rows, m.cols, m.data.slice()));
    args[i].data[17] = [NaN, Infinity, -Infinity][i % 3];
    const [q, k, v, wq, wk, wv, wo] = args;
    const want = message(() => toMatrix(args[i], "multiHeadAttention", name));
    t.regex(want, new RegExp(`${name} of shape .* at \\(1, 1\\)`));
    t.is(message(() => multiHeadAttention(q, k, v, { numHeads: 2, wq, wk, wv, wo })), want, `NaN in ${name}`);
    // with another problem too (a bias of the wrong length, checked later): the entry error still comes first
    t.is(message(() => multiHeadAttention(q, k, v, { numHeads: 2, wq, wk, wv, wo, bk: [1] })), want, `NaN in ${name} and a bad bk`);
  });
  // and the readable path (d_k = 3, not fused) checks them too
  const x6 = randomNormal(30, 6, { rng }), W6 = randomNormal(6, 6, { rng }), bad6 = new Matrix(6, 6, W6.data.slice());
  bad6.data[0] = NaN;
  t.is(message(() => multiHeadAttention(x6, x6, x6, { numHeads: 2, wq: W6, wk: W6, wv: W6, wo: bad6 })), message(() => toMatrix(bad6, "multiHeadAttention", "wo")));
});
