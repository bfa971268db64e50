// What held when the fast training path (issue 23) was attacked, kept as regressions where the existing suites
// do not already check it: special values, k past the cache block, both operands transposed, two threads,
// tiny cache blocks, NaN-poisoned arena memory through a whole model, the keys/values cache of greedy decoding,
// the GRU models' training. Tolerance: 0 (Object.is per entry), as the backends claim the same bits.
import test from "ava";
import { readFileSync } from "node:fs";
import { Matrix, Rng, randomNormal, useBackend, type BackendName } from "../../lib/index.js";
import { backend } from "../../lib/backend/index.js";
import { setTuning, setGemmThreads, gemmThreads, poolState } from "../../lib/backend/wasm/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { DateTransformer } from "../../lib/seq2seq/transformer_model.js";
import { makeBatch } from "../../lib/seq2seq/model.js";
import { START, OUTPUT_LENGTH } from "../../lib/seq2seq/vocab.js";
import { datePairs } from "../../lib/seq2seq/dates.js";
import { train } from "../../lib/seq2seq/train.js";
import { TRAINING, LUONG_TRAINING } from "../../lib/seq2seq/recipe.js";

const firstDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => (a.length !== b.length ? -2 : Array.prototype.findIndex.call(a, (v: number, i: number) => !Object.is(v, b[i])));
const on = <T>(name: BackendName, f: () => T): T => {
  const before = useBackend(name);
  try { return f(); } finally { useBackend(before); }
};
const SPECIALS = [NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 2.2e-308, 1e308, -1e308];
/** Replaces a share p of M's entries by special values. */
const spice = (M: Matrix, p: number, rng: Rng) => {
  for (let i = 0; i < M.data.length; i++) if (rng.uniform() < p) M.data[i] = SPECIALS[Math.floor(rng.uniform() * SPECIALS.length)];
  return M;
};
/** productTo's three uses (+ bias, no bias, accumulate) on one backend. */
const productTos = (A: Matrix, B: Matrix, tA: boolean, tB: boolean, bias: Float64Array, start: Float64Array) => {
  const n = tA ? A.cols : A.rows, m = tB ? B.rows : B.cols;
  const biased = new Float64Array(n * m).fill(NaN), plain = new Float64Array(n * m).fill(NaN), summed = Float64Array.from(start);
  backend().productTo(A, B, tA, tB, biased, false, bias);
  backend().productTo(A, B, tA, tB, plain, false);
  backend().productTo(A, B, tA, tB, summed, true);
  return [biased, plain, summed];
};

test.serial("productTo and addColumnSums give the same bits on both backends with NaN, ±∞, −0 and subnormals (untransposed A: the readable transpose refuses non-finite entries)", (t) => {
  const rng = new Rng(21), dims = [1, 2, 3, 5, 8, 9, 17, 33];
  for (let trial = 0; trial < 60; trial++) {
    const pick = () => dims[Math.floor(rng.uniform() * dims.length)], p = [0.01, 0.3, 1][trial % 3];
    const n = pick(), k = pick(), m = pick();
    const A = spice(randomNormal(n, k, { rng }), p, rng), B = spice(randomNormal(k, m, { rng }), p, rng);
    const bias = spice(randomNormal(1, m, { rng }), p, rng).data, start = spice(randomNormal(n, m, { rng }), p, rng).data;
    const r = on("readable", () => productTos(A, B, false, false, bias, start)), w = on("wasm", () => productTos(A, B, false, false, bias, start));
    r.forEach((x, i) => t.is(firstDiff(x, w[i]), -1, `(${n}, ${k})·(${k}, ${m}) p = ${p}, use ${i}`));
  }
  for (const [n, m] of [[40, 8], [97, 10], [300, 18], [64, 64], [33, 2]]) for (const p of [0.01, 0.3]) { // the wasm colsum: even widths, n·m ≥ productMin
    const X = spice(randomNormal(n, m, { rng }), p, rng), into = spice(randomNormal(1, m, { rng }), p, rng).data;
    const sums = (name: BackendName) => on(name, () => { const o = Float64Array.from(into); backend().addColumnSums(X, o); return o; });
    t.is(firstDiff(sums("readable"), sums("wasm")), -1, `column sums (${n}, ${m}) p = ${p}`);
  }
  // every product −0 (0 + −0 is +0 in both), k from 1 to past the cache block
  for (const [n, k, m] of [[4, 1, 4], [5, 300, 6]]) for (const tA of [false, true]) {
    const A = new Matrix(tA ? k : n, tA ? n : k, new Float64Array(n * k).fill(-1)), B = new Matrix(k, m);
    const f = () => productTos(A, B, tA, false, new Float64Array(m).fill(-0), new Float64Array(n * m).fill(-0));
    const r = on("readable", f), w = on("wasm", f);
    r.forEach((x, i) => t.is(firstDiff(x, w[i]), -1, `−0 (${n}, ${k}, ${m}) transA ${tA}, use ${i}`));
  }
});

test.serial("productTo: both operands transposed, k past the cache block, tiny cache blocks, and two threads all give the readable bits", (t) => {
  const rng = new Rng(22);
  const compare = (label: string, n: number, k: number, m: number, tA: boolean, tB: boolean) => {
    const A = tA ? randomNormal(k, n, { rng }) : randomNormal(n, k, { rng }), B = tB ? randomNormal(m, k, { rng }) : randomNormal(k, m, { rng });
    const bias = randomNormal(1, m, { rng }).data, start = randomNormal(n, m, { rng }).data;
    const r = on("readable", () => productTos(A, B, tA, tB, bias, start)), w = on("wasm", () => productTos(A, B, tA, tB, bias, start));
    r.forEach((x, i) => t.is(firstDiff(x, w[i]), -1, `${label}: (${n}, ${k}, ${m}) transA ${tA} transB ${tB}, use ${i}`));
  };
  for (const [n, k, m] of [[5, 7, 9], [16, 300, 12], [9, 600, 8]]) for (const [tA, tB] of [[true, true], [true, false], [false, true]] as const) compare("k", n, k, m, tA, tB);
  for (const [kc, mcp] of [[1, 1], [3, 2], [7, 100]]) {
    const old = setTuning({ kc, mcp });
    try { compare(`kc ${kc} mcp ${mcp}`, 13, 40, 10, true, false); } finally { setTuning(old); }
  }
  const threads = gemmThreads(), old = setTuning({ parallelMin: 1 });
  setGemmThreads(2);
  try {
    const shared0 = poolState().shared;
    for (let i = 0; i < 200 && !poolState().ready; i++) { // the worker takes ~30 ms to start; until then runPair runs alone
      on("wasm", () => backend().productTo(randomNormal(8, 8, { rng }), randomNormal(8, 8, { rng }), false, false, new Float64Array(64), false));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
    for (const [n, k, m] of [[8, 5, 6], [9, 300, 10], [13, 17, 3]]) for (const [tA, tB] of [[false, false], [false, true], [true, false]] as const) compare("two threads", n, k, m, tA, tB);
    t.true(poolState().shared > shared0, "the second thread took part");
  } finally {
    setGemmThreads(threads);
    setTuning(old);
  }
});

test.serial("attendForward/attendBackward give the readable bits with NaN, ±∞, −0, subnormals and huge entries", (t) => {
  const rng = new Rng(23), specials = [NaN, Infinity, -Infinity, -0, 5e-324, 1e300, -1e300];
  const old = setTuning({ attendMin: 0 });
  try {
    for (let trial = 0; trial < 60; trial++) {
      const int = (lo: number, hi: number) => lo + Math.floor(rng.uniform() * (hi - lo + 1));
      const s = { B: int(1, 3), H: int(1, 3), nQ: int(1, 6), nK: int(1, 7), dK: 2 * int(1, 4), dVh: 2 * int(1, 4) }, p = [0.02, 0.1, 0.5][trial % 3];
      const mk = (len: number) => Float64Array.from({ length: len }, () => (rng.uniform() < p ? specials[Math.floor(rng.uniform() * specials.length)] : rng.normal()));
      const q = mk(s.B * s.nQ * s.H * s.dK), k = mk(s.B * s.nK * s.H * s.dK), v = mk(s.B * s.nK * s.H * s.dVh), dC = mk(s.B * s.nQ * s.H * s.dVh);
      const allowed = Uint8Array.from({ length: s.B * s.nQ * s.nK }, (_, i) => (i % s.nK === 0 || rng.uniform() < 0.7 ? 1 : 0));
      const run = () => {
        const W = new Float64Array(s.B * s.H * s.nQ * s.nK), ctx = new Float64Array(s.B * s.nQ * s.H * s.dVh);
        const bad = backend().attendForward(s, q, k, v, allowed, W, ctx);
        if (bad >= 0) return [Float64Array.of(bad)];
        const gQ = new Float64Array(q.length), gK = new Float64Array(k.length).fill(-0), gV = new Float64Array(v.length);
        backend().attendBackward(s, q, k, v, W, dC, gQ, gK, gV);
        return [W, ctx, gQ, gK, gV];
      };
      const r = on("readable", run), w = on("wasm", run);
      t.is(w.length, r.length);
      r.forEach((x, i) => t.is(firstDiff(x, w[i]), -1, `${JSON.stringify(s)} p = ${p}, array ${i}`));
    }
  } finally {
    setTuning(old);
  }
});

const shipped = () => DateTransformer.fromJSON(JSON.parse(readFileSync(new URL("../../notebooks/data/date_transformer.json", import.meta.url), "utf8")));
/** An arena whose first 12 chunks hold NaN: any entry an op leaves unwritten shows. */
const poisoned = () => {
  const arena = new ad.Arena();
  for (let i = 0; i < 12; i++) arena.take(1 << 20, false).fill(NaN);
  arena.release();
  return arena;
};

test.serial("a Transformer step and greedy decoding on NaN-filled arena memory equal a fresh graph's, bit for bit, on both backends", (t) => {
  const model = shipped(), pairs = datePairs(24, { seed: 5 });
  const texts = pairs.map((p) => p.human), isos = pairs.map((p) => p.iso);
  const step = (g: ad.Graph) => {
    for (const p of Object.values(model.params)) p.grad = null;
    const { loss } = model.run(g, makeBatch(texts, isos));
    g.backward(loss!);
    return [Float64Array.of(loss!.value.data[0]), ...Object.values(model.params).map((p) => Float64Array.from(p.grad ?? []))];
  };
  for (const name of ["readable", "wasm"] as const) {
    on(name, () => {
      const fresh = step(new ad.Graph()), reused = step(new ad.Graph(true, poisoned()));
      t.is(fresh.map((f, i) => firstDiff(f, reused[i])).filter((d) => d !== -1).length, 0, `[${name}] loss and gradients`);
      const a = model.run(new ad.Graph(false), makeBatch(texts)), b = model.run(new ad.Graph(false, poisoned()), makeBatch(texts));
      t.deepEqual(b.predictions, a.predictions, `[${name}] greedy predictions`);
      const wa = a.crossWeights.flat(2), wb = b.crossWeights.flat(2);
      t.true(wa.every((m, i) => firstDiff(m.data, wb[i].data) === -1), `[${name}] cross-attention weights`);
    });
  }
});

test("greedy decoding with the encoder's keys and values projected once equals projecting them at every pass (shipped weights, padded batch)", (t) => {
  const model = shipped(), texts = [...datePairs(12, { seed: 6 }).map((p) => p.human), "1/2/03", "saturday september 30 2000"];
  const batch = makeBatch(texts), g = new ad.Graph(false);
  const cached = model.run(g, batch);
  const { memory } = model.encode(g, batch);
  const prev = new Int32Array(batch.B * OUTPUT_LENGTH).fill(START);
  let last!: { logits: ad.Node; crossWeights: Matrix[][][] };
  for (let i = 0; i < OUTPUT_LENGTH; i++) { // run's loop without memoryKV
    const n = i + 1, prefix = Int32Array.from({ length: batch.B * n }, (_, r) => prev[Math.floor(r / n) * OUTPUT_LENGTH + (r % n)]);
    last = model.decode(g, memory, batch, prefix, n);
    const L = last.logits.value;
    for (let b = 0; b < batch.B && n < OUTPUT_LENGTH; b++) {
      const row = (b * n + i) * L.cols;
      let best = 0;
      for (let c = 1; c < L.cols; c++) if (L.data[row + c] > L.data[row + best]) best = c;
      prev[b * OUTPUT_LENGTH + n] = best;
    }
  }
  const a = last.crossWeights.flat(2), b = cached.crossWeights.flat(2);
  t.is(a.length, b.length);
  t.true(a.every((m, i) => firstDiff(m.data, b[i].data) === -1), "cross-attention weights of the last pass");
  t.true(cached.predictions.every((p, r) => p.slice(0, OUTPUT_LENGTH - 1).every((c, j) => c === prev[r * OUTPUT_LENGTH + j + 1])), "the characters chosen");
});

test.serial("the GRU translators (Bahdanau and Luong) train to the same bytes on both backends", (t) => {
  const pairs = datePairs(128, { seed: 11 });
  for (const R of [TRAINING, LUONG_TRAINING]) {
    const o = { config: R.config, seed: 3, steps: 2, batchSize: 24, lr: R.lr, clip: R.clip, shards: 2 as const, threads: 1 as const };
    const weights = (name: BackendName) => on(name, () => JSON.stringify(train(pairs, o).toJSON()));
    t.true(weights("readable") === weights("wasm"), `${R.config.kind ?? "bahdanau"}: the weights differ`);
  }
});

test.serial("zero-row operands through linear, relu, attendHeads and an empty product, on NaN-filled arena memory, on both backends (kernels forced)", (t) => {
  const rng = new Rng(24), W = ad.param(randomNormal(4, 6, { rng })), b = ad.param(randomNormal(1, 6, { rng })), K = ad.param(randomNormal(3, 6, { rng }));
  for (const name of ["readable", "wasm"] as const) for (const min of [256, 0]) {
    on(name, () => {
      const old = setTuning({ productMin: min, attendMin: min });
      try {
        const g = new ad.Graph(true, poisoned());
        const y = ad.relu(g, ad.linear(g, ad.param(new Matrix(0, 4)), W, b));
        const { context } = ad.attendHeads(g, y, K, K, { numHeads: 2, B: 1 });
        const s = ad.add(g, ad.matmul(g, ad.param(new Matrix(1, 0)), ad.param(new Matrix(0, 1))), ad.param(Matrix.from([[1]])));
        g.backward(s);
        t.is(context.value.shape, "(0, 6)");
        t.true(Object.is(s.value.data[0], 1), `[${name}] min ${min}: an empty product is 0`);
      } finally {
        setTuning(old);
      }
    });
  }
});
