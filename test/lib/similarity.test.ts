import test from "ava";
import { dot, cosineSimilarity, norm } from "../../lib/index.js";
import { throwsWith } from "../helpers.js";

test("dot: hand-computed", (t) => {
  t.is(dot([1, 2, 3], [4, 5, 6]), 32);
  t.is(dot([], []), 0);
});

test("cosine: hand-computed (tol 1e-15)", (t) => {
  t.true(Math.abs(cosineSimilarity([1, 0], [1, 1]) - Math.SQRT1_2) < 1e-15);
  t.is(cosineSimilarity([1, 2], [-2, 1]), 0);
  t.is(cosineSimilarity([3, 4], [-6, -8]), -1);
});

test("cosine ignores length, dot does not", (t) => {
  t.true(Math.abs(cosineSimilarity([1, 1], [5, 5]) - 1) < 1e-15);
  t.is(dot([1, 1], [5, 5]), 10);
});

test("norm does not overflow for huge entries", (t) => {
  // the naive Σ a² would be Infinity here; relative tolerance 1e-15
  t.true(Math.abs(norm([3e200, 4e200]) / 5e200 - 1) < 1e-15);
  t.true(Math.abs(cosineSimilarity([1e200, 0], [1e200, 1e200]) - Math.SQRT1_2) < 1e-15);
});

test("zero vector throws", (t) => {
  throwsWith(t, () => cosineSimilarity([0, 0], [1, 2]), "cosineSimilarity", "a is a zero vector", "length 2");
  throwsWith(t, () => cosineSimilarity([1, 2], [0, 0]), "cosineSimilarity", "b is a zero vector");
});

test("length mismatch and NaN throw", (t) => {
  throwsWith(t, () => dot([1, 2], [1]), "dot", "length 2", "length 1");
  throwsWith(t, () => cosineSimilarity([1, NaN], [1, 1]), "cosineSimilarity", "a", "NaN at index 1");
});
