import test from "ava";
import { heatmap, heatmapGrid, bar, scatter2d, lines, chartHtml, show } from "../../lib/plot/index.js";
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
