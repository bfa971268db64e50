import test from "ava";
import { heatmap, heatmapGrid, similarityMatrix, bar, scatter2d, lines, show, wrap, colourRange, UNTRUSTED_MESSAGE } from "../../lib/plot/index.js";
import { chartHtml } from "../../lib/plot/plotly_bundle.js";
import { throwsWith } from "../helpers.js";

test("heatmap keeps repeated labels apart and has a text table", (t) => {
  const f = heatmap([[0.25, 0.75], [1, 0]], { xLabels: ["the", "the"], yLabels: ["a", "b"], title: "w" });
  const trace = f.data[0] as { x: number[]; z: number[][] };
  t.deepEqual(trace.x, [0, 1]);
  t.deepEqual(trace.z, [[0.25, 0.75], [1, 0]]);
  t.deepEqual((f.layout.xaxis as { ticktext: string[] }).ticktext, ["the", "the"]);
  t.regex(f.text, /^w\n/);
  t.regex(f.text, /a\s+0\.25\s+0\.75/);
});

test("similarityMatrix: symmetric, ones on the diagonal, values from cosineSimilarity", (t) => {
  const f = similarityMatrix([[1, 0], [1, 1], [0, 2]], ["a", "b", "c"]);
  const z = (f.data[0] as { z: number[][] }).z;
  t.deepEqual(z.map((r, i) => r[i]), [1, 1, 1]);
  t.true(Math.abs(z[0][1] - Math.SQRT1_2) < 1e-15 && z[0][1] === z[1][0]);
  t.is(z[0][2], 0);
  // all similarities here are ≥ 0, so the colour range starts at 0, not -1 (which would waste half the scale)
  t.deepEqual([(f.data[0] as { zmin: number }).zmin, (f.data[0] as { zmax: number }).zmax], [0, 1]);
});

test("colourRange: diverging and symmetric when data cross 0, from 0 to the maximum otherwise", (t) => {
  const div = colourRange([-0.2, 0.5]);
  t.deepEqual([div.zmin, div.zmax, div.colorscale[2][1]], [-0.5, 0.5, "#f7f7f7"]);
  const seq = colourRange([0.01, 0.07, 0.3]);
  t.deepEqual([seq.zmin, seq.zmax, seq.colorscale[0][1]], [0, 0.3, "#f7fbff"]);
  t.deepEqual([colourRange([0.9, 1]).zmin, colourRange([0.9, 1], { zmin: 0 }).zmin], [0.9, 0]);
});

test("titles wrap at word boundaries and sit below the toolbar band; no chart has a fixed width", (t) => {
  t.is(wrap("one two three", 7), "one two<br>three");
  const f = bar([1, 2], ["a", "b"], { title: "Parameters of one attention layer (any number of heads) and some more words" });
  const title = f.layout.title as { text: string; pad: { t: number }; yref: string };
  t.true(title.text.split("<br>").every((l) => l.length <= 50) && title.text.includes("<br>"));
  t.is(title.yref, "container");
  t.true((f.layout.margin as { t: number }).t >= title.pad.t + 22 * 2);
  for (const g of [f, heatmap([[1]]), heatmapGrid([[[1]], [[2]]]), scatter2d([[0, 1]], ["p"]), lines([1], [{ name: "s", y: [1] }])]) {
    t.is(g.layout.width, undefined);
    t.is(g.config.responsive, true);
  }
});

test("bar labels every category, wraps long labels and rotates many", (t) => {
  const five = bar([1, 2, 3, 4, 5], ["I eat salmon", "I eat steak", "I drink red-wine", "I drink water", "I drink a white-wine mix"]);
  const x = five.layout.xaxis as { tickvals: number[]; ticktext: string[]; tickangle: number };
  t.deepEqual(x.tickvals, [0, 1, 2, 3, 4]);
  t.is(x.ticktext[4], "I drink a<br>white-wine<br>mix");
  t.is(x.tickangle, 0);
  t.deepEqual(five.data[0].text, ["1.00", "2.00", "3.00", "4.00", "5.00"]);
  t.deepEqual(bar([0.99853], ["a"], { decimals: 4 }).data[0].text, ["0.9985"]);
  t.is((bar(Array(15).fill(1), Array(15).fill("swimming")).layout.xaxis as { tickangle: number }).tickangle, -45);
});

test("lines: a log axis with few values ticks at each value; with many, one tick per decade", (t) => {
  const few = lines([0.001, 0.01, 1], [{ name: "s", y: [1, 10, 1000] }], { xType: "log", yType: "log" });
  t.deepEqual((few.layout.xaxis as { tickvals: number[] }).tickvals, [0.001, 0.01, 1]);
  t.like(few.layout.yaxis as object, { type: "log", dtick: 1, exponentformat: "power" });
});

test("heatmap hover names the row and column and shows the value; the colour bar is titled", (t) => {
  const f = heatmap([[0.25, 0.75]], { xLabels: ["k1", "k2"], yLabels: ["q"], xTitle: "key", yTitle: "query", zTitle: "weight" });
  const tr = f.data[0] as { text: string[][]; hovertemplate: string; colorbar: { title: { text: string } } };
  t.is(tr.text[0][1], "query q · key k2");
  t.regex(tr.hovertemplate, /%\{z:\.3f\}/);
  t.is(tr.colorbar.title.text, "weight");
});

test("builders reject mismatched labels", (t) => {
  throwsWith(t, () => heatmap([[1, 2]], { xLabels: ["x"] }), "heatmap", "(1, 2)");
  throwsWith(t, () => bar([1, 2], ["a"]), "bar", "2 values", "1 labels");
  throwsWith(t, () => scatter2d([[1, 2]], ["a", "b"]), "scatter2d");
  throwsWith(t, () => lines([1, 2], [{ name: "s", y: [1] }]), "lines", '"s"');
});

test("heatmapGrid puts each matrix on its own axes", (t) => {
  const f = heatmapGrid([[[1]], [[0]]], { titles: ["h0", "h1"] });
  t.deepEqual(f.data.map((d) => [d.xaxis, d.yaxis]), [["x1", "y1"], ["x2", "y2"]]);
  t.truthy(f.layout.xaxis2);
});

test("chart HTML cannot be broken out of by a label", (t) => {
  const html = chartHtml(bar([1], ["</script><b>x"]), "c1");
  t.is(html.match(/<\/script>/g)?.length, 1);
  t.true(html.includes('id="c1"'));
  // what an untrusted notebook (scripts stripped) shows in place of the chart
  t.true(html.includes(`>${UNTRUSTED_MESSAGE}</div>`));
});

test("show prints the text fallback outside a notebook", (t) => {
  const logged: string[] = [];
  const orig = console.log;
  console.log = (s: string) => logged.push(s);
  try { show(bar([0.5], ["only"], { title: "t" })); } finally { console.log = orig; }
  t.regex(logged.join(""), /only\s+0\.50 #+/);
});
