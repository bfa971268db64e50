import test from "ava";
import { positionalEncoding, Rng, randomNormal, randomUniform, xavierUniform, xavierNormal } from "../../lib/index.js";
import { assertClose, throwsWith } from "../helpers.js";

test("positional encoding: hand-computed rows (tol 1e-15)", (t) => {
  const pe = positionalEncoding(3, 4);
  assertClose(t, pe.row(0), [0, 1, 0, 1], 0);
  // columns 2 and 3 use 10000^(2/4) = 100
  assertClose(t, pe.row(2), [Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)], 1e-15);
});

test("positional encoding: odd dModel ends with a sin column; all values in [−1, 1]", (t) => {
  const pe = positionalEncoding(50, 5);
  assertClose(t, pe.get(7, 4), Math.sin(7 / Math.pow(10000, 4 / 5)), 1e-15);
  t.true(Array.from(pe.data).every((v) => v >= -1 && v <= 1));
  throwsWith(t, () => positionalEncoding(0, 4), "positionalEncoding", "length", "(0, 4)");
  throwsWith(t, () => positionalEncoding(3, 2.5), "positionalEncoding", "dModel");
});

test("same seed, same numbers; another seed, other numbers", (t) => {
  t.deepEqual(randomNormal(3, 4, { seed: 5 }).toArray(), randomNormal(3, 4, { seed: 5 }).toArray());
  t.notDeepEqual(randomNormal(3, 4, { seed: 5 }).toArray(), randomNormal(3, 4, { seed: 6 }).toArray());
  const a = new Rng(9), b = new Rng(9);
  t.deepEqual(a.shuffle([1, 2, 3, 4, 5, 6]), b.shuffle([1, 2, 3, 4, 5, 6]));
});

test("distributions: moments and bounds (tolerances from 1e5 samples)", (t) => {
  const n = randomNormal(100, 1000, { seed: 1, mean: 2, std: 3 }).data;
  const mean = n.reduce((s, v) => s + v, 0) / n.length;
  const sd = Math.sqrt(n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length);
  t.true(Math.abs(mean - 2) < 0.05, `mean ${mean}`); // std error 3/√1e5 ≈ 0.0095
  t.true(Math.abs(sd - 3) < 0.05, `sd ${sd}`);
  const u = randomUniform(100, 1000, { seed: 2, low: -1, high: 3 }).data;
  t.true(u.every((v) => v >= -1 && v < 3));
  const a = Math.sqrt(6 / (300 + 100));
  t.true(xavierUniform(300, 100, { seed: 3 }).data.every((v) => Math.abs(v) <= a));
  const xn = xavierNormal(300, 100, { seed: 4 }).data;
  const v2 = xn.reduce((s, v) => s + v * v, 0) / xn.length;
  t.true(Math.abs(v2 - 2 / 400) < 2e-4, `variance ${v2}`);
});

test("missing or bad seed throws", (t) => {
  throwsWith(t, () => randomNormal(2, 2, {} as never), "randomNormal", "seed");
  throwsWith(t, () => new Rng(0), "Rng", "seed");
});
