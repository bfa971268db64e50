// Lesson 06's image pieces: patchify against a plain four-loop reference (exact), gridPositions against
// positionalEncoding's rows (exact), the synthetic shapes, and the errors each names.
import test from "ava";
import { Rng, positionalEncoding } from "../../lib/index.js";
import { patchify, gridPositions, shapeImages, pairImages, shapePixels, SHAPES, SIZE } from "../../lib/apps/index.js";
import { throwsWith } from "../helpers.js";

/** Patch (R, C) flattened row-major, patches in row-major grid order: the definition, loop by loop. */
function patchesByLoops(img: number[][], p: number): number[][] {
  const out: number[][] = [];
  for (let R = 0; R < img.length / p; R++) for (let C = 0; C < img[0].length / p; C++) {
    const flat: number[] = [];
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) flat.push(img[R * p + i][C * p + j]);
    out.push(flat);
  }
  return out;
}

test("patchify equals the loop-by-loop definition on rectangular images and several patch sizes", (t) => {
  const rng = new Rng(61);
  for (const [H, W, p] of [[4, 6, 2], [6, 6, 3], [12, 12, 3], [5, 10, 5], [3, 3, 1]]) {
    const img = Array.from({ length: H }, () => Array.from({ length: W }, () => rng.normal()));
    const got = patchify(img, p);
    t.is(got.shape, `(${(H / p) * (W / p)}, ${p * p})`);
    t.deepEqual(got.toArray(), patchesByLoops(img, p));
  }
});

test("patchify names itself, the image's shape and p when p does not divide it; rejects ragged and non-finite images", (t) => {
  throwsWith(t, () => patchify([[1, 2, 3], [4, 5, 6]], 2), "patchify", "(2, 3)", "p = 2");
  throwsWith(t, () => patchify([[1, 2], [3, 4]], 0), "patchify", "p = 0");
  throwsWith(t, () => patchify([[1, 2], [3]], 1), "patchify", "lengths 2, 1");
  throwsWith(t, () => patchify([[1, NaN], [3, 4]], 1), "patchify", "pixel (0, 1)");
});

test("gridPositions: row r·cols + c is positionalEncoding(rows, d/2)[r] then positionalEncoding(cols, d/2)[c]", (t) => {
  for (const [rows, cols, d] of [[4, 4, 16], [2, 3, 6], [1, 5, 2]]) {
    const got = gridPositions(rows, cols, d), pr = positionalEncoding(rows, d / 2), pc = positionalEncoding(cols, d / 2);
    t.is(got.shape, `(${rows * cols}, ${d})`);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t.deepEqual(got.row(r * cols + c), [...pr.row(r), ...pc.row(c)]);
  }
  // same row → same first half; same column → same second half; all positions distinct
  const g = gridPositions(4, 4, 16);
  t.deepEqual(g.row(5).slice(0, 8), g.row(7).slice(0, 8));
  t.deepEqual(g.row(1).slice(8), g.row(13).slice(8));
  t.is(new Set(g.toArray().map((r) => r.join())).size, 16);
});

test("gridPositions throws on an odd or non-positive d and on a bad grid, naming itself", (t) => {
  throwsWith(t, () => gridPositions(4, 4, 5), "gridPositions", "d = 5", "even");
  throwsWith(t, () => gridPositions(4, 4, 0), "gridPositions", "d = 0");
  throwsWith(t, () => gridPositions(0, 4, 4), "gridPositions", "rows", "(0, 4)");
});

test("shapes: each class has its own ink pattern; images are 12 × 12, seeded, one or two shapes where promised", (t) => {
  for (const s of [4, 5, 6]) t.is(new Set(SHAPES.map((k) => JSON.stringify(shapePixels(k, s)))).size, 4, `side ${s}`);
  const a = shapeImages(50, { seed: 7 }), b = shapeImages(50, { seed: 7 });
  t.deepEqual(a, b);
  t.true(a.every((x) => x.image.length === SIZE && x.image.every((r) => r.length === SIZE)));
  t.deepEqual([...new Set(a.map((x) => x.label))].sort(), [0, 1, 2, 3]);
  for (const x of a) t.true(x.image.flat().filter((v) => v > 0.5).length === shapePixels(x.shape, 4).length
    || [5, 6].some((s) => x.image.flat().filter((v) => v > 0.5).length === shapePixels(x.shape, s).length));
  const noiseless = pairImages(30, { seed: 8, noise: 0 });
  for (const p of noiseless) { // the left shape's ink in columns 0–5 only, the right one's in 6–11 only
    const inkLeft = p.image.flat().filter((v, k) => v > 0.5 && k % SIZE < SIZE / 2).length;
    const inkRight = p.image.flat().filter((v, k) => v > 0.5 && k % SIZE >= SIZE / 2).length;
    t.true([4, 5, 6].some((s) => shapePixels(p.left, s).length === inkLeft), p.caption);
    t.true([4, 5, 6].some((s) => shapePixels(p.right, s).length === inkRight), p.caption);
    t.is(p.caption, `${p.left} and ${p.right}`);
  }
});
