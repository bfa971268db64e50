import { Matrix, type MatrixLike, toMatrix, toVector } from "./matrix.js";

/**
 * Element-wise sum of two matrices of the same shape: (n, m) + (n, m) → (n, m).
 *
 * @example
 * add([[1, 2]], [[10, 20]]).toArray(); // => [[11, 22]]
 */
export function add(a: MatrixLike, b: MatrixLike): Matrix {
  return zipWith("add", a, b, (x, y) => x + y);
}

/** Element-wise difference a − b: (n, m) − (n, m) → (n, m). `sub([[3]], [[1]])` → `[[2]]`. */
export function sub(a: MatrixLike, b: MatrixLike): Matrix {
  return zipWith("sub", a, b, (x, y) => x - y);
}

/** Element-wise (Hadamard) product: (n, m) ⊙ (n, m) → (n, m). `hadamard([[2, 3]], [[4, 5]])` → `[[8, 15]]`. */
export function hadamard(a: MatrixLike, b: MatrixLike): Matrix {
  return zipWith("hadamard", a, b, (x, y) => x * y);
}

/**
 * Every entry times `s`: (n, m) → (n, m).
 *
 * @example
 * scale([[1, -2]], 0.5).toArray(); // => [[0.5, -1]]
 */
export function scale(x: MatrixLike, s: number): Matrix {
  const X = toMatrix(x, "scale", "x");
  if (!Number.isFinite(s)) throw new Error(`scale: s must be a finite number, got ${s} (x is ${X.shape})`);
  return map(X, (v) => v * s);
}

/**
 * Adds a bias vector to every row: (n, m) + (m) → (n, m).
 *
 * @example
 * addRowVector([[1, 2], [3, 4]], [10, 20]).toArray(); // => [[11, 22], [13, 24]]
 */
export function addRowVector(x: MatrixLike, bias: number[]): Matrix {
  const X = toMatrix(x, "addRowVector", "x");
  toVector(bias, "addRowVector", "bias");
  if (bias.length !== X.cols) {
    throw new Error(`addRowVector: bias has length ${bias.length} but x is ${X.shape} (needs length ${X.cols})`);
  }
  const out = new Matrix(X.rows, X.cols);
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) out.data[i * X.cols + j] = X.data[i * X.cols + j] + bias[j];
  }
  return out;
}

/** Applies `f` to every entry: (n, m) → (n, m). `map(Matrix.from([[1, 4]]), Math.sqrt)` → `[[1, 2]]`. */
export function map(x: Matrix, f: (v: number) => number): Matrix {
  const out = new Matrix(x.rows, x.cols);
  for (let k = 0; k < x.data.length; k++) out.data[k] = f(x.data[k]);
  return out;
}

function zipWith(fn: string, a: MatrixLike, b: MatrixLike, f: (x: number, y: number) => number): Matrix {
  const A = toMatrix(a, fn, "a");
  const B = toMatrix(b, fn, "b");
  if (A.rows !== B.rows || A.cols !== B.cols) {
    throw new Error(`${fn}: shapes differ: a is ${A.shape}, b is ${B.shape}`);
  }
  const out = new Matrix(A.rows, A.cols);
  for (let k = 0; k < A.data.length; k++) out.data[k] = f(A.data[k], B.data[k]);
  return out;
}
