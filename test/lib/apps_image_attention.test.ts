// imageAttention: every pixel takes its patch's weight, ink is marked where the image has it, panels share one
// colour range, and the figure passes the notebooks' legibility rules.
import test from "ava";
import { imageAttention } from "../../lib/plot/index.js";
import { chartProblems } from "../notebooks/legibility.js";
import { throwsWith } from "../helpers.js";

const image = [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0.9]]; // (4, 4), ink at two corners
const panels = [
  { image, attention: [[0.7, 0.1], [0.1, 0.1]], title: "word 1" },
  { image, attention: [[0.05, 0.05], [0.1, 0.8]], title: "word 2" },
];

test("imageAttention: each pixel shows its patch's weight; ink marks sit on the inked pixels", (t) => {
  const fig = imageAttention(panels, { title: "where each word read" });
  const [heat1, ink1, heat2] = fig.data as { z?: number[][]; x?: number[]; y?: number[]; zmax?: number }[];
  t.deepEqual(heat1.z, [[0.7, 0.7, 0.1, 0.1], [0.7, 0.7, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1]]);
  t.is(heat2.z![3][3], 0.8);
  t.deepEqual([ink1.x, ink1.y], [[0, 3], [0, 3]]); // (column, row) of the two inked pixels
  t.is(heat1.zmax, 0.8); // one colour range for every panel
  t.deepEqual(chartProblems(fig), []);
  t.true(fig.text.includes("word 2") && fig.text.includes("0.80"));
});

test("imageAttention: refuses a grid that does not tile the image, and no panels, naming itself", (t) => {
  throwsWith(t, () => imageAttention([{ image, attention: [[1, 0, 0]], title: "x" }], { title: "t" }), "imageAttention", "(4, 4)", "(1, 3)");
  throwsWith(t, () => imageAttention([], { title: "t" }), "imageAttention", "no panels");
});
