import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import { backend } from "./backend/index.js";
import { checkInner } from "./backend/readable/matmul.js";

export { matmulNaive, matmulTiled } from "./backend/readable/matmul.js";

/**
 * Matrix product `a · b`: (n, k) · (k, m) → (n, m). Checks its arguments, then runs on the active backend
 * (lib/backend): the readable one adds the k terms of each entry in order (`matmulTiled`, bit-identical to
 * the textbook `matmulNaive`); the WebAssembly one does the same in SIMD, except that large products (from
 * 160³ multiply-adds) use fused multiply-adds where this machine has them: one rounding per term instead
 * of two, so they may differ from `matmulNaive` in the last bits (tested bound).
 *
 * @example
 * matmul([[1, 2], [3, 4]], [[5], [6]]).toArray(); // => [[17], [39]]
 */
export function matmul(a: MatrixLike, b: MatrixLike): Matrix {
  const A = toMatrix(a, "matmul", "a");
  const B = toMatrix(b, "matmul", "b");
  checkInner("matmul", A, B);
  return backend().matmul(A, B);
}

/**
 * op(A)·op(B) on matrices whose entries are already checked, op = transpose where `transA` / `transB` (read
 * in place, no transposed copy): what attention and autodiff call. Bit-identical to `matmulNaive` on every
 * backend. Internal (not in lib/index.ts).
 *
 * @example
 * product(Matrix.from([[1, 2]]), Matrix.from([[3, 4]]), false, true).toArray(); // => [[11]]
 */
export function product(A: Matrix, B: Matrix, transA = false, transB = false): Matrix {
  const n = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, kb = transB ? B.cols : B.rows, m = transB ? B.rows : B.cols;
  if (k !== kb) throw new Error(`product: inner dimensions differ: op(a) is (${n}, ${k}), op(b) is (${kb}, ${m})`);
  return backend().product(A, B, transA, transB);
}
