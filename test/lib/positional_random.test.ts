import test from "ava";
import { positionalEncoding, Rng, randomNormal, randomUniform, xavierUniform, xavierNormal } from "../../lib/index.js";
import { assertClose, throwsWith } from "../helpers.js";

test("positional encoding: hand-computed rows (tol 1e-15)", (t) => {
  const pe = positionalEncoding(3, 4);
  assertClose(t, pe.row(0), [0, 1, 0, 1], 0);
  // columns 2 and 3 use 10000^(2/4) = 100
  assertClose(t, pe.row(2), [Math.sin(2), Math.cos(2), Math.sin(0.02), Math.cos(0.02)], 1e-15);
});

test("positional encoding: odd dModel ends with a sin column; rows 7 and 49 against Python's math (tol 1e-15)", (t) => {
  const pe = positionalEncoding(50, 5);
  // python3: [f(p / 10000 ** (2i / 5)) for (2i, f) in ((0, sin), (0, cos), (2, sin), (2, cos), (4, sin))]
  assertClose(t, pe.row(7), [0.6569865987187891, 0.7539022543433046, 0.1749274191500965, 0.9845813313431686, 0.004416687051757924], 1e-15);
  assertClose(t, pe.row(49), [-0.9537526527594719, 0.3005925437436371, 0.942764011015436, 0.33346067164522825, 0.030911984766140464], 1e-15);
  // swapping sin and cos, or a frequency 10000^(c/d) instead of 10000^(2i/d), would fail these
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
