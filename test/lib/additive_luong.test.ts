import { eachBackend } from "./each_backend.js";
import { additiveAttention, luongAttention, luongScores, Rng } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";
import { additiveRef, mm, tr, softmaxRow } from "../reference.js";

eachBackend("additive: hand-computed scores tanh(2) and tanh(0) (tol 1e-12)", (t) => {
  const { weights, output } = additiveAttention([[1]], [[1], [-1]], [[10], [20]], { wq: [[1]], wk: [[1]], wv: [1] });
  const w0 = 1 / (1 + Math.exp(-Math.tanh(2)));
  assertClose(t, weights, [[w0, 1 - w0]], 1e-12);
  assertClose(t, output, [[10 * w0 + 20 * (1 - w0)]], 1e-12);
});

eachBackend("additive agrees with the naive reference, with a mask (tol 1e-12)", (t) => {
  const rng = new Rng(31);
  const q = randArray(rng, 3, 4), k = randArray(rng, 5, 6), v = randArray(rng, 5, 2);
  const wq = randArray(rng, 4, 7), wk = randArray(rng, 6, 7), wv = randArray(rng, 1, 7)[0];
  const mask = [[true, false, true, true, true], [false, false, true, false, false], [true, true, true, true, true]];
  for (const m of [undefined, mask]) {
    const got = additiveAttention(q, k, v, { wq, wk, wv }, { mask: m });
    const ref = additiveRef(q, k, v, wq, wk, wv, m);
    assertClose(t, got.weights, ref.weights, 1e-12);
    assertClose(t, got.output, ref.output, 1e-12);
  }
  t.is(additiveAttention(q, k, v, { wq, wk, wv }, { mask }).weights.get(1, 0), 0);
});

eachBackend("additive bad input throws", (t) => {
  const fn = "additiveAttention";
  throwsWith(t, () => additiveAttention([[1, 2]], [[1]], [[1]], { wq: [[1]], wk: [[1]], wv: [1] }), fn, "wq", "(1, 2)", "(1, 1)");
  throwsWith(t, () => additiveAttention([[1]], [[1]], [[1]], { wq: [[1]], wk: [[1]], wv: [1, 2] }), fn, "wv", "length 2");
  throwsWith(t, () => additiveAttention([[1]], [[1]], [[1]], { wq: [[1]], wk: [[1]], wv: [1] }, { mask: [[false]] }), fn, "row 0");
  throwsWith(t, () => additiveAttention([[1]], [[1]], [[1]], { wq: [[1]], wk: [[1]], wv: [NaN] }), fn, "wv", "NaN");
});

eachBackend("luong dot: hand-computed (tol 1e-12)", (t) => {
  const { weights } = luongAttention([[1, 0]], [[1, 0], [0, 1]], [[10], [20]], { score: "dot" });
  assertClose(t, weights, [[1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1))]], 1e-12);
});

eachBackend("luong general equals q·W·kᵀ and reduces to dot for W = I (tol 1e-12)", (t) => {
  const rng = new Rng(32);
  const q = randArray(rng, 3, 4), k = randArray(rng, 5, 2), v = randArray(rng, 5, 3), w = randArray(rng, 4, 2);
  assertClose(t, luongScores(q, k, { score: "general", w }), mm(mm(q, w), tr(k)), 1e-12);
  const { weights } = luongAttention(q, k, v, { score: "general", w });
  assertClose(t, weights, mm(mm(q, w), tr(k)).map((r) => softmaxRow(r)), 1e-12);
  const eye = [[1, 0], [0, 1]], q2 = randArray(rng, 2, 2);
  assertClose(t, luongScores(q2, k, { score: "general", w: eye }), luongScores(q2, k, { score: "dot" }), 1e-15);
});

eachBackend("luong bad input throws", (t) => {
  throwsWith(t, () => luongAttention([[1, 2]], [[1]], [[1]], { score: "dot" }), "luongAttention", "dot", "(1, 2)", "(1, 1)");
  throwsWith(t, () => luongAttention([[1, 2]], [[1]], [[1]], { score: "general", w: [[1]] }), "luongAttention", "w", "(2, 1)", "(1, 1)");
});
