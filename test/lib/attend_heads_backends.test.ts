// autodiff.attendHeads' kernels: the WebAssembly ones (gemm.wat's attf/attb) give the same bits as the readable
// loops (tolerance 0: Object.is on every entry) for the weights, the context and all three gradients, on
// seeded random shapes with causal masks, masks, padding, weights that underflow to 0 and absent gradients.
import test, { type ExecutionContext } from "ava";
import { Matrix, Rng } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import type { AttendShape } from "../../lib/backend/index.js";
import { readable } from "../../lib/backend/readable/index.js";
import { wasm, setTuning } from "../../lib/backend/wasm/index.js";
import { attendForwardWasm, attendBackwardWasm } from "../../lib/backend/wasm/attend_heads.js";
import { eachBackend } from "./each_backend.js";
import { throwsWith } from "../helpers.js";

function sameBits(t: ExecutionContext, got: Float64Array, want: Float64Array, what: string): void {
  const i = got.findIndex((x, j) => !Object.is(x, want[j]));
  t.is(i, -1, `${what}: entry ${i} is ${got[i]}, the readable loops give ${want[i]}`);
}

interface Case { s: AttendShape; q: Float64Array; k: Float64Array; v: Float64Array; allowed: Uint8Array; dC: Float64Array; g0: Float64Array[]; need: boolean[] }

/**
 * A random case, head widths even (the wasm kernels' case) or 1–9; `big` scales q so that some softmax weights
 * underflow to exactly 0; entries are ±0 now and then (adding a +0 product turns a −0 gradient into +0).
 */
function draw(rng: Rng, even: boolean): Case {
  const width = () => (even ? 2 * (1 + rng.int(4)) : 1 + rng.int(9));
  const B = 1 + rng.int(5), H = 1 + rng.int(4), nQ = 1 + rng.int(9), nK = 1 + rng.int(9), dK = width(), dVh = width(), big = rng.uniform() < 0.3 ? 40 : 1;
  const causal = rng.uniform() < 0.3, masked = rng.uniform() < 0.3, padded = rng.uniform() < 0.5;
  const fill = (n: number, sc = 1) => Float64Array.from({ length: n }, () => { const u = rng.uniform(); return u < 0.03 ? 0 : u < 0.06 ? -0 : rng.normal() * sc; });
  const mask = Array.from({ length: nQ }, () => Array.from({ length: nK }, () => rng.uniform() < 0.8));
  const keep = Array.from({ length: B * nK }, (_, r) => r % nK === 0 || !padded || rng.uniform() < 0.7);
  const allowed = new Uint8Array(B * nQ * nK);
  for (let b = 0; b < B; b++) for (let i = 0; i < nQ; i++) for (let j = 0; j < nK; j++) {
    // key 0 always allowed, so every query has one
    allowed[(b * nQ + i) * nK + j] = j === 0 || (keep[b * nK + j] && (!causal || j <= i) && (!masked || mask[i][j])) ? 1 : 0;
  }
  const s = { B, H, nQ, nK, dK, dVh };
  return { s, q: fill(B * nQ * H * dK, big), k: fill(B * nK * H * dK), v: fill(B * nK * H * dVh), allowed, dC: fill(B * nQ * H * dVh),
    g0: [fill(B * nQ * H * dK), fill(B * nK * H * dK), fill(B * nK * H * dVh)], need: [rng.uniform() < 0.8, rng.uniform() < 0.8, rng.uniform() < 0.8] };
}

/** Forward and backward on a backend's kernels: W, context and the gradients (null where not needed). */
function run(be: typeof readable, c: Case) {
  const { B, H, nQ, nK, dVh } = c.s;
  const W = new Float64Array(B * H * nQ * nK), ctx = new Float64Array(B * nQ * H * dVh);
  const bad = be.attendForward(c.s, c.q, c.k, c.v, c.allowed, W, ctx);
  const [gQ, gK, gV] = c.g0.map((g, i) => (c.need[i] ? g.slice() : null));
  be.attendBackward(c.s, c.q, c.k, c.v, W, c.dC, gQ, gK, gV);
  return { bad, W, ctx, grads: [gQ, gK, gV] };
}

test("attendHeads' wasm kernels give the readable loops' bits: weights, context, gradients (200 random cases, even head widths)", (t) => {
  const rng = new Rng(2331), old = setTuning({ attendMin: 0 }); // every size through the kernels
  t.teardown(() => setTuning(old));
  for (let n = 0; n < 200; n++) {
    const c = draw(rng, true);
    const want = run(readable, c), label = `case ${n} ${JSON.stringify(c.s)} need ${c.need}`;
    t.is(want.bad, -1, `${label}: every query has a key`);
    const W = new Float64Array(want.W.length), ctx = new Float64Array(want.ctx.length);
    t.is(attendForwardWasm(c.s, c.q, c.k, c.v, c.allowed, W, ctx), -1, `${label}: the wasm kernel runs`);
    sameBits(t, W, want.W, `${label} W`);
    sameBits(t, ctx, want.ctx, `${label} context`);
    const grads = c.g0.map((g, i) => (c.need[i] ? g.slice() : null));
    t.true(attendBackwardWasm(c.s, c.q, c.k, c.v, W, c.dC, grads[0], grads[1], grads[2]), `${label}: the wasm kernel runs`);
    grads.forEach((g, i) => { if (g) sameBits(t, g, want.grads[i]!, `${label} grad ${"QKV"[i]}`); });
  }
});

test("the wasm backend's attendHeads kernels equal the readable ones at odd head widths too (readable fallback)", (t) => {
  const rng = new Rng(77);
  for (let n = 0; n < 40; n++) {
    const c = draw(rng, false), want = run(readable, c), got = run(wasm, c);
    t.is(got.bad, want.bad);
    for (const key of ["W", "ctx"] as const) sameBits(t, got[key], want[key], `case ${n} ${key}`);
    got.grads.forEach((g, i) => { if (g) sameBits(t, g, want.grads[i]!, `case ${n} grad ${i}`); });
  }
});

test("gradients that share one buffer (attendHeads(g, X, X, X)) still get the readable loops' bits", (t) => {
  const rng = new Rng(5), c = draw(rng, true);
  c.s.dVh = c.s.dK;
  c.v = c.k;
  c.dC = c.q.slice();
  const both = (be: typeof readable) => {
    const { B, H, nQ, nK, dK } = c.s, W = new Float64Array(B * H * nQ * nK), ctx = new Float64Array(B * nQ * H * dK), g = c.g0[1].slice();
    be.attendForward(c.s, c.q, c.k, c.v, c.allowed, W, ctx);
    be.attendBackward(c.s, c.q, c.k, c.v, W, c.dC, null, g, g);
    return g;
  };
  sameBits(t, both(wasm), both(readable), "K and V's shared gradient");
});

test("with infinite values and gradients the wasm kernels still give the readable loops' bits (0·∞ only where the loops add it)", (t) => {
  const rng = new Rng(91), old = setTuning({ attendMin: 0 });
  let bads = 0;
  t.teardown(() => setTuning(old));
  for (let n = 0; n < 60; n++) {
    const c = draw(rng, true), inf = (x: Float64Array) => x.map((e) => (rng.uniform() < 0.03 ? (rng.uniform() < 0.5 ? Infinity : -Infinity) : e));
    c.v = inf(c.v); c.dC = inf(c.dC); c.g0 = c.g0.map(inf);
    if (n % 3 === 0) c.q = inf(c.q);
    const want = run(readable, c), got = run(wasm, c);
    t.is(got.bad, want.bad, `case ${n}: the same query with nothing to attend to (all its scores −∞), or none`);
    if (want.bad >= 0) { bads++; continue; } // W and the context are unspecified then: the caller throws
    for (const key of ["W", "ctx"] as const) sameBits(t, got[key], want[key], `case ${n} ${key}`);
    got.grads.forEach((g, i) => { if (g) sameBits(t, g, want.grads[i]!, `case ${n} grad ${i}`); });
  }
  t.true(bads > 0 && bads < 30, `${bads} cases with a query whose scores are all −∞`);
});

let reference: Float64Array[] = []; // the readable run's arrays (eachBackend runs it first)
eachBackend("attendHeads through a graph: context, weights and the gradients of Q, K and V have the same bits on both backends", (t, name) => {
  const rng = new Rng(8), B = 3, nQ = 5, nK = 7, d = 8;
  const P = (r: number) => ad.param(new Matrix(r, d, Float64Array.from({ length: r * d }, () => rng.normal())));
  const Q = P(B * nQ), K = P(B * nK), V = P(B * nK), keep = Array.from({ length: B * nK }, (_, r) => r % nK < 4 + (r % 3));
  const g = new ad.Graph(), r = ad.attendHeads(g, Q, K, V, { numHeads: 2, B, keep, mask: Array.from({ length: nQ }, (_, i) => Array.from({ length: nK }, (_, j) => j !== i + 1)) });
  r.context.g().set(Float64Array.from({ length: B * nQ * d }, () => rng.normal()));
  g.backward(ad.param(new Matrix(1, 1))); // runs the tape from a stand-in scalar: the context's seeded gradient flows back
  const got = [r.context.value.data, ...r.weights.flat().map((w) => w.data), Q.g(), K.g(), V.g()];
  if (name === "readable") reference = got.map((a) => a.slice());
  else got.forEach((a, i) => sameBits(t, a, reference[i], `array ${i}`));
  t.pass();
});

eachBackend("attendHeads: a query with no key to attend to throws, naming the query and the sequence", (t) => {
  const Q = ad.param(new Matrix(6, 4, Float64Array.from({ length: 24 }, (_, i) => Math.sin(i))));
  const keep = [true, true, true, false, false, true]; // sequence 1 keeps only its last key
  throwsWith(t, () => ad.attendHeads(new ad.Graph(), Q, Q, Q, { numHeads: 2, B: 2, causal: true, keep }),
    "autodiff.attendHeads: query 0 of sequence 1 has no key it may attend to (nQ = 3, nK = 3)");
});
