// Gradient checks: every op's backward against central finite differences in float64.
// Criterion per tensor: ‖analytic − numeric‖ / max(‖analytic‖ + ‖numeric‖, 1e-12) ≤ 1e-6, with h = 1e-6.
import { eachBackend } from "./each_backend.js";
import { Matrix, Rng, randomNormal, additiveAttention, luongAttention, matmul } from "../../lib/index.js";
import * as ad from "../../lib/autodiff/index.js";
import { checkGrads, gradErrors, probe } from "../gradcheck.js";
import { gruCell, initGru } from "../../lib/seq2seq/gru.js";
import { Seq2Seq, makeBatch, type AttentionKind } from "../../lib/seq2seq/model.js";

const rng = new Rng(404);
const P = (r: number, c: number) => ad.param(randomNormal(r, c, { rng }));

eachBackend("matmul, add, addBias", (t) => {
  const A = P(3, 4), B = P(4, 2), C = P(3, 2), b = P(1, 2);
  checkGrads(t, [A, B, C, b], (g) => probe(g, ad.addBias(g, ad.add(g, ad.matmul(g, A, B), C), b), 1));
});

eachBackend("sliceCols, concatCols, stackTime", (t) => {
  const A = P(3, 5), B = P(3, 2), C = P(3, 7);
  checkGrads(t, [A, B, C], (g) => probe(g, ad.stackTime(g, [ad.concatCols(g, ad.sliceCols(g, A, 1, 4), B), ad.sliceCols(g, C, 2, 7)]), 2));
});

eachBackend("gatherRows (embedding), with repeated ids", (t) => {
  const E = P(5, 3);
  checkGrads(t, [E], (g) => probe(g, ad.gatherRows(g, E, [4, 0, 4, 2]), 3));
});

eachBackend("sigmoid, tanh, mul, lerp", (t) => {
  const A = P(2, 3), B = P(2, 3), Z = P(2, 3);
  checkGrads(t, [A, B, Z], (g) => probe(g, ad.lerp(g, ad.tanh(g, A), ad.mul(g, A, B), ad.sigmoid(g, Z)), 4));
});

eachBackend("keepRows passes each row's gradient to the kept side only", (t) => {
  const A = P(3, 2), B = P(3, 2);
  checkGrads(t, [A, B], (g) => probe(g, ad.keepRows(g, A, B, [true, false, true]), 5));
});

eachBackend("additive attention step with a padding mask", (t) => {
  const Bn = 2, T = 3, Qp = P(Bn, 4), Kp = P(Bn * T, 4), wv = P(1, 4), V = P(Bn * T, 5);
  const keep = [true, true, false, true, true, true];
  checkGrads(t, [Qp, Kp, wv, V], (g) => probe(g, ad.additiveAttentionStep(g, Qp, Kp, wv, V, T, keep).context, 6));
  const w = ad.additiveAttentionStep(new ad.Graph(false), Qp, Kp, wv, V, T, keep).weights;
  t.is(w.get(0, 2), 0);
  t.true(Math.abs(w.row(1).reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

eachBackend("dot (Luong) attention step with a padding mask", (t) => {
  const Bn = 2, T = 3, Q = P(Bn, 4), K = P(Bn * T, 4), V = P(Bn * T, 3);
  checkGrads(t, [Q, K, V], (g) => probe(g, ad.dotAttentionStep(g, Q, K, V, T, [true, false, true, true, true, false]).context, 7));
});

eachBackend("softmax cross-entropy", (t) => {
  const L = P(4, 5);
  checkGrads(t, [L], (g) => ad.softmaxCrossEntropy(g, L, [0, 4, 2, 2], 3));
});

eachBackend("GRU cell", (t) => {
  const p = initGru(3, 4, rng);
  p.b.value.data.forEach((_, i) => { p.b.value.data[i] = rng.normal(0, 0.5); });
  const x = P(2, 3), h = P(2, 4);
  checkGrads(t, [x, h, p.W, p.Uzr, p.Uh, p.b], (g) => probe(g, gruCell(g, p, x, h), 8));
});

for (const kind of ["bahdanau", "luong-dot", "luong-general"] as AttentionKind[]) {
  eachBackend(`whole model (${kind}): every parameter, padded batch`, (t) => {
    const model = new Seq2Seq({ embed: 3, encoder: 3, decoder: 6, attention: 3, kind }, new Rng(5));
    const batch = makeBatch(["3/5/79", "may 1 2001", "5 03 79"], ["1979-03-05", "2001-05-01", "1979-03-05"]);
    const names = Object.keys(model.params);
    const errs = gradErrors(Object.values(model.params), (g) => model.run(g, batch).loss!);
    errs.forEach((e, i) => t.true(e <= 1e-6, `${names[i]}: relative error ${e.toExponential(2)}`));
    t.true(errs.length >= 15);
  });
}

eachBackend("a graph with nothing to learn records nothing; backward needs a scalar", (t) => {
  const g = new ad.Graph();
  const c = g.constant(Matrix.from([[1, 2]]));
  t.false(ad.tanh(g, c).requiresGrad);
  t.throws(() => g.backward(ad.tanh(g, P(1, 2))), { message: /loss must be a scalar/ });
});

eachBackend("fused attention ops agree with lib's readable additiveAttention and luongAttention (tol 1e-12)", (t) => {
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
