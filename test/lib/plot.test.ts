import test from "ava";
import { heatmap, heatmapGrid, similarityMatrix, bar, scatter2d, lines, chartHtml, show } from "../../lib/plot/index.js";
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
  t.is((f.data[0] as { zmin: number }).zmin, -1);
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
});

test("show prints the text fallback outside a notebook", (t) => {
  const logged: string[] = [];
  const orig = console.log;
  console.log = (s: string) => logged.push(s);
  try { show(bar([0.5], ["only"], { title: "t" })); } finally { console.log = orig; }
  t.regex(logged.join(""), /only\s+0\.50 #+/);
});
