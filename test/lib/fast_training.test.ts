// The fast training path (issue 23) against the readable one. Tolerance: 0 everywhere. The wasm backend's
// productTo sums every entry in the same order as the readable product and then does the same one add, and
// the arena only changes where arrays live, so values, gradients and trained weights must match bit for bit.
import test from "ava";
import { Matrix, Rng, randomNormal, useBackend } from "../../lib/index.js";
import { product } from "../../lib/matmul.js";
import { backend } from "../../lib/backend/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { datePairs } from "../../lib/seq2seq/dates.js";
import { train, type TrainOptions } from "../../lib/seq2seq/train.js";
import { TRANSFORMER_TRAINING as R } from "../../lib/seq2seq/recipe.js";
import type { TransformerConfig } from "../../lib/seq2seq/transformer_model.js";

const firstDiff = (a: Float64Array, b: Float64Array) => (a.length !== b.length ? -2 : a.findIndex((v, i) => !Object.is(v, b[i])));

test.serial("productTo equals product followed by the add, bit for bit, on both backends (edges, transposes, bias, accumulate)", (t) => {
  const rng = new Rng(3);
  for (const [n, k, m] of [[1, 1, 2], [5, 3, 7], [13, 11, 6], [64, 32, 32], [37, 70, 11], [130, 33, 64]]) {
    for (const [tA, tB] of [[false, false], [false, true], [true, false]] as const) {
      const A = tA ? randomNormal(k, n, { rng }) : randomNormal(n, k, { rng }), B = tB ? randomNormal(m, k, { rng }) : randomNormal(k, m, { rng });
      const bias = randomNormal(1, m, { rng }).data, start = randomNormal(n, m, { rng }).data;
      for (const name of ["readable", "wasm"] as const) {
        const before = useBackend(name);
        try {
          const P = product(A, B, tA, tB).data;
          const biased = new Float64Array(n * m), summed = Float64Array.from(start);
          backend().productTo(A, B, tA, tB, biased, false, bias);
          backend().productTo(A, B, tA, tB, summed, true);
          const wantBiased = P.map((v, i) => v + bias[i % m]), wantSummed = start.map((v, i) => v + P[i]);
          t.is(firstDiff(biased, wantBiased), -1, `[${name}] (${n}, ${k})·(${k}, ${m}) transA ${tA} transB ${tB}: + bias`);
          t.is(firstDiff(summed, wantSummed), -1, `[${name}] (${n}, ${k})·(${k}, ${m}) transA ${tA} transB ${tB}: accumulate`);
        } finally {
          useBackend(before);
        }
      }
    }
  }
});

test.serial("addColumnSums adds each column's rows in order, the same bits on both backends (odd widths fall back)", (t) => {
  const rng = new Rng(4);
  for (const [n, m] of [[1, 2], [3, 5], [40, 8], [352, 32], [300, 64], [97, 18], [64, 11]]) {
    const X = randomNormal(n, m, { rng }), start = randomNormal(1, m, { rng }).data;
    const want = Float64Array.from(start);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) want[j] += X.data[i * m + j];
    for (const name of ["readable", "wasm"] as const) {
      const before = useBackend(name), got = Float64Array.from(start);
      try { backend().addColumnSums(X, got); } finally { useBackend(before); }
      t.is(firstDiff(got, want), -1, `[${name}] (${n}, ${m})`);
    }
  }
});

test("linear equals addBias(matmul) in value and in every gradient, bit for bit", (t) => {
  const rng = new Rng(5);
  const X = ad.param(randomNormal(9, 6, { rng })), W = ad.param(randomNormal(6, 4, { rng })), b = ad.param(randomNormal(1, 4, { rng }));
  const up = randomNormal(9, 4, { rng });
  const grads = (f: (g: ad.Graph) => ad.Node) => {
    for (const p of [X, W, b]) p.grad = null;
    const g = new ad.Graph(), y = f(g);
    const loss = g.result(new Matrix(1, 1, Float64Array.of(y.value.data.reduce((s, v, i) => s + v * up.data[i], 0))), [y], (o) => {
      const d = y.g(); for (let i = 0; i < d.length; i++) d[i] += o.grad![0] * up.data[i];
    });
    g.backward(loss);
    return [y.value.data, X.grad!, W.grad!, b.grad!];
  };
  const fused = grads((g) => ad.linear(g, X, W, b)), apart = grads((g) => ad.addBias(g, ad.matmul(g, X, W), b));
  ["value", "dX", "dW", "db"].forEach((what, i) => t.is(firstDiff(fused[i], apart[i]), -1, what));
  t.throws(() => ad.linear(new ad.Graph(), X, b, W), { message: /autodiff\.linear: x is \(9, 6\), w is \(1, 4\), bias is \(6, 4\)/ });
});

test("an arena hands out zeroed arrays, reuses its memory after release, and leaves a graph's values and gradients unchanged", (t) => {
  const arena = new ad.Arena();
  const a = arena.take(10).fill(7), b = arena.take(5);
  t.deepEqual([...b], [0, 0, 0, 0, 0]);
  t.is(a.buffer, b.buffer, "small arrays share one chunk");
  arena.release();
  const c = arena.take(10);
  t.is(c.buffer, a.buffer);
  t.deepEqual([...c], new Array(10).fill(0), "taken again after release: zeroed");
  c.fill(5);
  arena.release();
  t.deepEqual([...arena.take(10, false)], new Array(10).fill(5), "not zeroed on request: what the last step left");
  const big = arena.take(3 << 20);
  t.is(big.length, 3 << 20, "an array larger than a chunk gets a chunk of its own");

  const rng = new Rng(8), x = ad.param(randomNormal(7, 8, { rng }));
  const cfg = { numHeads: 2, wq: ad.param(randomNormal(8, 8, { rng })), wk: ad.param(randomNormal(8, 8, { rng })), wv: ad.param(randomNormal(8, 8, { rng })), wo: ad.param(randomNormal(8, 8, { rng })),
    bq: ad.param(randomNormal(1, 8, { rng })), bk: ad.param(randomNormal(1, 8, { rng })), bv: ad.param(randomNormal(1, 8, { rng })), bo: ad.param(randomNormal(1, 8, { rng })) };
  const run = (g: ad.Graph) => {
    x.grad = null; cfg.wq.grad = null;
    const y = ad.relu(g, ad.mhaBlock(g, x, x, cfg, { B: 1, causal: true }).output);
    const loss = ad.softmaxCrossEntropy(g, y, [0, 1, 2, 3, 4, 5, 6]);
    g.backward(loss);
    return [Float64Array.of(loss.value.data[0]), Float64Array.from(x.grad!), Float64Array.from(cfg.wq.grad!)];
  };
  const plain = run(new ad.Graph());
  const reuse = new ad.Arena();
  run(new ad.Graph(true, reuse));
  reuse.release();
  const again = run(new ad.Graph(true, reuse)); // on recycled memory
  ["loss", "dx", "dWq"].forEach((what, i) => t.is(firstDiff(again[i], plain[i]), -1, what));
});

// The end-to-end check the issue asks for: the readable backend (plain loops, fresh arrays) and the wasm one
// (SIMD products written in place, the arena) train the Transformer recipe to the same bytes.
test.serial("a Transformer trained on the readable backend and on the wasm one ends with identical weights", (t) => {
  const pairs = datePairs(512, { seed: 11 });
  const o: TrainOptions<TransformerConfig> = { config: R.config, seed: 3, steps: 4, batchSize: 48, lr: R.lr, clip: R.clip, warmup: R.warmup, shards: 2, threads: 1 };
  const weights = (name: "readable" | "wasm") => {
    const before = useBackend(name);
    try { return JSON.stringify(train(pairs, o).toJSON()); } finally { useBackend(before); }
  };
  const readable = weights("readable"), wasm = weights("wasm");
  t.is(wasm.length, readable.length);
  t.true(wasm === readable, "the two backends' weights differ");
  t.not(readable, JSON.stringify(train(pairs, { ...o, steps: 0 }).toJSON()), "training moved the weights");
});
