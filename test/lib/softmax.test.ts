import { eachBackend } from "./each_backend.js";
import { softmax, Rng } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";

eachBackend("softmax of [1, 2, 3], hand-computed (tol 1e-12)", (t) => {
  // e^k / (e + e² + e³) = e^(k−3) / (e^−2 + e^−1 + 1)
  const z = Math.exp(-2) + Math.exp(-1) + 1;
  assertClose(t, softmax([[1, 2, 3]]), [[Math.exp(-2) / z, Math.exp(-1) / z, 1 / z]], 1e-12);
  assertClose(t, softmax([[0, 0]]), [[0.5, 0.5]], 0);
});

eachBackend("rows sum to 1 and are shift invariant (tol 1e-12)", (t) => {
  const x = randArray(new Rng(3), 5, 7).map((r) => r.map((v) => 10 * v));
  const s = softmax(x);
  for (let i = 0; i < 5; i++) assertClose(t, s.row(i).reduce((a, b) => a + b, 0), 1, 1e-12);
  assertClose(t, softmax(x.map((r) => r.map((v) => v + 123))), s, 1e-12);
});

eachBackend("overflow: entries of ±1e4 stay finite", (t) => {
  assertClose(t, softmax([[1e4, -1e4]]), [[1, 0]], 0);
  assertClose(t, softmax([[1e4, 1e4]]), [[0.5, 0.5]], 0);
  assertClose(t, softmax([[-1e4, -1e4 + Math.log(3)]]), [[0.25, 0.75]], 1e-12);
});

eachBackend("masked entries are exactly 0, the rest renormalise", (t) => {
  const s = softmax([[1, 2, 3], [5, 5, 5]], { mask: [[true, true, false], [false, true, true]] });
  t.is(s.get(0, 2), 0);
  t.is(s.get(1, 0), 0);
  const z = 1 + Math.E;
  assertClose(t, s, [[1 / z, Math.E / z, 0], [0, 0.5, 0.5]], 1e-12);
});

eachBackend("fully masked row throws", (t) => {
  throwsWith(t, () => softmax([[1, 2], [3, 4]], { mask: [[true, false], [false, false]] }), "softmax", "row 1", "(2, 2)");
});

eachBackend("mask of the wrong shape throws", (t) => {
  throwsWith(t, () => softmax([[1, 2]], { mask: [[true]] }), "softmax", "mask", "(1, 2)", "(1, 1)");
});

eachBackend("NaN and ragged input throw", (t) => {
  throwsWith(t, () => softmax([[1, NaN]]), "softmax", "x", "NaN at (0, 1)");
  throwsWith(t, () => softmax([[1, 2], [1]]), "softmax", "x", "ragged");
});
