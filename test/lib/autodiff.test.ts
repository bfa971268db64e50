// Gradient checks: every op's backward against central finite differences in float64.
// Criterion per tensor: ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, 1e-12) ≤ 1e-6, with h = 1e-6.
import test from "ava";
import { Matrix, Rng, randomNormal, additiveAttention, luongAttention, matmul } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { gruCell, initGru } from "../../lib/seq2seq/gru.js";
import { Seq2Seq, makeBatch, type AttentionKind } from "../../lib/seq2seq/model.js";

const rng = new Rng(404);
const P = (r: number, c: number) => ad.param(randomNormal(r, c, { rng }));

/** Σ out ⊙ R with a fixed random R: turns any op output into a scalar that depends on every entry. */
function probe(g: ad.Graph, out: ad.Node, seed: number): ad.Node {
  const R = g.constant(randomNormal(out.rows, out.cols, { seed }));
  const ones = (n: number, c: number) => g.constant(new Matrix(n, c, new Float64Array(n * c).fill(1)));
  return ad.matmul(g, ad.matmul(g, ones(1, out.rows), ad.mul(g, out, R)), ones(out.cols, 1));
}

/** Relative error between backprop and central differences for each parameter. */
function gradErrors(params: ad.Node[], loss: (g: ad.Graph) => ad.Node, h = 1e-6): number[] {
  for (const p of params) p.grad = null;
  const g = new ad.Graph();
  g.backward(loss(g));
  return params.map((p) => {
    const analytic = Float64Array.from(p.grad ?? new Float64Array(p.value.data.length));
    let diff = 0, norm = 0;
    for (let i = 0; i < p.value.data.length; i++) {
      const x = p.value.data[i];
      p.value.data[i] = x + h; const up = loss(new ad.Graph(false)).value.data[0];
      p.value.data[i] = x - h; const down = loss(new ad.Graph(false)).value.data[0];
      p.value.data[i] = x;
      const numeric = (up - down) / (2 * h);
      diff += (analytic[i] - numeric) ** 2;
      norm += analytic[i] ** 2 + numeric ** 2;
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
  });
}

function check(t: import("ava").ExecutionContext, params: ad.Node[], loss: (g: ad.Graph) => ad.Node): void {
  const errs = gradErrors(params, loss);
  errs.forEach((e, i) => t.true(e <= 1e-6, `param ${i}: relative error ${e.toExponential(2)}`));
}

test("matmul, add, addBias", (t) => {
  const A = P(3, 4), B = P(4, 2), C = P(3, 2), b = P(1, 2);
  check(t, [A, B, C, b], (g) => probe(g, ad.addBias(g, ad.add(g, ad.matmul(g, A, B), C), b), 1));
});

test("sliceCols, concatCols, stackTime", (t) => {
  const A = P(3, 5), B = P(3, 2), C = P(3, 7);
  check(t, [A, B, C], (g) => probe(g, ad.stackTime(g, [ad.concatCols(g, ad.sliceCols(g, A, 1, 4), B), ad.sliceCols(g, C, 2, 7)]), 2));
});

test("gatherRows (embedding), with repeated ids", (t) => {
  const E = P(5, 3);
  check(t, [E], (g) => probe(g, ad.gatherRows(g, E, [4, 0, 4, 2]), 3));
});

test("sigmoid, tanh, mul, lerp", (t) => {
  const A = P(2, 3), B = P(2, 3), Z = P(2, 3);
  check(t, [A, B, Z], (g) => probe(g, ad.lerp(g, ad.tanh(g, A), ad.mul(g, A, B), ad.sigmoid(g, Z)), 4));
});

test("keepRows passes each row's gradient to the kept side only", (t) => {
  const A = P(3, 2), B = P(3, 2);
  check(t, [A, B], (g) => probe(g, ad.keepRows(g, A, B, [true, false, true]), 5));
});

test("additive attention step with a padding mask", (t) => {
  const Bn = 2, T = 3, Qp = P(Bn, 4), Kp = P(Bn * T, 4), wv = P(1, 4), V = P(Bn * T, 5);
  const keep = [true, true, false, true, true, true];
  check(t, [Qp, Kp, wv, V], (g) => probe(g, ad.additiveAttentionStep(g, Qp, Kp, wv, V, T, keep).context, 6));
  const w = ad.additiveAttentionStep(new ad.Graph(false), Qp, Kp, wv, V, T, keep).weights;
  t.is(w.get(0, 2), 0);
  t.true(Math.abs(w.row(1).reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test("dot (Luong) attention step with a padding mask", (t) => {
  const Bn = 2, T = 3, Q = P(Bn, 4), K = P(Bn * T, 4), V = P(Bn * T, 3);
  check(t, [Q, K, V], (g) => probe(g, ad.dotAttentionStep(g, Q, K, V, T, [true, false, true, true, true, false]).context, 7));
});

test("softmax cross-entropy", (t) => {
  const L = P(4, 5);
  check(t, [L], (g) => ad.softmaxCrossEntropy(g, L, [0, 4, 2, 2], 3));
});

test("GRU cell", (t) => {
  const p = initGru(3, 4, rng);
  p.b.value.data.forEach((_, i) => { p.b.value.data[i] = rng.normal(0, 0.5); });
  const x = P(2, 3), h = P(2, 4);
  check(t, [x, h, p.W, p.Uzr, p.Uh, p.b], (g) => probe(g, gruCell(g, p, x, h), 8));
});

for (const kind of ["bahdanau", "luong-dot", "luong-general"] as AttentionKind[]) {
  test(`whole model (${kind}): every parameter, padded batch`, (t) => {
    const model = new Seq2Seq({ embed: 3, encoder: 3, decoder: 6, attention: 3, kind }, new Rng(5));
    const batch = makeBatch(["3/5/79", "may 1 2001", "5 03 79"], ["1979-03-05", "2001-05-01", "1979-03-05"]);
    const names = Object.keys(model.params);
    const errs = gradErrors(Object.values(model.params), (g) => model.run(g, batch).loss!);
    errs.forEach((e, i) => t.true(e <= 1e-6, `${names[i]}: relative error ${e.toExponential(2)}`));
    t.true(errs.length >= 15);
  });
}

test("a graph with nothing to learn records nothing; backward needs a scalar", (t) => {
  const g = new ad.Graph();
  const c = g.constant(Matrix.from([[1, 2]]));
  t.false(ad.tanh(g, c).requiresGrad);
  t.throws(() => g.backward(ad.tanh(g, P(1, 2))), { message: /loss must be a scalar/ });
});

test("fused attention ops agree with lib's readable additiveAttention and luongAttention (tol 1e-12)", (t) => {
  const r = new Rng(77);
  const q = randomNormal(1, 3, { rng: r }), K = randomNormal(5, 4, { rng: r }), Wq = randomNormal(3, 6, { rng: r }), Wk = randomNormal(4, 6, { rng: r }), wv = randomNormal(1, 6, { rng: r });
  const keep = [true, true, true, false, true];
  const mask = [keep];
  const g = new ad.Graph(false);
  const fused = ad.additiveAttentionStep(g, g.constant(matmul(q, Wq)), g.constant(matmul(K, Wk)), g.constant(wv), g.constant(K), 5, keep);
  const readable = additiveAttention(q, K, K, { wq: Wq, wk: Wk, wv: wv.row(0) }, { mask });
  t.true(fused.context.value.data.every((v, i) => Math.abs(v - readable.output.data[i]) < 1e-12));
  t.true(fused.weights.data.every((v, i) => Math.abs(v - readable.weights.data[i]) < 1e-12));
  const q4 = randomNormal(1, 4, { rng: r });
  const dotFused = ad.dotAttentionStep(g, g.constant(q4), g.constant(K), g.constant(K), 5, keep);
  const dotReadable = luongAttention(q4, K, K, { score: "dot" }, { mask });
  t.true(dotFused.context.value.data.every((v, i) => Math.abs(v - dotReadable.output.data[i]) < 1e-12));
});
