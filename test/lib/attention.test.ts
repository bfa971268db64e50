import { eachBackend } from "./each_backend.js";
import { scaledDotProductAttention, selfAttention, causalMask, Rng, matmul, Matrix } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";
import { sdpaRef } from "../reference.js";

const fn = "scaledDotProductAttention";

eachBackend("hand-computed 1×2 case (tol 1e-12)", (t) => {
  // scores = [1, 0] / √2; weights = softmax; output = 10 w0 + 20 w1
  const { output, weights } = scaledDotProductAttention([[1, 0]], [[1, 0], [0, 1]], [[10], [20]]);
  const w0 = 1 / (1 + Math.exp(-1 / Math.SQRT2));
  assertClose(t, weights, [[w0, 1 - w0]], 1e-12);
  assertClose(t, output, [[10 * w0 + 20 * (1 - w0)]], 1e-12);
});

eachBackend("agrees with the naive reference, with and without a mask (tol 1e-12)", (t) => {
  const rng = new Rng(11);
  const q = randArray(rng, 4, 3), k = randArray(rng, 6, 3), v = randArray(rng, 6, 5);
  const mask = q.map(() => k.map(() => rng.uniform() < 0.6)).map((r) => (r.some(Boolean) ? r : r.map(() => true)));
  for (const m of [undefined, mask]) {
    const got = scaledDotProductAttention(q, k, v, { mask: m });
    const ref = sdpaRef(q, k, v, m);
    assertClose(t, got.weights, ref.weights, 1e-12);
    assertClose(t, got.output, ref.output, 1e-12);
  }
});

eachBackend("weight rows sum to 1; masked weights are exactly 0", (t) => {
  const rng = new Rng(12);
  const q = randArray(rng, 3, 4), k = randArray(rng, 5, 4), v = randArray(rng, 5, 2);
  const mask = [[true, false, true, false, true], [false, true, true, true, true], [true, true, true, true, false]];
  const { weights } = scaledDotProductAttention(q, k, v, { mask });
  for (let i = 0; i < 3; i++) {
    assertClose(t, weights.row(i).reduce((a, b) => a + b, 0), 1, 1e-12);
    for (let j = 0; j < 5; j++) if (!mask[i][j]) t.is(weights.get(i, j), 0);
  }
});

eachBackend("causal: upper triangle is 0, top-left aligned when nQ ≠ nK", (t) => {
  const rng = new Rng(13);
  const x = randArray(rng, 4, 3);
  const { weights } = scaledDotProductAttention(x, x, x, { causal: true });
  for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) t.is(weights.get(i, j), 0);
  t.is(weights.get(0, 0), 1);
  const k = randArray(rng, 6, 3);
  const w2 = scaledDotProductAttention(x, k, k, { causal: true }).weights;
  assertClose(t, w2, sdpaRef(x, k, k, causalMask(4, 6)).weights, 1e-12);
});

eachBackend("causal and mask both apply", (t) => {
  const x = randArray(new Rng(14), 3, 2);
  const mask = [[true, true, true], [false, true, true], [true, false, true]];
  const { weights } = scaledDotProductAttention(x, x, x, { mask, causal: true });
  assertClose(t, weights, sdpaRef(x, x, x, [[true, false, false], [false, true, false], [true, false, true]]).weights, 1e-12);
  throwsWith(t, () => scaledDotProductAttention(x, x, x, { mask: [[false, true, true], [true, true, true], [true, true, true]], causal: true }), fn, "row 0", "no key");
});

eachBackend("overflow: huge scores give finite weights", (t) => {
  const { weights } = scaledDotProductAttention([[1e4, 0]], [[1e4, 0], [0, 1e4]], [[1], [2]]);
  assertClose(t, weights, [[1, 0]], 0);
});

eachBackend("bad input throws with the function name and shapes", (t) => {
  throwsWith(t, () => scaledDotProductAttention([[1, 2]], [[1, 2, 3]], [[1]]), fn, "q", "(1, 2)", "(1, 3)");
  throwsWith(t, () => scaledDotProductAttention([[1]], [[1], [2]], [[1]]), fn, "v", "(2, 1)", "(1, 1)");
  throwsWith(t, () => scaledDotProductAttention([[1]], [[1]], [[1]], { mask: [[true, true]] }), fn, "mask", "(1, 1)", "(1, 2)");
  throwsWith(t, () => scaledDotProductAttention([[1]], [[1]], [[1]], { mask: [[false]] }), fn, "row 0");
  throwsWith(t, () => scaledDotProductAttention([[NaN]], [[1]], [[1]]), fn, "q", "NaN");
  throwsWith(t, () => scaledDotProductAttention([[1, 2], [3]], [[1, 2]], [[1]]), fn, "q", "ragged");
});

eachBackend("self-attention equals scaled dot-product attention on the projections", (t) => {
  const rng = new Rng(15);
  const x = randArray(rng, 5, 4), wq = randArray(rng, 4, 3), wk = randArray(rng, 4, 3), wv = randArray(rng, 4, 2);
  const got = selfAttention(x, { wq, wk, wv }, { causal: true });
  const ref = sdpaRef(matmul(x, wq).toArray(), matmul(x, wk).toArray(), matmul(x, wv).toArray(), causalMask(5));
  assertClose(t, got.output, ref.output, 1e-12);
  assertClose(t, got.weights, ref.weights, 1e-12);
  t.deepEqual([got.q.rows, got.q.cols, got.v.cols], [5, 3, 2]);
});

eachBackend("self-attention is permutation-equivariant (tol 1e-12)", (t) => {
  const rng = new Rng(16);
  const x = randArray(rng, 5, 4), p = { wq: randArray(rng, 4, 4), wk: randArray(rng, 4, 4), wv: randArray(rng, 4, 4) };
  const perm = [3, 0, 4, 1, 2];
  const out = selfAttention(x, p).output;
  const outPerm = selfAttention(perm.map((i) => x[i]), p).output;
  assertClose(t, outPerm, perm.map((i) => out.row(i)), 1e-12);
});

eachBackend("self-attention bad projections throw", (t) => {
  const x = Matrix.from([[1, 2]]);
  throwsWith(t, () => selfAttention(x, { wq: [[1]], wk: [[1], [1]], wv: [[1], [1]] }), "selfAttention", "wq", "(1, 1)", "(1, 2)");
  throwsWith(t, () => selfAttention(x, { wq: [[1], [1]], wk: [[1, 1], [1, 1]], wv: [[1], [1]] }), "selfAttention", "wk", "(2, 2)");
});
