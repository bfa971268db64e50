import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";

/**
 * Transpose: (n, m) → (m, n).
 *
 * @example
 * transpose([[1, 2, 3]]).toArray(); // => [[1], [2], [3]]
 */
export function transpose(x: MatrixLike): Matrix {
  const X = toMatrix(x, "transpose", "x");
  const out = new Matrix(X.cols, X.rows);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) out.data[j * X.rows + i] = X.data[i * X.cols + j];
  }
  return out;
}
