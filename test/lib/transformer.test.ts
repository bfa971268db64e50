import { eachBackend } from "./each_backend.js";
import { layerNorm, feedForward, transformerEncoderLayer, transformerDecoderLayer, multiHeadAttention, Matrix, Rng } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";
import { layerNormRef, ffnRef, encoderRef, decoderRef } from "../reference_transformer.js";

const I2 = [[1, 0], [0, 1]];
const Z2 = [[0, 0], [0, 0]];
const vec = (rng: Rng, n: number) => randArray(rng, 1, n)[0];

function mhaParams(rng: Rng, d: number, numHeads: number, biases: boolean) {
  const p = { numHeads, wq: randArray(rng, d, d), wk: randArray(rng, d, d), wv: randArray(rng, d, d), wo: randArray(rng, d, d) };
  return biases ? { ...p, bq: vec(rng, d), bk: vec(rng, d), bv: vec(rng, d), bo: vec(rng, d) } : p;
}
const ffnParams = (rng: Rng, d: number, dFF: number) => ({ w1: randArray(rng, d, dFF), b1: vec(rng, dFF), w2: randArray(rng, dFF, d), b2: vec(rng, d) });
const lnParams = (rng: Rng, d: number) => ({ gamma: vec(rng, d).map((v) => 1 + v / 2), beta: vec(rng, d) });

// ---- layerNorm ----

eachBackend("layerNorm: hand-computed rows, default eps 1e-5, gamma and beta (tol 1e-15)", (t) => {
  assertClose(t, layerNorm([[1, 3]], { eps: 0 }), [[-1, 1]], 0);
  const s = Math.sqrt(2 / 3 + 1e-5); // [1, 2, 3]: mean 2, biased variance 2/3
  assertClose(t, layerNorm([[1, 2, 3]]), [[-1 / s, 0, 1 / s]], 1e-15);
  assertClose(t, layerNorm([[1, 2, 3]], { gamma: [2, 0, -1], beta: [0, 7, 1] }), [[-2 / s, 7, 1 - 1 / s]], 1e-15);
  assertClose(t, layerNorm([[4, 4, 4]]), [[0, 0, 0]], 0); // a constant row is 0 (eps keeps it finite)
});

eachBackend("layerNorm: rows near ±1e4 with a spread of 1 stay exact (two-pass; tol 1e-12)", (t) => {
  const rng = new Rng(1200);
  const spread = randArray(rng, 3, 8).map((r) => r.map((v) => v / 2));
  for (const shift of [1e4, -1e4]) {
    const far = spread.map((r) => r.map((v) => v + shift));
    const near = far.map((r) => r.map((v) => v - shift)); // exact (Sterbenz): the same numbers the far rows hold
    assertClose(t, layerNorm(far), layerNorm(near), 1e-12);
    assertClose(t, layerNorm(far), layerNormRef(near, undefined), 1e-12);
    // the one-pass E[x²] − E[x]² misses by far more here, so this test can tell the two apart
    const onePass = far[0].reduce((a, b) => a + b * b, 0) / 8 - (far[0].reduce((a, b) => a + b) / 8) ** 2;
    const twoPass = layerNormRef([near[0]], { eps: 0 })[0];
    const viaOnePass = near[0].map((v) => (v - near[0].reduce((a, b) => a + b) / 8) / Math.sqrt(onePass));
    t.true(viaOnePass.some((v, j) => Math.abs(v - twoPass[j]) > 1e-9), "one-pass should be visibly wrong");
  }
});

eachBackend("layerNorm agrees with the naive reference (tol 1e-12)", (t) => {
  const rng = new Rng(1201);
  const x = randArray(rng, 4, 7).map((r) => r.map((v) => 3 * v + 2));
  assertClose(t, layerNorm(x), layerNormRef(x, undefined), 1e-12);
  const p = { ...lnParams(rng, 7), eps: 1e-3 };
  assertClose(t, layerNorm(x, p), layerNormRef(x, p), 1e-12);
});

eachBackend("layerNorm rejects bad gamma, beta and eps, naming layerNorm, the argument and the shapes", (t) => {
  const x = [[1, 2, 3, 4], [5, 6, 7, 9]];
  throwsWith(t, () => layerNorm(x, { gamma: [1, 1, 1] }), "layerNorm", "gamma", "length 3", "(2, 4)");
  throwsWith(t, () => layerNorm(x, { beta: [1, 1, 1, 1, 1] }), "layerNorm", "beta", "length 5", "(2, 4)");
  throwsWith(t, () => layerNorm(x, { gamma: [1, NaN, 1, 1] }), "layerNorm", "gamma", "NaN");
  throwsWith(t, () => layerNorm(x, { eps: -1 }), "layerNorm", "eps", "-1");
  throwsWith(t, () => layerNorm([[2, 2]], { eps: 0 }), "layerNorm", "row 0", "(1, 2)", "eps");
  throwsWith(t, () => layerNorm([[1, 2], [3]]), "layerNorm", "x", "ragged");
});

// ---- feedForward ----

eachBackend("feedForward: hand-computed, ReLU clips the negative hidden unit", (t) => {
  assertClose(t, feedForward([[1, -1]], { w1: I2, w2: [[1], [1]] }), [[1]], 0); // relu([1, −1]) = [1, 0]
  assertClose(t, feedForward([[1, -1]], { w1: I2, b1: [0, 3], w2: [[1], [1]], b2: [0.5] }), [[3.5]], 0); // relu([1, 2])·[1, 1] + 0.5
  assertClose(t, feedForward([[2, -3]], { w1: [[1, -1], [1, 1]], w2: [[1], [1]], b2: [4] }), [[4]], 0); // hidden [−1, −5] → [0, 0]
});

eachBackend("feedForward agrees with the naive reference (tol 1e-12)", (t) => {
  const rng = new Rng(1202);
  const x = randArray(rng, 5, 6), p = ffnParams(rng, 6, 11);
  assertClose(t, feedForward(x, p), ffnRef(x, p), 1e-12);
});

eachBackend("feedForward rejects mismatched shapes, naming feedForward and the argument", (t) => {
  throwsWith(t, () => feedForward([[1, 2, 3]], { w1: I2, w2: I2 }), "feedForward", "w1", "(2, 2)", "(1, 3)");
  throwsWith(t, () => feedForward([[1, 2]], { w1: I2, w2: [[1, 2, 3]] }), "feedForward", "w2", "(1, 3)");
  throwsWith(t, () => feedForward([[1, 2]], { w1: I2, b1: [1], w2: I2 }), "feedForward", "b1", "length 1");
  throwsWith(t, () => feedForward([[1, 2]], { w1: I2, w2: I2, b2: [1, 2, 3] }), "feedForward", "b2", "length 3");
});

// ---- transformerEncoderLayer ----

eachBackend("encoder: hand-computed 2-token case with identity weights, eps 0", (t) => {
  // scores = x xᵀ/√2 = I/√2, so row 0's weights are [σ(1/√2), 1 − σ(1/√2)]; x + attn = [1 + a, 1 − a] → LN → [1, −1];
  // FFN(h) = relu(h) = [1, 0]; h + FFN(h) = [2, −1] → LN → [1, −1]. Row 1 mirrors it.
  const a = 1 / (1 + Math.exp(-Math.SQRT1_2));
  const r = transformerEncoderLayer(I2, { attn: { numHeads: 1, wq: I2, wk: I2, wv: I2, wo: I2 }, ffn: { w1: I2, w2: I2 }, norm1: { eps: 0 }, norm2: { eps: 0 } });
  assertClose(t, r.weights[0], [[a, 1 - a], [1 - a, a]], 1e-15);
  assertClose(t, r.output, [[1, -1], [-1, 1]], 1e-15);
});

eachBackend("encoder: with zero sub-layers, post-norm is LN2(LN1(x)) and pre-norm is exactly x", (t) => {
  const rng = new Rng(1203);
  const x = randArray(rng, 3, 4), Z = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]];
  const p = { attn: { numHeads: 2, wq: randArray(rng, 4, 4), wk: randArray(rng, 4, 4), wv: randArray(rng, 4, 4), wo: Z }, ffn: { w1: randArray(rng, 4, 8), w2: randArray(rng, 8, 4).map((r) => r.map(() => 0)) } };
  assertClose(t, transformerEncoderLayer(x, p).output, layerNorm(layerNorm(x)), 1e-15);
  t.deepEqual(transformerEncoderLayer(x, p, { normFirst: true }).output.toArray(), x);
});

for (const normFirst of [false, true]) {
  eachBackend(`encoder agrees with the naive reference, normFirst ${normFirst}, heads 1/2/4, padding mask (tol 1e-12)`, (t) => {
    const rng = new Rng(normFirst ? 1204 : 1205);
    for (const numHeads of [1, 2, 4]) {
      const x = randArray(rng, 5, 8);
      const p = { attn: mhaParams(rng, 8, numHeads, numHeads !== 1), ffn: ffnParams(rng, 8, 16), norm1: lnParams(rng, 8), norm2: lnParams(rng, 8) };
      const mask = x.map(() => [true, true, true, false, false]);
      for (const m of [undefined, mask]) {
        const got = transformerEncoderLayer(x, p, { mask: m, normFirst });
        const ref = encoderRef(x, p, { mask: m, normFirst });
        assertClose(t, got.output, ref.output, 1e-12);
        t.is(got.weights.length, numHeads);
        got.weights.forEach((w, h) => assertClose(t, w, ref.weights[h], 1e-12));
      }
    }
  });
}

eachBackend("encoder: normFirst changes the result; the padding mask gives padded keys weight exactly 0", (t) => {
  const rng = new Rng(1206);
  const x = randArray(rng, 4, 4), p = { attn: mhaParams(rng, 4, 2, true), ffn: ffnParams(rng, 4, 8) };
  const post = transformerEncoderLayer(x, p).output, pre = transformerEncoderLayer(x, p, { normFirst: true }).output;
  t.true(post.data.some((v, i) => Math.abs(v - pre.data[i]) > 1e-3));
  const r = transformerEncoderLayer(x, p, { mask: x.map(() => [true, true, false, false]) });
  for (const w of r.weights) for (let i = 0; i < 4; i++) { t.is(w.get(i, 2), 0); t.is(w.get(i, 3), 0); }
  const c = transformerEncoderLayer(x, p, { causal: true });
  for (const w of c.weights) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) t.is(w.get(i, j), 0);
});

eachBackend("encoder rejects bad input, naming transformerEncoderLayer (never an inner helper), the argument and the shapes", (t) => {
  const fn = "transformerEncoderLayer";
  const rng = new Rng(1207);
  const x = randArray(rng, 2, 4), good = { attn: mhaParams(rng, 4, 2, false), ffn: ffnParams(rng, 4, 8) };
  const bad = (f: () => unknown, ...frags: string[]) => {
    throwsWith(t, f, fn, ...frags);
    t.false(t.throws(f)!.message.includes("multiHeadAttention"), "names the inner helper");
  };
  bad(() => transformerEncoderLayer(x, { ...good, attn: { ...good.attn, numHeads: 3 } }), "attn", "d_model = 4", "numHeads = 3");
  bad(() => transformerEncoderLayer(x, { ...good, norm1: { gamma: [1, 1, 1] } }), "norm1.gamma", "length 3", "(2, 4)");
  bad(() => transformerEncoderLayer(x, { ...good, norm2: { beta: [1] } }, { normFirst: true }), "norm2.beta", "length 1");
  bad(() => transformerEncoderLayer(x, { ...good, ffn: { ...good.ffn, w1: randArray(rng, 3, 8) } }), "ffn.w1", "(3, 8)", "(2, 4)");
  bad(() => transformerEncoderLayer(x, { ...good, attn: { ...good.attn, wo: randArray(rng, 4, 6) } }), "attn", "(2, 6)", "d_model = 4");
  bad(() => transformerEncoderLayer(x, { ...good, attn: { ...good.attn, wq: randArray(rng, 3, 4) } }), "attn", "wq", "(3, 4)");
  bad(() => transformerEncoderLayer(x, { ...good, attn: { ...good.attn, bk: [1] } }), "attn", "bk", "length 1");
  bad(() => transformerEncoderLayer(x, good, { mask: [[true]] }), "mask", "(2, 2)", "(1, 1)");
  bad(() => transformerEncoderLayer(x, good, { mask: [[false, false], [true, true]] }), "attn", "row 0");
  bad(() => transformerEncoderLayer([[1, 2, NaN, 4]], good), "x", "NaN");
  bad(() => transformerEncoderLayer(x, { ffn: good.ffn } as never), "attn must be", "undefined");
  bad(() => transformerEncoderLayer(x, { attn: good.attn } as never), "ffn must be", "undefined");
});

// ---- transformerDecoderLayer ----

eachBackend("decoder: hand-computed causal self-weights and cross-weights over one memory row", (t) => {
  const mha = { numHeads: 2, wq: I2, wk: I2, wv: I2, wo: I2 };
  const r = transformerDecoderLayer(I2, [[5, 5]], { selfAttn: mha, crossAttn: mha, ffn: { w1: I2, w2: I2 } });
  // head 0 reads column 0: target 0 sees only itself; target 1's query column is 0, so both scores are 0
  assertClose(t, r.selfWeights[0], [[1, 0], [0.5, 0.5]], 0);
  assertClose(t, r.selfWeights[1], [[1, 0], [1 - 1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(-1))]], 1e-15); // head 1 reads column 1: scores [0, 1]
  assertClose(t, r.crossWeights[0], [[1], [1]], 0);
  assertClose(t, r.crossWeights[1], [[1], [1]], 0);
});

for (const normFirst of [false, true]) {
  eachBackend(`decoder agrees with the naive reference, normFirst ${normFirst}, n ≠ m, masks (tol 1e-12)`, (t) => {
    const rng = new Rng(normFirst ? 1208 : 1209);
    for (const numHeads of [1, 2, 4]) {
      const x = randArray(rng, 4, 8), memory = randArray(rng, 6, 8).map((r) => r.map((v) => 3 * v + 1));
      const p = { selfAttn: mhaParams(rng, 8, numHeads, true), crossAttn: mhaParams(rng, 8, numHeads, numHeads !== 1), ffn: ffnParams(rng, 8, 16),
        norm1: lnParams(rng, 8), norm2: lnParams(rng, 8), norm3: lnParams(rng, 8) };
      const memoryMask = x.map(() => [true, true, true, true, false, false]);
      const selfMask = x.map((_, i) => x.map((_, j) => j !== 1 || i === 1)); // nobody but target 1 reads target 1
      for (const o of [{ normFirst }, { normFirst, memoryMask, selfMask }]) {
        const got = transformerDecoderLayer(x, memory, p, o);
        const ref = decoderRef(x, memory, p, o);
        assertClose(t, got.output, ref.output, 1e-12);
        got.selfWeights.forEach((w, h) => assertClose(t, w, ref.selfWeights[h], 1e-12));
        got.crossWeights.forEach((w, h) => assertClose(t, w, ref.crossWeights[h], 1e-12));
      }
    }
  });
}

for (const normFirst of [false, true]) {
  eachBackend(`decoder self-attention is causal (normFirst ${normFirst}): future targets get weight exactly 0 and cannot change earlier rows`, (t) => {
    const rng = new Rng(1210);
    const x = randArray(rng, 4, 4), memory = randArray(rng, 3, 4);
    const p = { selfAttn: mhaParams(rng, 4, 2, true), crossAttn: mhaParams(rng, 4, 2, true), ffn: ffnParams(rng, 4, 8) };
    const r = transformerDecoderLayer(x, memory, p, { normFirst });
    for (const w of r.selfWeights) for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) t.is(w.get(i, j), 0);
    const changed = x.map((row, i) => (i === 3 ? row.map((v) => v + 10) : row));
    const r2 = transformerDecoderLayer(changed, memory, p, { normFirst });
    t.deepEqual(r2.output.toArray().slice(0, 3), r.output.toArray().slice(0, 3));
    t.notDeepEqual(r2.output.row(3), r.output.row(3));
  });
}

for (const normFirst of [false, true]) {
  eachBackend(`decoder never normalises memory (normFirst ${normFirst}): shifting memory rows changes the output`, (t) => {
    const rng = new Rng(1211);
    const x = randArray(rng, 3, 4), memory = randArray(rng, 5, 4);
    const p = { selfAttn: mhaParams(rng, 4, 2, true), crossAttn: mhaParams(rng, 4, 2, true), ffn: ffnParams(rng, 4, 8) };
    const a = transformerDecoderLayer(x, memory, p, { normFirst });
    // a per-row shift and scale is exactly what a layer norm of memory would remove
    const b = transformerDecoderLayer(x, memory.map((r, i) => r.map((v) => 3 * v + i + 2)), p, { normFirst });
    t.true(a.output.data.some((v, i) => Math.abs(v - b.output.data[i]) > 1e-3));
    const normed = transformerDecoderLayer(x, layerNorm(memory), p, { normFirst });
    t.true(a.output.data.some((v, i) => Math.abs(v - normed.output.data[i]) > 1e-3));
  });
}

eachBackend("decoder rejects bad input, naming transformerDecoderLayer (never an inner helper), the argument and the shapes", (t) => {
  const fn = "transformerDecoderLayer";
  const rng = new Rng(1212);
  const x = randArray(rng, 2, 4), memory = randArray(rng, 3, 4);
  const good = { selfAttn: mhaParams(rng, 4, 2, false), crossAttn: mhaParams(rng, 4, 2, false), ffn: ffnParams(rng, 4, 8) };
  const bad = (f: () => unknown, ...frags: string[]) => {
    throwsWith(t, f, fn, ...frags);
    t.false(t.throws(f)!.message.includes("multiHeadAttention"), "names the inner helper");
  };
  bad(() => transformerDecoderLayer(x, randArray(rng, 3, 6), good), "memory", "(3, 6)", "(2, 4)");
  bad(() => transformerDecoderLayer(x, memory, { ...good, crossAttn: { ...good.crossAttn, numHeads: 3 } }), "crossAttn", "d_model = 4", "numHeads = 3");
  bad(() => transformerDecoderLayer(x, memory, { ...good, selfAttn: { ...good.selfAttn, numHeads: 0 } }), "selfAttn", "numHeads");
  bad(() => transformerDecoderLayer(x, memory, { ...good, norm3: { gamma: [1, 2] } }), "norm3.gamma", "length 2", "(2, 4)");
  bad(() => transformerDecoderLayer(x, memory, good, { memoryMask: [[true, true]] }), "memoryMask", "(2, 3)", "(1, 2)");
  bad(() => transformerDecoderLayer(x, memory, good, { selfMask: [[true, true, true]] }), "selfMask", "(2, 2)");
  bad(() => transformerDecoderLayer(x, memory, good, { memoryMask: [[true, true, true], [false, false, false]] }), "crossAttn", "row 1");
  bad(() => transformerDecoderLayer(x, memory, good, { selfMask: [[false, true], [true, true]] }), "selfAttn", "row 0");
  bad(() => transformerDecoderLayer(x, memory, { ...good, crossAttn: undefined } as never), "crossAttn must be", "undefined");
});

eachBackend("the layer functions return Matrix and accept Matrix inputs", (t) => {
  const rng = new Rng(1213);
  const x = Matrix.from(randArray(rng, 2, 4)), p = { attn: mhaParams(rng, 4, 2, false), ffn: ffnParams(rng, 4, 4) };
  t.true(layerNorm(x) instanceof Matrix);
  t.true(feedForward(x, p.ffn) instanceof Matrix);
  t.true(transformerEncoderLayer(x, p).output instanceof Matrix);
  const d = transformerDecoderLayer(x, x, { selfAttn: p.attn, crossAttn: p.attn, ffn: p.ffn });
  t.true(d.output instanceof Matrix && d.crossWeights[0] instanceof Matrix);
  // post-norm: the returned weights are the self-attention's on x itself
  t.deepEqual(transformerEncoderLayer(x, p).weights.map((w) => w.toArray()), multiHeadAttention(x, x, x, p.attn).weights.map((w) => w.toArray()));
});
