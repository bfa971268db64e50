import test from "ava";
import { Matrix, shapeOf } from "../../lib/index.js";
import { throwsWith } from "../helpers.js";
import { toMatrix } from "../../lib/matrix.js";
import { NonFiniteError } from "../../lib/errors.js";

test("from / toArray round trip and get", (t) => {
  const m = Matrix.from([[1, 2, 3], [4, 5, 6]]);
  t.is(m.rows, 2);
  t.is(m.cols, 3);
  t.is(m.get(1, 2), 6);
  t.deepEqual(Array.from(m.data), [1, 2, 3, 4, 5, 6]);
  t.deepEqual(m.toArray(), [[1, 2, 3], [4, 5, 6]]);
  t.is(m.shape, "(2, 3)");
  t.is(shapeOf([[1, 2]]), "(1, 2)");
});

test("ragged rows throw with the row and shapes", (t) => {
  throwsWith(t, () => Matrix.from([[1, 2], [3]]), "Matrix.from", "rows", "ragged row 1", "(2, 2)");
});

test("NaN and Infinity throw with their position", (t) => {
  throwsWith(t, () => Matrix.from([[1, 2], [3, NaN]]), "Matrix.from", "NaN at (1, 1)");
  throwsWith(t, () => Matrix.from([[Infinity]]), "Infinity at (0, 0)");
});

test("constructor rejects data of the wrong length", (t) => {
  throwsWith(t, () => new Matrix(2, 2, new Float64Array(3)), "Matrix", "length 3", "4");
});

test("a NaN or ±∞ is found at every position, in each of the check's four lanes and in the tail", (t) => {
  for (let k = 0; k < 15; k++) {
    const data = Array.from({ length: 15 }, (_, i) => i - 7.5);
    data[k] = [NaN, Infinity, -Infinity][k % 3];
    const rows = Array.from({ length: 3 }, (_, i) => data.slice(5 * i, 5 * i + 5));
    const e = t.throws(() => toMatrix(rows, "f", "x"));
    t.true(e instanceof NonFiniteError && e.row === Math.floor(k / 5) && e.col === k % 5, `${k}: ${e?.message}`);
  }
});
