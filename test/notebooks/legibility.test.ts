// The legibility rules themselves: each catches the defect it names (seen in issue 9's screenshots),
// and charts built the way the notebooks build them pass.
import test from "ava";
import { bar, heatmap, heatmapGrid, lines, scatter2d, similarityMatrix } from "../../lib/plot/index.js";
import { axisPixels, chartProblems, longCodeLines, luminance } from "./legibility.js";

const has = (problems: string[], fragment: string) => problems.some((p) => p.includes(fragment));

test("charts built as the notebooks build them have no problems", (t) => {
  const figs = [
    bar([0.2, 0.8], ["I eat salmon", "I drink a white-wine mix"], { title: "Weights", xTitle: "context", yTitle: "weight" }),
    heatmap([[0.1, 0.9], [0.5, 0.5]], { title: "Attention", xLabels: ["a", "b"], yLabels: ["c", "d"], xTitle: "key", yTitle: "query", zTitle: "weight" }),
    heatmapGrid([[[0.1, 0.9]], [[0.6, 0.4]]], { title: "Heads", xLabels: ["a", "b"], yLabels: ["q"], xTitle: "key", yTitle: "query", zTitle: "weight" }),
    similarityMatrix([[1, 0], [1, 1]], ["u", "v"], { title: "cos" }),
    lines([1, 10, 1000], [{ name: "s", y: [1, 50, 900] }], { title: "Growth", xTitle: "n", yTitle: "v", xType: "log", yType: "log" }),
    scatter2d([[0, 1], [1, 0]], ["p", "q"], { title: "Points", xTitle: "food", yTitle: "drinks", arrows: [{ to: [1, 1], label: "query" }] }),
  ];
  for (const f of figs) t.deepEqual(chartProblems(f), [], f.text.split("\n")[0]);
});

test("the defects of issue 9 are caught", (t) => {
  // the old bar chart: fixed 450 px, no x title, no toolbar band
  const old = { data: [{ type: "bar", x: [0, 1, 2], y: [1, 2, 3] }],
    layout: { title: { text: "Dot product with the query" }, width: 450, xaxis: { tickmode: "array", tickvals: [0, 1], ticktext: ["a", "b"] }, yaxis: { title: { text: "q · k" } } } };
  const p = chartProblems(old);
  for (const fragment of ["fixed width 450", "xaxis has no title", "1 of 3 categories have no tick", "toolbar band", "not responsive"]) t.true(has(p, fragment), fragment);
  // a title too long for one line
  t.true(has(chartProblems({ ...old, layout: { ...old.layout, title: { text: "x".repeat(80) } } }), "title line of 80 characters"));
  // variance over d_k on a linear axis
  const linear = lines([1, 512], [{ name: "v", y: [1, 520] }], { title: "v", xTitle: "d", yTitle: "v" });
  t.true(has(chartProblems(linear), "xaxis: values span 2.7 decades on a linear axis"));
  t.true(has(chartProblems(linear), "yaxis: values span 2.7 decades"));
  // softmax weights from 1e-4 to 0.8 stay linear: a fraction's tiny values read as 0
  t.deepEqual(chartProblems(lines([1, 2], [{ name: "w", y: [1e-4, 0.8] }], { title: "w", xTitle: "T", yTitle: "weight" })), []);
});

test("heatmap rules: saturated, washed out, dark low end, untitled colour bar, no value on hover", (t) => {
  const good = heatmap([[0.02, 0.9]], { title: "w", xTitle: "key", yTitle: "query", zTitle: "weight" });
  const tr = good.data[0];
  const with_ = (changes: object) => chartProblems({ ...good, data: [{ ...tr, ...changes }] });
  t.true(has(with_({ zmin: -1, zmax: 1 }), "washed out"));
  t.true(has(with_({ zmax: 0.5 }), "outside its colour range"));
  t.true(has(with_({ colorscale: "Viridis" }), "not given as explicit colours"));
  t.true(has(with_({ colorscale: [[0, "#440154"], [1, "#fde725"]] }), "small values look black"));
  t.true(has(with_({ colorbar: {} }), "colour bar has no title"));
  t.true(has(with_({ hovertemplate: "%{text}" }), "hover does not show the value"));
  t.true(has(with_({ zmin: undefined }), "colour range (zmin, zmax) not set"));
});

test("luminance and long code lines", (t) => {
  t.true(luminance("#ffffff") > 0.99 && luminance("rgb(0, 0, 0)") === 0);
  t.true(Number.isNaN(luminance("Viridis")));
  const cells = [{ cell_type: "code", source: ["ok\n", "x".repeat(101)] }, { cell_type: "markdown", source: "y".repeat(300) }];
  t.deepEqual(longCodeLines(cells), ["cell 0, line 2: 101 characters"]);
});

// issue 20's two kinds: labels crammed into narrow panels, and a colour range set by a few outliers
const chars = [..."monday march 5 1979"].map((c) => (c === " " ? "␣" : c)); // 19 one-character labels
const alignment = (seed: number) => Array.from({ length: 10 }, (_, i) => chars.map((_, j) => ((i * 7 + j * 3 + seed) % 19 === 0 ? 0.9 : 0.1 / 18)));

test("19 labels in half an output area are too crowded; the same panels one per row are not", (t) => {
  const opts = { xLabels: chars, yLabels: [..."1979-03-05"], xTitle: "input", yTitle: "output", zTitle: "weight", zmin: 0, zmax: 1, title: "Two alignments" };
  const two = heatmapGrid([alignment(0), alignment(1)], opts);
  t.true(has(chartProblems(two), "xaxis1: 19 labels in 261 px"), chartProblems(two).join("\n"));
  t.true(has(chartProblems(two), "needs 16"));
  const oneColumn = { ...two, layout: { ...two.layout, grid: { ...(two.layout.grid as object), rows: 2, columns: 1 }, height: 2 * 420 } };
  t.deepEqual(chartProblems(oneColumn), []);
  // axisPixels: one grid cell of two with a gap of 0.3 cells, at the 700 px output width less the margins
  t.is(Math.round(axisPixels(two.layout, "xaxis1", "x")), Math.round((700 - 70 - 30) / 2.3));
  // upright words need their width: 9 labels of 9 characters (63 + 4 px each) do not fit 600 px
  const words = Array.from({ length: 9 }, (_, i) => `word${i}abcd`);
  const wide = heatmap([words.map(() => 0.5)], { title: "w", xLabels: words, yLabels: ["q"], xTitle: "k", yTitle: "q", zTitle: "v" });
  (wide.layout.xaxis as Record<string, unknown>).tickangle = 0;
  t.true(has(chartProblems(wide), "needs 67"));
});

test("a colour range set by a few large values is caught; a range clipped with a note passes", (t) => {
  // 15 × 15 weights: one row peaks at 0.595, the other 98 % lie in 0.02–0.095 (issue 20's self-attention map)
  const z = Array.from({ length: 15 }, (_, i) => Array.from({ length: 15 }, (_, j) => (i === 9 && j === 1 ? 0.595 : i === 9 ? 0.405 / 14 : 0.02 + 0.075 * (((i * 15 + j) * 37) % 100) / 99)));
  const base = { title: "Self-attention", xTitle: "key", yTitle: "query" };
  const old = heatmap(z, { ...base, zTitle: "weight" });
  t.true(has(chartProblems(old), "98 % of the values lie in"), chartProblems(old).join("\n"));
  const clipped = heatmap(z, { ...base, zTitle: "weight (clipped at 0.12)", zmin: 0, zmax: 0.12 });
  t.deepEqual(chartProblems(clipped), []);
  const silent = heatmap(z, { ...base, zTitle: "weight", zmin: 0, zmax: 0.12 });
  t.true(has(chartProblems(silent), "saturated"));
  // sparse weights (most near 0, a few near 1) are what attention looks like: not flagged
  t.deepEqual(chartProblems(heatmap(alignment(0), { ...base, zTitle: "weight", zmin: 0, zmax: 1 })), []);
});
