// Autodiff for the Transformer layer: each new op's backward against finite differences (relative error ≤ 1e-6,
// h = 1e-6, see test/gradcheck.ts), the trainable layers' forward against lib's readable layers (tol 1e-12), and
// a tiny encoder–decoder Transformer that learns to reverse digit strings.
import { eachBackend } from "./each_backend.js";
import { Matrix, Rng, randomNormal, layerNorm, multiHeadAttention, transformerEncoderLayer, transformerDecoderLayer, positionalEncoding } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { Adam } from "../../lib/seq2seq/train.js";
import { assertClose, throwsWith } from "../helpers.js";
import { probe, checkGrads } from "../gradcheck.js";

const rng = new Rng(1299);
const P = (r: number, c: number, scale = 1, shift = 0) => {
  const m = randomNormal(r, c, { rng });
  return ad.param(new Matrix(r, c, m.data.map((v) => v * scale + shift)));
};
/** Rows of sequence b of a (B·n, d) matrix. */
const seq = (m: Matrix, b: number, n: number) => m.toArray().slice(b * n, (b + 1) * n);
/** The (n, m) lib mask of sequence b from a (B·m) keep vector. */
const keepMask = (keep: boolean[], b: number, n: number, m: number) => Array.from({ length: n }, () => keep.slice(b * m, (b + 1) * m));

eachBackend("relu: forward clips at 0; backward matches finite differences", (t) => {
  const X = P(4, 5);
  t.deepEqual(Array.from(ad.relu(new ad.Graph(false), X).value.data), Array.from(X.value.data, (v) => Math.max(0, v)));
  checkGrads(t, [X], (g) => probe(g, ad.relu(g, X), 1));
});

eachBackend("relu without branches: +0 for negatives and for −0, x itself for positives; the gradient only where x > 0", (t) => {
  const X = ad.param(Matrix.from([[-2, -0, 0, 3, 1e-300, -1e300, Number.MAX_VALUE, -Number.MIN_VALUE]]));
  const g = new ad.Graph(), y = ad.relu(g, X), ref = Array.from(X.value.data, (v) => (v > 0 ? v : 0));
  t.true(Array.from(y.value.data).every((v, i) => Object.is(v, ref[i])), `relu gave ${Array.from(y.value.data)}, expected ${ref}`);
  const weighted = ad.mul(g, y, g.constant(Matrix.from([[5, 6, 7, 8, 9, 10, 11, 12]]))); // (1, 8)
  g.backward(ad.matmul(g, weighted, g.constant(new Matrix(8, 1, new Float64Array(8).fill(1))))); // Σ 5·y₀ + 6·y₁ + …
  t.deepEqual(Array.from(X.grad!), [0, 0, 0, 8, 9, 0, 11, 0]);
});

eachBackend("add of two and of three matrices: the sum into zeros in order, −0 + −0 stays +0 as (0 + a) + b gives", (t) => {
  const a = ad.param(Matrix.from([[-0, 1e16, 1, -0]])), b = ad.param(Matrix.from([[-0, 1, 1e16, 2]])), c = ad.param(Matrix.from([[-0, -1e16, -1e16, -0]]));
  const two = ad.add(new ad.Graph(false), a, b).value.data, three = ad.add(new ad.Graph(false), a, b, c).value.data;
  const ref2 = [0, 1, 2, 3].map((i) => 0 + a.value.data[i] + b.value.data[i]), ref3 = ref2.map((v, i) => v + c.value.data[i]);
  t.true([...two].every((v, i) => Object.is(v, ref2[i])) && Object.is(two[0], 0), `${two}`);
  t.true([...three].every((v, i) => Object.is(v, ref3[i])), `${three}`);
  t.deepEqual(Array.from(ad.add(new ad.Graph(false), a).value.data), [0, 1e16, 1, 0]);
  throwsWith(t, () => ad.add(new ad.Graph(false)), "autodiff.add", "nothing to add");
});

eachBackend("layerNorm: forward is lib's bit for bit; backward for x, gamma and beta matches finite differences", (t) => {
  const X = P(3, 6, 3, 2), gamma = P(1, 6, 0.5, 1), beta = P(1, 6);
  const y = ad.layerNorm(new ad.Graph(false), X, gamma, beta, 1e-3).value;
  t.deepEqual(y.toArray(), layerNorm(X.value, { gamma: Array.from(gamma.value.data), beta: Array.from(beta.value.data), eps: 1e-3 }).toArray());
  checkGrads(t, [X, gamma, beta], (g) => probe(g, ad.layerNorm(g, X, gamma, beta), 2), ["x", "gamma", "beta"]);
});

eachBackend("addLayerNorm (Add & Norm as one op): the same bits as layerNorm(add(x, y)), forward and every gradient; a constant y gets none", (t) => {
  const X = P(4, 6, 3, 2), Y = P(4, 6), gamma = P(1, 6, 0.5, 1), beta = P(1, 6), W = P(4, 6);
  const run = (fused: boolean, y: ad.Node) => {
    for (const p of [X, Y, gamma, beta]) p.grad = null;
    const g = new ad.Graph();
    const out = fused ? ad.addLayerNorm(g, X, y, gamma, beta, 1e-3) : ad.layerNorm(g, ad.add(g, X, y), gamma, beta, 1e-3);
    g.backward(probe(g, ad.mul(g, out, W), 3)); // W: x's gradient also flows through another use of x
    return [out.value.data, X.grad, Y.grad, gamma.grad, beta.grad].map((a) => (a ? Array.from(a) : null));
  };
  const same = (a: (number[] | null)[], b: (number[] | null)[]) => a.every((v, i) => (v === null ? b[i] === null : v.every((e, j) => Object.is(e, b[i]![j]))));
  t.true(same(run(true, Y), run(false, Y)), "fused and composed differ");
  const C = ad.param(Y.value); // a constant: as g.constant, no gradient asked for
  C.requiresGrad = false;
  const fused = run(true, C);
  t.true(same(fused, run(false, C)) && fused[2] === null, "with a constant y");
  throwsWith(t, () => ad.addLayerNorm(new ad.Graph(), X, P(4, 5), gamma, beta), "autodiff.addLayerNorm", "(4, 6)", "(4, 5)");
  throwsWith(t, () => ad.addLayerNorm(new ad.Graph(), X, Y, P(1, 5), beta), "autodiff.addLayerNorm", "gamma");
});

eachBackend("layerNorm and addLayerNorm refuse an eps that is negative, NaN or not a number, and name x + y when the sum's row is constant", (t) => {
  const X = P(2, 3), gamma = P(1, 3, 0.5, 1), beta = P(1, 3);
  for (const eps of [-1, NaN, Infinity, "1e-5" as unknown as number]) {
    throwsWith(t, () => ad.layerNorm(new ad.Graph(false), X, gamma, beta, eps), "autodiff.layerNorm", "eps must be a finite number ≥ 0", `got ${eps}`, "(2, 3)");
    throwsWith(t, () => ad.addLayerNorm(new ad.Graph(false), X, X, gamma, beta, eps), "autodiff.addLayerNorm", "eps must be", "x + y is (2, 3)");
  }
  const x = ad.param(Matrix.from([[1, 2, 3]])), y = ad.param(Matrix.from([[-1, -2, -3]]));
  throwsWith(t, () => ad.addLayerNorm(new ad.Graph(false), x, y, P(1, 3), P(1, 3), 0), "autodiff.addLayerNorm: row 0 of x + y (1, 3) is constant and eps is 0");
});

const eye = (n: number) => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

eachBackend("attendHeads: equals lib's multiHeadAttention per sequence (identity projections, tol 1e-12), padding, causal, mask", (t) => {
  const B = 2, nQ = 3, nK = 4, H = 2, I = eye(4);
  const Q = P(B * nQ, 4), K = P(B * nK, 4), V = P(B * nK, 4);
  const keep = [true, true, true, true, true, true, false, false];
  const mask = [[true, false, true, true], [true, true, true, true], [false, true, true, true]];
  for (const o of [{ causal: false }, { causal: true }, { mask }]) {
    const r = ad.attendHeads(new ad.Graph(false), Q, K, V, { numHeads: H, B, keep, ...o });
    for (let b = 0; b < B; b++) {
      const m = keepMask(keep, b, nQ, nK).map((row, i) => row.map((k, j) => k && (o.mask ? o.mask[i][j] : true)));
      const lib = multiHeadAttention(seq(Q.value, b, nQ), seq(K.value, b, nK), seq(V.value, b, nK), { numHeads: H, wq: I, wk: I, wv: I, wo: I }, { mask: m, causal: o.causal });
      assertClose(t, seq(r.context.value, b, nQ), lib.output, 1e-12);
      lib.weights.forEach((w, h) => assertClose(t, r.weights[b][h], w, 1e-12));
    }
    for (const w of r.weights[1]) for (let i = 0; i < nQ; i++) { t.is(w.get(i, 2), 0); t.is(w.get(i, 3), 0); } // padded keys
  }
});

eachBackend("attendHeads: backward for Q, K and V matches finite differences (B = 2, heads 2, padding, causal, dV ≠ dK)", (t) => {
  const B = 2, nQ = 3, nK = 4;
  const Q = P(B * nQ, 4), K = P(B * nK, 4), V = P(B * nK, 6);
  const keep = [true, true, true, true, true, true, true, false];
  checkGrads(t, [Q, K, V], (g) => probe(g, ad.attendHeads(g, Q, K, V, { numHeads: 2, B, keep }).context, 3), ["Q", "K", "V"]);
  checkGrads(t, [Q, K, V], (g) => probe(g, ad.attendHeads(g, Q, K, V, { numHeads: 2, B, causal: true }).context, 4), ["Q", "K", "V"]);
});

eachBackend("attendHeads, initMha and layerNorm reject bad input with the function and the shapes", (t) => {
  const Q = P(2, 4), K = P(2, 4);
  throwsWith(t, () => ad.attendHeads(new ad.Graph(), Q, K, K, { numHeads: 3, B: 1 }), "autodiff.attendHeads", "(2, 4)", "numHeads = 3");
  throwsWith(t, () => ad.attendHeads(new ad.Graph(), Q, K, K, { numHeads: 2, B: 1, keep: [false, false] }), "autodiff.attendHeads", "query 0", "no key");
  throwsWith(t, () => ad.attendHeads(new ad.Graph(), Q, K, K, { numHeads: 2, B: 1, keep: [true] }), "autodiff.attendHeads", "keep", "length 1");
  throwsWith(t, () => ad.initMha(6, 4, rng), "initMha", "d_model = 6", "numHeads = 4");
  throwsWith(t, () => ad.layerNorm(new ad.Graph(), Q, P(1, 3), P(1, 4)), "autodiff.layerNorm", "gamma", "(1, 3)", "(2, 4)");
});

/** A small layer with non-trivial norms and biases (init gives gamma 1, beta 0 and zero biases). */
function jiggle<T extends object>(p: T): T {
  for (const n of ad.paramNodes(p)) for (let i = 0; i < n.value.data.length; i++) n.value.data[i] += 0.3 * rng.uniform(-1, 1);
  return p;
}

// bk adds q·bk to every score of a row, which softmax ignores: its true gradient is 0, where a relative error is
// meaningless, so it is checked to be 0 instead.
const withoutKeyBias = (p: object) => { const bks = new Set(Object.values(p).map((v) => v?.bk)); return ad.paramNodes(p).filter((n) => !bks.has(n)); };
function keyBiasHasNoGradient(t: import("ava").ExecutionContext, blocks: ad.MhaNodes[], loss: (g: ad.Graph) => ad.Node): void {
  for (const b of blocks) b.bk.grad = null;
  const g = new ad.Graph();
  g.backward(loss(g));
  for (const b of blocks) t.true(Array.from(b.bk.grad ?? [0]).every((v) => Math.abs(v) <= 1e-12), `bk gradient ${b.bk.grad}`);
}

for (const normFirst of [false, true]) {
  eachBackend(`encoderLayer (normFirst ${normFirst}): forward equals lib's transformerEncoderLayer per sequence (tol 1e-12)`, (t) => {
    const B = 2, n = 5, p = jiggle(ad.initEncoderLayer(8, 2, 16, rng));
    const x = P(B * n, 8), keep = [true, true, true, true, true, true, true, true, false, false];
    const r = ad.encoderLayer(new ad.Graph(false), x, p, { B, keep, normFirst });
    const lp = ad.encoderLayerParams(p);
    for (let b = 0; b < B; b++) {
      const lib = transformerEncoderLayer(seq(x.value, b, n), lp, { mask: keepMask(keep, b, n, n), normFirst });
      assertClose(t, seq(r.output.value, b, n), lib.output, 1e-12);
      lib.weights.forEach((w, h) => assertClose(t, r.weights[b][h], w, 1e-12));
    }
  });

  eachBackend(`decoderLayer (normFirst ${normFirst}): forward equals lib's transformerDecoderLayer per sequence (tol 1e-12)`, (t) => {
    const B = 2, n = 4, m = 5, p = jiggle(ad.initDecoderLayer(8, 4, 16, rng));
    const x = P(B * n, 8), memory = P(B * m, 8, 2, 1), memoryKeep = [true, true, true, true, true, true, true, true, false, false];
    const r = ad.decoderLayer(new ad.Graph(false), x, memory, p, { B, memoryKeep, normFirst });
    const lp = ad.decoderLayerParams(p);
    for (let b = 0; b < B; b++) {
      const lib = transformerDecoderLayer(seq(x.value, b, n), seq(memory.value, b, m), lp, { memoryMask: keepMask(memoryKeep, b, n, m), normFirst });
      assertClose(t, seq(r.output.value, b, n), lib.output, 1e-12);
      lib.selfWeights.forEach((w, h) => assertClose(t, r.selfWeights[b][h], w, 1e-12));
      lib.crossWeights.forEach((w, h) => assertClose(t, r.crossWeights[b][h], w, 1e-12));
    }
  });

  eachBackend(`encoderLayer (normFirst ${normFirst}): backward for x and every parameter matches finite differences`, (t) => {
    const B = 2, n = 3, p = jiggle(ad.initEncoderLayer(4, 2, 8, rng)), x = P(B * n, 4);
    const keep = [true, true, true, true, true, false];
    const loss = (g: ad.Graph) => probe(g, ad.encoderLayer(g, x, p, { B, keep, normFirst }).output, 5);
    checkGrads(t, [x, ...withoutKeyBias(p)], loss);
    keyBiasHasNoGradient(t, [p.attn], loss);
  });

  eachBackend(`decoderLayer (normFirst ${normFirst}): backward for x, memory and every parameter matches finite differences`, (t) => {
    const B = 2, n = 3, m = 4, p = jiggle(ad.initDecoderLayer(4, 2, 8, rng)), x = P(B * n, 4), memory = P(B * m, 4);
    const memoryKeep = [true, true, true, true, true, true, false, false];
    const loss = (g: ad.Graph) => probe(g, ad.decoderLayer(g, x, memory, p, { B, memoryKeep, normFirst }).output, 6);
    checkGrads(t, [x, memory, ...withoutKeyBias(p)], loss);
    keyBiasHasNoGradient(t, [p.selfAttn, p.crossAttn], loss);
  });
}

eachBackend("a tiny encoder–decoder Transformer learns to reverse digit strings (exact match ≥ 0.9 on unseen strings)", (t) => {
  // 5 digits in, the same digits reversed out; tokens 0–5 are digits, 6 is the decoder's start token.
  const L = 5, V = 6, d = 16, trng = new Rng(7);
  const pe = positionalEncoding(L, d);
  const emb = ad.param(randomNormal(V + 1, d, { rng: trng, std: 0.5 }));
  const enc = ad.initEncoderLayer(d, 2, 32, trng), dec = ad.initDecoderLayer(d, 2, 32, trng);
  const out = { w: ad.param(randomNormal(d, V, { rng: trng, std: 0.3 })), b: ad.param(new Matrix(1, V)) };
  const params = [emb, ...ad.paramNodes(enc), ...ad.paramNodes(dec), ...ad.paramNodes(out)];
  const embed = (g: ad.Graph, ids: number[], B: number) =>
    ad.add(g, ad.gatherRows(g, emb, ids), g.constant(new Matrix(B * L, d, Float64Array.from({ length: B * L * d }, (_, k) => pe.data[k % (L * d)]))));
  const logits = (g: ad.Graph, src: number[][], prev: number[][]) => {
    const B = src.length;
    const memory = ad.encoderLayer(g, embed(g, src.flat(), B), enc, { B }).output; // (B·L, d)
    const h = ad.decoderLayer(g, embed(g, prev.flat(), B), memory, dec, { B }).output; // (B·L, d)
    return ad.addBias(g, ad.matmul(g, h, out.w), out.b); // (B·L, V)
  };
  const sample = (r: Rng, B: number) => Array.from({ length: B }, () => Array.from({ length: L }, () => Math.floor(r.uniform(0, V))));
  const adam = new Adam(params, 1e-2), STEPS = 250; // 150 steps reach only 0.54 exact match: the test can fail
  const drng = new Rng(8), seen = new Set<string>();
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const src = sample(drng, 32), tgt = src.map((s) => [...s].reverse());
    src.forEach((s) => seen.add(s.join()));
    const g = new ad.Graph();
    const loss = ad.softmaxCrossEntropy(g, logits(g, src, tgt.map((s) => [V, ...s.slice(0, L - 1)])), tgt.flat()); // teacher forcing
    g.backward(loss);
    adam.step();
    losses.push(loss.value.data[0]);
  }
  // greedy decoding of strings never trained on, one position at a time; the placeholders after position i
  // cannot change output i because the decoder's self-attention is causal
  const heldOut = sample(new Rng(9), 400).filter((s) => !seen.has(s.join())).slice(0, 100);
  const prev = heldOut.map(() => [V, 0, 0, 0, 0]), predicted: number[][] = heldOut.map(() => []);
  for (let i = 0; i < L; i++) {
    const z = logits(new ad.Graph(false), heldOut, prev).value; // (100·L, V)
    heldOut.forEach((_, b) => {
      const row = z.row(b * L + i), next = row.indexOf(Math.max(...row));
      predicted[b].push(next);
      if (i + 1 < L) prev[b][i + 1] = next;
    });
  }
  const exact = heldOut.filter((s, b) => predicted[b].join() === [...s].reverse().join()).length / heldOut.length;
  t.is(heldOut.length, 100);
  t.log(`loss ${losses[0].toFixed(3)} → ${losses.at(-1)!.toFixed(3)}, exact match on ${heldOut.length} unseen strings ${exact}`);
  t.true(losses[0] > 1.5 && losses.at(-1)! < 0.2, `loss ${losses[0]} → ${losses.at(-1)}`);
  t.true(exact >= 0.9, `exact match ${exact}`);
});
