import { eachBackend } from "./each_backend.js";
import { Matrix, matmul, matmulNaive, matmulTiled, matmulWasm, Rng, transpose, add, sub, hadamard, scale, addRowVector } from "../../lib/index.js";
import { assertClose, randArray, throwsWith } from "../helpers.js";
import { mm } from "../reference.js";

eachBackend("hand-computed product", (t) => {
  t.deepEqual(matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]).toArray(), [[19, 22], [43, 50]]);
  t.deepEqual(matmul([[1, 2, 3]], [[1], [1], [1]]).toArray(), [[6]]);
});

eachBackend("tiled and SIMD kernels agree with the naive loop bit for bit on every edge shape (same summation order)", (t) => {
  const rng = new Rng(7);
  // sizes around the 4×4 tile, so every leftover-row and leftover-column branch runs
  for (const n of [1, 3, 4, 5, 8, 9]) for (const k of [1, 2, 7]) for (const m of [1, 4, 6, 13]) {
    const A = Matrix.from(randArray(rng, n, k)), B = Matrix.from(randArray(rng, k, m));
    const ref = matmulNaive(A, B);
    t.deepEqual(Array.from(matmulTiled(A, B).data), Array.from(ref.data), `tiled (${n}, ${k})·(${k}, ${m})`);
    t.deepEqual(Array.from(matmulWasm(A, B).data), Array.from(ref.data), `SIMD (${n}, ${k})·(${k}, ${m})`);
    assertClose(t, ref, mm(A.toArray(), B.toArray()), 1e-12); // the independent reference, up to rounding
  }
});

eachBackend("larger random product agrees with the naive loop (tol 1e-10)", (t) => {
  const rng = new Rng(8);
  const A = Matrix.from(randArray(rng, 67, 129)), B = Matrix.from(randArray(rng, 129, 70));
  assertClose(t, matmul(A, B), matmulNaive(A, B), 1e-10);
});

eachBackend("inner dimension mismatch throws with both shapes", (t) => {
  throwsWith(t, () => matmul([[1, 2]], [[1, 2]]), "matmul", "(1, 2)", "inner");
});

eachBackend("transpose, add, sub, hadamard, scale, addRowVector", (t) => {
  t.deepEqual(transpose([[1, 2, 3], [4, 5, 6]]).toArray(), [[1, 4], [2, 5], [3, 6]]);
  t.deepEqual(add([[1, 2]], [[10, 20]]).toArray(), [[11, 22]]);
  t.deepEqual(sub([[3, 2]], [[1, 1]]).toArray(), [[2, 1]]);
  t.deepEqual(hadamard([[2, 3]], [[4, 5]]).toArray(), [[8, 15]]);
  t.deepEqual(scale([[1, -2]], 0.5).toArray(), [[0.5, -1]]);
  t.deepEqual(addRowVector([[1, 2], [3, 4]], [10, 20]).toArray(), [[11, 22], [13, 24]]);
  throwsWith(t, () => add([[1, 2]], [[1], [2]]), "add", "(1, 2)", "(2, 1)");
  throwsWith(t, () => addRowVector([[1, 2]], [1]), "addRowVector", "bias", "(1, 2)");
});
